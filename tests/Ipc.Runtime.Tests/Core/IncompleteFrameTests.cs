using Ipc.Runtime.Tests.Infrastructure;
using Ipc.Transport;

namespace Ipc.Runtime.Tests.Core;

/// <summary>
/// A frame the peer starts and does not finish: its bytes are counted from its length on, and a frame that makes
/// no progress for the incomplete-frame timeout closes the connection, so it cannot hold main's memory for ever.
/// </summary>
public sealed class IncompleteFrameTests
{
    [Theory]
    [InlineData(2)] // inside the length prefix
    [InlineData(50)] // inside the frame's bytes
    public void AFrameLeftUnfinishedClosesTheConnectionOnceTheTimeoutPasses(int bytesSent)
    {
        using var pair = new SocketPair();
        var receiver = new RecordingReceiver();
        using var connection = new StreamConnection(pair.Accepted, 1024 * 1024, 0, TimeSpan.FromMilliseconds(200));
        connection.Start(receiver);

        pair.Client.Write(Frames.Framed(new byte[100]).AsSpan(0, bytesSent));
        pair.Client.Flush();

        Assert.True(receiver.Closed.Wait(Rig.Patience), "the connection was never closed");
        Assert.IsType<TimeoutException>(receiver.CloseError);
        Assert.Empty(receiver.Frames);
    }

    [Fact]
    public void AFrameIsCountedFromItsLengthOnBeforeItsBytesArrive()
    {
        using var pair = new SocketPair();
        var receiver = new RecordingReceiver();
        using var connection = new StreamConnection(pair.Accepted, 1024 * 1024, 0, Timeout.InfiniteTimeSpan);
        connection.Start(receiver);

        byte[] framed = Frames.Framed(new byte[100_000]);
        pair.Client.Write(framed.AsSpan(0, 10));
        pair.Client.Flush();

        Assert.True(receiver.Counted.Wait(Rig.Patience), "the frame was not counted");
        Assert.Equal(100_000, receiver.CountedLength);
        Assert.Empty(receiver.Frames);

        pair.Client.Write(framed.AsSpan(10));
        pair.Client.Flush();
        Assert.True(SpinWait.SpinUntil(() => receiver.Frames.Count == 1, Rig.Patience), "the finished frame never arrived");
    }

    [Fact]
    public void AFrameCutOffByTheConnectionsEndIsGivenBack()
    {
        using var pair = new SocketPair();
        var receiver = new RecordingReceiver();
        using var connection = new StreamConnection(pair.Accepted, 1024 * 1024, 0, Timeout.InfiniteTimeSpan);
        connection.Start(receiver);

        pair.Client.Write(Frames.Framed(new byte[100_000]).AsSpan(0, 10));
        pair.Client.Flush();
        Assert.True(receiver.Counted.Wait(Rig.Patience), "the frame was not counted");
        pair.Client.Dispose();

        Assert.True(receiver.Closed.Wait(Rig.Patience), "the connection was never closed");
        Assert.Equal(100_000, receiver.GivenBack);
    }

    /// <summary>Two connected ends of a Unix domain socket: the test writes to <see cref="Client"/>.</summary>
    private sealed class SocketPair : IDisposable
    {
        private readonly UnixSocketServer _server = new();

        public SocketPair()
        {
            Client = LocalServer.Connect(_server.Address, CancellationToken.None);
            Accepted = _server.Accept();
        }

        public Stream Client { get; }

        public Stream Accepted { get; }

        public void Dispose()
        {
            Client.Dispose();
            Accepted.Dispose();
            _server.Dispose();
        }
    }

    private sealed class RecordingReceiver : IFrameReceiver
    {
        public ManualResetEventSlim Counted { get; } = new();

        public ManualResetEventSlim Closed { get; } = new();

        public int CountedLength { get; private set; }

        public Exception? CloseError { get; private set; }

        public List<byte[]> Frames { get; } = [];

        public int GivenBack { get; private set; }

        public bool Receiving(int length, ReadOnlySpan<byte> start)
        {
            CountedLength = length;
            Counted.Set();
            return true;
        }

        public void NotReceived(int length) => GivenBack += length;

        public void OnFrame(ReceivedFrame frame)
        {
            lock (Frames)
            {
                Frames.Add(frame.Bytes.ToArray());
            }

            frame.Return();
        }

        public void OnClosed(Exception? error)
        {
            CloseError = error;
            Closed.Set();
        }
    }
}
