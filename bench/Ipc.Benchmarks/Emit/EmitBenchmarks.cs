using System.Buffers.Binary;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Ipc.Transport;

namespace Ipc.Benchmarks.Emit;

/// <summary>
/// Suite 1: one emit on main's listener registry (the runtime emitter, reached through InternalsVisibleTo)
/// against the floor: calling the same delegates directly, and one multicast delegate. The event and the
/// arguments are built once, so the emit alone is measured; what a message costs on its way to the
/// emitter is in the cross-process suites.
/// </summary>
[BenchmarkCategory("1-emit")]
public class EmitBenchmarks
{
    private const string UntypedChannel = "untyped-tick";

    private IpcMain _main = null!;
    private IpcMainEvent _event = null!;
    private IpcArgs _noArguments = null!;
    private IpcArgs _intArgument = null!;
    private IpcArgs _recordArgument = null!;
    private IpcMainListener[] _direct = null!;
    private IpcMainListener _multicast = null!;
    private long _calls;

    /// <summary>How many listeners the channel has.</summary>
    [Params(1, 3)]
    public int Listeners { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _main = new IpcMain();
        (InProcessConnection mainEnd, _) = InProcessConnection.CreatePair();
        IpcSender sender = _main.AddRenderer(mainEnd, Ipc.Transport.Handshake.Features.None);
        _event = new IpcMainEvent(sender.Peer, UntypedChannel, reply: null);
        _noArguments = IpcArgs.FromSection(UntypedChannel, new byte[] { 0, 0, 0, 0 }, JsonIpcSerializer.Default);
        _intArgument = OneArgument(EmitBenchChannels.CountChannel.Name, 42);
        _recordArgument = OneArgument(EmitBenchChannels.MoveChannel.Name, new EmitPoint(3, 4, "cursor"));

        EmitBenchMain typed = _main.EmitBench();
        _direct = new IpcMainListener[Listeners];
        for (int i = 0; i < Listeners; i++)
        {
            IpcMainListener untyped = (e, args) => _calls++;
            _direct[i] = untyped;
            _main.On(UntypedChannel, untyped);
            typed.Tick.On(e => _calls++);
            typed.Count.On((e, value) => _calls += value);
            typed.Move.On((e, point) => _calls += point.X);
        }

        _multicast = (IpcMainListener)Delegate.Combine(_direct)!;
    }

    [GlobalCleanup]
    public void Cleanup() => _main.Dispose();

    [Benchmark(Baseline = true, Description = "Direct delegate calls (floor)")]
    public long DirectDelegates()
    {
        foreach (IpcMainListener listener in _direct)
        {
            listener(_event, _noArguments);
        }

        return _calls;
    }

    [Benchmark(Description = "Multicast delegate (floor)")]
    public long MulticastDelegate()
    {
        _multicast(_event, _noArguments);
        return _calls;
    }

    [Benchmark(Description = "IpcGen emit, untyped listener")]
    public int UntypedEmit() => _main.Listeners.Emit(UntypedChannel, _event, _noArguments).ListenersRun;

    [Benchmark(Description = "IpcGen emit, typed listener, no argument")]
    public int TypedEmit() => _main.Listeners.Emit(EmitBenchChannels.TickChannel.Name, _event, _noArguments).ListenersRun;

    [Benchmark(Description = "IpcGen emit, typed listener, one int argument")]
    public int TypedEmitWithArgument() => _main.Listeners.Emit(EmitBenchChannels.CountChannel.Name, _event, _intArgument).ListenersRun;

    [Benchmark(Description = "IpcGen emit, typed listener, one record argument")]
    public int TypedEmitWithRecord() => _main.Listeners.Emit(EmitBenchChannels.MoveChannel.Name, _event, _recordArgument).ListenersRun;

    /// <summary>
    /// The arguments of a message carrying <paramref name="value"/> alone, as they arrive: <c>count:i32</c>, then
    /// <c>length:i32</c> and the value serialised by the default serializer (the wire format of ArgumentSection).
    /// </summary>
    private static IpcArgs OneArgument<T>(string channel, T value)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(value, JsonIpcSerializer.Default.Options);
        byte[] section = new byte[8 + json.Length];
        BinaryPrimitives.WriteInt32LittleEndian(section, 1);
        BinaryPrimitives.WriteInt32LittleEndian(section.AsSpan(4), json.Length);
        json.CopyTo(section, 8);
        return IpcArgs.FromSection(channel, section, JsonIpcSerializer.Default);
    }
}
