using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Ipc.Benchmarks.Infrastructure;
using Ipc.Benchmarks.Peer;

namespace Ipc.Benchmarks.Profiling;

/// <summary>
/// <c>--handoffs &lt;seconds per variant&gt;</c>: what each thread handoff of a synchronous round trip costs on
/// this machine. The same 64-byte ping against the raw peer, with the client side built five ways, from the
/// floor (the calling thread reads its own reply from a blocking socket) to the shape of IpcGen's renderer
/// (a reader thread completes a TaskCompletionSource that the caller waits on, over a socket that an
/// asynchronous operation has switched to non-blocking mode).
/// </summary>
internal static class HandoffExperiment
{
    private const int PayloadBytes = 64;

    public static void Run(double secondsPerVariant)
    {
        using PeerProcess peer = PeerProcess.Start("raw");
        TimeSpan duration = TimeSpan.FromSeconds(secondsPerVariant);
        string payload = new('x', PayloadBytes);
        Console.WriteLine($"64-byte sync ping against the raw peer, {secondsPerVariant:N0} s per variant (median and p99 per call):");

        using (var client = new Client(peer.Address, nonBlocking: false))
        {
            Report("A. caller reads, blocking socket (the floor)", duration, () => client.PingOnCaller(payload));
        }

        using (var client = new Client(peer.Address, nonBlocking: true))
        {
            Report("B. caller reads, socket non-blocking after an async op", duration, () => client.PingOnCaller(payload));
        }

        using (var client = new Client(peer.Address, nonBlocking: false))
        {
            client.StartReader();
            Report("C. reader thread -> ManualResetEventSlim, blocking socket", duration, () => client.PingThroughReader(payload, Client.Wait.Event));
            Report("D. reader thread -> TCS (sync continuations) + Task.Wait", duration, () => client.PingThroughReader(payload, Client.Wait.TaskInline));
            Report("E. reader thread -> TCS (RunContinuationsAsynchronously) + Task.Wait", duration, () => client.PingThroughReader(payload, Client.Wait.TaskAsync));
        }

        using (var client = new Client(peer.Address, nonBlocking: true))
        {
            client.StartReader();
            Report("F. as E, socket non-blocking (IpcGen's renderer today)", duration, () => client.PingThroughReader(payload, Client.Wait.TaskAsync));
        }
    }

    private static void Report(string name, TimeSpan duration, Action ping)
    {
        var samples = new List<long>(1 << 16);
        for (int i = 0; i < 200; i++)
        {
            ping(); // warm up
        }

        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            long started = Stopwatch.GetTimestamp();
            ping();
            samples.Add(Stopwatch.GetTimestamp() - started);
        }

        samples.Sort();
        double toUs = 1e6 / Stopwatch.Frequency;
        Console.WriteLine($"  {name,-72} median {samples[samples.Count / 2] * toUs,8:N1} µs   p99 {samples[(int)(samples.Count * 0.99)] * toUs,8:N1} µs   ({samples.Count} calls)");
    }

    private sealed class Client : IDisposable
    {
        private readonly Socket _socket;
        private readonly byte[] _send = new byte[4 + 1 + 1024];
        private readonly byte[] _receive = new byte[64];
        private Thread? _reader;
        private volatile Action? _onReply;

        public Client(string address, bool nonBlocking)
        {
            _socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            if (nonBlocking)
            {
                // As IpcGen's ConnectAsync does: one asynchronous operation leaves the socket non-blocking for good,
                // and every later synchronous call waits on the runtime's epoll thread.
                _socket.ConnectAsync(new UnixDomainSocketEndPoint(address)).GetAwaiter().GetResult();
            }
            else
            {
                _socket.Connect(new UnixDomainSocketEndPoint(address));
            }
        }

        public enum Wait
        {
            Event,
            TaskInline,
            TaskAsync,
        }

        public void PingOnCaller(string payload)
        {
            Send(payload);
            ReadReply();
        }

        public void StartReader()
        {
            _reader = new Thread(() =>
            {
                try
                {
                    while (true)
                    {
                        ReadReply();
                        _onReply!();
                    }
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or EndOfStreamException)
                {
                }
            })
            { IsBackground = true, Name = "experiment reader" };
            _reader.Start();
        }

        public void PingThroughReader(string payload, Wait wait)
        {
            switch (wait)
            {
                case Wait.Event:
                {
                    using var done = new ManualResetEventSlim();
                    _onReply = done.Set;
                    Send(payload);
                    done.Wait();
                    break;
                }

                default:
                {
                    var done = new TaskCompletionSource(wait == Wait.TaskAsync ? TaskCreationOptions.RunContinuationsAsynchronously : TaskCreationOptions.None);
                    _onReply = () => done.TrySetResult();
                    Send(payload);
                    done.Task.Wait();
                    break;
                }
            }
        }

        public void Dispose() => _socket.Dispose();

        private void Send(string payload)
        {
            int bytes = Encoding.UTF8.GetBytes(payload, _send.AsSpan(5));
            BinaryPrimitives.WriteInt32LittleEndian(_send, 1 + bytes);
            _send[4] = (byte)RawFrameKind.Ping;
            _socket.Send(_send, 0, 5 + bytes, SocketFlags.None);
        }

        private void ReadReply()
        {
            ReceiveExactly(_receive.AsSpan(0, 4));
            ReceiveExactly(_receive.AsSpan(4, BinaryPrimitives.ReadInt32LittleEndian(_receive)));
        }

        private void ReceiveExactly(Span<byte> destination)
        {
            while (destination.Length > 0)
            {
                int received = _socket.Receive(destination, SocketFlags.None);
                if (received == 0)
                {
                    throw new EndOfStreamException();
                }

                destination = destination.Slice(received);
            }
        }
    }
}
