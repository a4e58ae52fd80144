using Ipc.Transport;

namespace Ipc.Runtime.Tests.Core;

/// <summary>
/// How frames come out of a stream: a burst of small frames in one read; a large frame's body straight into its own
/// (pooled) array, so that the receiving side copies nothing between the socket and the frame.
/// </summary>
public sealed class FrameReadingTests
{
    [Fact]
    public void SmallFramesThatArrivedTogetherAreCutFromOneRead()
    {
        var stream = new ReadRecordingStream([.. Frames.Framed(new byte[10]), .. Frames.Framed(new byte[20]), .. Frames.Framed(new byte[30])]);
        var reader = new FrameReader(stream, 1024 * 1024, Timeout.InfiniteTimeSpan, _ => { });
        var receiver = new AcceptingReceiver();

        int[] lengths = [.. Enumerable.Range(0, 3).Select(_ => Read(reader, receiver).Length)];

        Assert.Equal([10, 20, 30], lengths);
        Assert.Single(stream.Reads);
    }

    [Fact]
    public void AfterALargeFrameTheNextLengthIsReadAloneAndItsBodyGoesStraightIntoItsArray()
    {
        byte[] first = Pattern(100_000, 1);
        byte[] second = Pattern(100_000, 2);
        var stream = new ReadRecordingStream([.. Frames.Framed(first), .. Frames.Framed(second), .. Frames.Framed(new byte[5])]);
        var reader = new FrameReader(stream, 1024 * 1024, Timeout.InfiniteTimeSpan, _ => { });
        var receiver = new AcceptingReceiver();

        Assert.Equal(first, Read(reader, receiver).ToArray());
        int readsBefore = stream.Reads.Count;
        Assert.Equal(second, Read(reader, receiver).ToArray());
        Assert.Equal(5, Read(reader, receiver).Length);

        Assert.Equal(4, stream.Reads[readsBefore].Requested); // the second frame's length prefix, alone
        Assert.Equal(100_000, stream.Reads[readsBefore + 1].Requested); // its body, into its own array
    }

    [Fact]
    public void ALargeFrameComesInAPooledArrayAndASmallOneInAnArrayOfItsOwn()
    {
        var stream = new ReadRecordingStream([.. Frames.Framed(new byte[FrameReader.MinPooledFrame]), .. Frames.Framed(new byte[100])]);
        var reader = new FrameReader(stream, 1024 * 1024, Timeout.InfiniteTimeSpan, _ => { });
        var receiver = new AcceptingReceiver();

        Assert.True(reader.TryReadFrame(receiver, out ReceivedFrame large));
        Assert.True(reader.TryReadFrame(receiver, out ReceivedFrame small));

        Assert.True(large.IsPooled);
        Assert.False(small.IsPooled);
        large.Return();
    }

    private static ReadOnlyMemory<byte> Read(FrameReader reader, AcceptingReceiver receiver)
    {
        Assert.True(reader.TryReadFrame(receiver, out ReceivedFrame frame));
        return frame.Bytes;
    }

    private static byte[] Pattern(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A stream over fixed bytes that gives each read all it asks for, and records how much each asked.</summary>
    private sealed class ReadRecordingStream(byte[] content) : MemoryStream(content)
    {
        public List<(int Requested, int Read)> Reads { get; } = [];

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = base.Read(buffer, offset, count);
            Reads.Add((count, read));
            return read;
        }
    }

    private sealed class AcceptingReceiver : IFrameReceiver
    {
        public bool Receiving(int length, ReadOnlySpan<byte> start) => true;

        public void NotReceived(int length)
        {
        }

        public void OnFrame(ReceivedFrame frame)
        {
        }

        public void OnClosed(Exception? error)
        {
        }
    }
}
