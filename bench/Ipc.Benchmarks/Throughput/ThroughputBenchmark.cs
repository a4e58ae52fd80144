using Ipc.Benchmarks.Infrastructure;
using Ipc.Benchmarks.Peer;

namespace Ipc.Benchmarks.Throughput;

/// <summary>
/// The common part of the throughput suites: one operation is a batch of fire-and-forget messages, timed until
/// the peer has received the last one and answered with its count and the bytes it allocated (checked and
/// recorded here). The Msg/s and per-message columns divide by the batch size.
/// </summary>
public abstract class ThroughputBenchmark : CrossProcessBenchmark
{
    private long _batches;
    private long _receivedAfterFirst;
    private long _peerAllocatedAfterFirst;

    private int _messages;

    /// <summary>
    /// Messages per batch, see <see cref="MessagesFor"/>; worked out once, because the batch loops read it per message and
    /// reading the quick-mode environment variable allocates a string each time (24 B per message in the Send B/msg column
    /// until 2026-12-03).
    /// </summary>
    public int Messages => _messages != 0 ? _messages : _messages = MessagesFor(PayloadBytes);

    /// <summary>
    /// 100,000 messages per batch, 10,000 from 64 KiB (640 MB per batch is enough to time) and 1,000 from
    /// 1 MiB; a tenth of that in quick mode.
    /// </summary>
    public static int MessagesFor(int payloadBytes) =>
        (payloadBytes >= 1024 * 1024 ? 1_000 : payloadBytes >= 64 * 1024 ? 10_000 : 100_000) / (BenchConfig.IsQuick ? 10 : 1);

    /// <summary>Hands the batch figures to the host (the Recv B/msg column), then stops the peer.</summary>
    protected void FinishBatches()
    {
        Extra["messages_per_op"] = Messages;
        Extra["batches"] = _batches;
        if (_receivedAfterFirst > 0)
        {
            Extra["recv_bytes_per_msg"] = (double)_peerAllocatedAfterFirst / _receivedAfterFirst;
        }

        Finish();
    }

    /// <summary>Checks that the peer received the whole batch and counts its allocations (the first batch's aside).</summary>
    protected long Record(BatchResult result)
    {
        if (result.Received != Messages)
        {
            throw new InvalidOperationException($"The peer received {result.Received} of {Messages} messages.");
        }

        if (_batches++ > 0)
        {
            _receivedAfterFirst += result.Received;
            _peerAllocatedAfterFirst += result.AllocatedBytes;
        }

        return result.Received;
    }
}
