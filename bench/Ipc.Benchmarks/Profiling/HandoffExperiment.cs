using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Ipc.Benchmarks.Infrastructure;
using Ipc.Benchmarks.Peer;

namespace Ipc.Benchmarks.Profiling;

/// <summary>
/// <c>--handoffs &lt;seconds per variant&gt;</c>: what each thread handoff of a synchronous round trip costs on
/// this machine. The same 64-byte ping against the raw peer, with the client side built several ways, from the
/// floor (the calling thread reads its own reply from a blocking socket) to the shape of IpcGen's renderer
/// (a reader thread completes a TaskCompletionSource that the caller waits on, over a socket that an
/// asynchronous operation has switched to non-blocking mode), and the leader/follower shapes: the caller reads its
/// own reply while a standby reader stays out of its way.
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
            Report("E. reader -> TCS (async continuations) + Task.Wait (IpcGen before)", duration, () => client.PingThroughReader(payload, Client.Wait.TaskAsync));
        }

        using (var client = new Client(peer.Address, nonBlocking: true))
        {
            client.StartReader();
            Report("F. as E, socket non-blocking", duration, () => client.PingThroughReader(payload, Client.Wait.TaskAsync));
        }

        using (var client = new Client(peer.Address, nonBlocking: false))
        {
            Report("G. as A, poll before recv (a leader's wait with a deadline)", duration, () => client.PingAsLeader(payload));
        }

        using (var client = new Client(peer.Address, nonBlocking: false))
        {
            client.StartStandby(pulsed: false);
            Report("H. caller leads, standby parks <= 1 ms (IpcGen's renderer now)", duration, () => client.PingAsLeader(payload));
        }

        using (var client = new Client(peer.Address, nonBlocking: false))
        {
            client.StartStandby(pulsed: true);
            Report("I. as H, standby woken on every leave (rejected)", duration, () => client.PingAsLeader(payload, pulseOnLeave: true));
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
        private readonly object _gate = new();
        private bool _leading;
        private bool _parked;
        private bool _standbyReads;
        private long _leads;

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

        /// <summary>
        /// A standby reader, as IpcGen's renderer has since leader/follower: it waits in poll without owning the socket's
        /// reading side, and when it wakes for bytes a leading caller will read, it parks until that caller leaves
        /// (pulsed on every leave when <paramref name="pulsed"/>, else for at most 1 ms) instead of polling again.
        /// </summary>
        public void StartStandby(bool pulsed)
        {
            _reader = new Thread(() =>
            {
                try
                {
                    while (true)
                    {
                        long mark;
                        lock (_gate)
                        {
                            mark = _leading ? -1 : _leads;
                        }

                        _socket.Poll(-1, SelectMode.SelectRead);
                        bool untouched;
                        lock (_gate)
                        {
                            if (_leading)
                            {
                                _parked = true;
                                Monitor.Wait(_gate, pulsed ? Timeout.Infinite : 1);
                                _parked = false;
                                continue; // the caller reads these bytes
                            }

                            untouched = mark == _leads;
                            _standbyReads = true;
                        }

                        try
                        {
                            if (untouched || _socket.Poll(0, SelectMode.SelectRead))
                            {
                                ReadReply(); // never reached here: the peer only answers; a real standby delivers what it reads
                            }
                        }
                        finally
                        {
                            lock (_gate)
                            {
                                _standbyReads = false;
                                Monitor.PulseAll(_gate);
                            }
                        }
                    }
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or EndOfStreamException)
                {
                }
            })
            { IsBackground = true, Name = "experiment standby reader" };
            _reader.Start();
        }

        /// <summary>The caller reads its own reply, waiting in poll first as a leader with a deadline must.</summary>
        public void PingAsLeader(string payload, bool pulseOnLeave = false)
        {
            lock (_gate)
            {
                while (_standbyReads)
                {
                    Monitor.Wait(_gate);
                }

                _leading = true;
                _leads++;
            }

            Send(payload);
            _socket.Poll(1_000_000, SelectMode.SelectRead);
            ReadReply();
            lock (_gate)
            {
                _leading = false;
                if (_parked && pulseOnLeave)
                {
                    Monitor.PulseAll(_gate);
                }
            }
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
