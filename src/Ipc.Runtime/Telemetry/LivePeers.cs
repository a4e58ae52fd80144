using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ipc.Connection;
using static Ipc.Telemetry.SemanticConventions;

namespace Ipc.Telemetry;

/// <summary>
/// The open connections of this process, read by the observable instruments when a metrics listener collects.
/// A connection is added when it starts and removed when it closes, so the set never outlives its connections.
/// </summary>
internal sealed class LivePeers
{
    private readonly ConcurrentDictionary<Peer, byte> _peers = new();

    public void Add(Peer peer) => _peers.TryAdd(peer, 0);

    public void Remove(Peer peer) => _peers.TryRemove(peer, out _);

    /// <summary>One measurement: how many renderers the main processes of this process have.</summary>
    public int ActiveRenderers()
    {
        int count = 0;
        foreach (Peer peer in _peers.Keys)
        {
            count += peer.Telemetry.Role == PeerTelemetry.Main ? 1 : 0;
        }

        return count;
    }

    /// <summary>The calls waiting for a reply, one measurement per role.</summary>
    public IEnumerable<Measurement<int>> PendingCalls()
    {
        int atMain = 0;
        int atRenderers = 0;
        foreach (Peer peer in _peers.Keys)
        {
            if (peer.Telemetry.Role == PeerTelemetry.Main)
            {
                atMain += peer.Calls.Count;
            }
            else
            {
                atRenderers += peer.Calls.Count;
            }
        }

        return
        [
            new Measurement<int>(atMain, new KeyValuePair<string, object?>(Role, PeerTelemetry.Main)),
            new Measurement<int>(atRenderers, new KeyValuePair<string, object?>(Role, PeerTelemetry.Renderer)),
        ];
    }

    /// <summary>Main's outgoing queue, one measurement per renderer.</summary>
    public IEnumerable<Measurement<long>> QueuedBytes()
    {
        var measurements = new List<Measurement<long>>();
        foreach (Peer peer in _peers.Keys)
        {
            if (peer.Telemetry.Role == PeerTelemetry.Main)
            {
                measurements.Add(new Measurement<long>(peer.QueuedBytes, new TagList { { RendererId, peer.Telemetry.RendererId } }));
            }
        }

        return measurements;
    }
}
