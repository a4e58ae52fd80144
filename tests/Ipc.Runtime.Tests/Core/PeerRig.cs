using Ipc.Connection;
using Ipc.Telemetry;
using Ipc.Transport;

namespace Ipc.Runtime.Tests.Core;

/// <summary>One <see cref="Peer"/> over a <see cref="ScriptedConnection"/>: the test plays the other end.</summary>
internal sealed class PeerRig : IDisposable
{
    public PeerRig(InboundPolicy? inbound = null, int maxMessageSize = 1024 * 1024, OutgoingQueueLimits? limits = null, bool readingThread = false, PeerTelemetry? telemetry = null)
    {
        Connection = new ScriptedConnection { ReadingThread = readingThread };
        Peer = new Peer(Connection, Endpoint, inbound ?? InboundPolicy.ForMain(new MemoryBudget(long.MaxValue).ForProcess(long.MaxValue)), JsonIpcSerializer.Default, maxMessageSize, limits, "the other end", telemetry ?? PeerTelemetry.Plain(PeerTelemetry.Main, "inproc"));
        Peer.Start();
    }

    public ScriptedConnection Connection { get; }

    public RecordingEndpoint Endpoint { get; } = new();

    public Peer Peer { get; }

    public void Dispose() => Connection.Close(null);
}
