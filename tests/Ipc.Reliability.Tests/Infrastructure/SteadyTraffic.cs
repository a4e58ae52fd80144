namespace Ipc.Reliability.Tests.Infrastructure;

/// <summary>
/// Main's side of one <see cref="SteadyRenderer"/>: checks every message as it arrives (next sequence number,
/// checksum) and compares, at the end, what the renderer says it sent with what main received.
/// </summary>
internal sealed class SteadyTraffic
{
    private readonly TaskCompletionSource<(IpcSender Sender, int ProcessId)> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Outcome> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Written by main's listeners only, which run one at a time on main's dispatcher.
    private int _next;
    private int _received;
    private int _corrupt;
    private int _outOfOrder;

    public SteadyTraffic(IpcMain main)
    {
        main.On(SteadyRenderer.HelloChannel, (e, args) =>
        {
            _hello.TrySetResult((e.Sender, args.Get<int>(0)));
            e.ReturnValue = true;
        });
        main.On(SteadyRenderer.SendChannel, (e, args) => Record(args));
        main.On(SteadyRenderer.SyncChannel, (e, args) => e.ReturnValue = Record(args));
        main.Handle(SteadyRenderer.InvokeChannel, (e, args) => Task.FromResult<object?>(Record(args)));
        main.On(SteadyRenderer.DoneChannel, (e, args) =>
        {
            _done.TrySetResult(new Outcome(args.Get<long>(0), _received, _corrupt, _outOfOrder, args.Get<long>(1), args.Get<string>(2)));
            e.ReturnValue = true;
        });
    }

    /// <summary>The renderer's answer to main's first message: who it says it is, and on which connection.</summary>
    public Task<(IpcSender Sender, int ProcessId)> Hello => _hello.Task;

    /// <summary>Messages received so far.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <summary>Main's first message to the renderer: it starts the traffic.</summary>
    public static void Start(IpcSender renderer) => renderer.Send(SteadyRenderer.StartChannel);

    /// <summary>Stops the traffic and returns the renderer's own account of it next to main's.</summary>
    public Task<Outcome> StopAsync(IpcSender renderer)
    {
        renderer.Send(SteadyRenderer.StopChannel);
        return _done.Task;
    }

    private int Record(IpcArgs args)
    {
        int seq = args.Get<int>(0);
        string payload = args.Get<string>(1) ?? "";
        if (Payloads.Checksum(payload) != args.Get<int>(2))
        {
            _corrupt++;
        }

        if (seq != _next)
        {
            _outOfOrder++; // lost, duplicated or reordered
        }

        _next = seq + 1;
        Volatile.Write(ref _received, _received + 1);
        return seq;
    }

    /// <summary>The traffic's account: intact when everything sent arrived once, in order, unchanged, and was answered right.</summary>
    public sealed record Outcome(long Sent, long Received, int Corrupt, int OutOfOrder, long WrongReplies, string? Failure)
    {
        public bool IsIntact => Sent > 0 && Received == Sent && Corrupt == 0 && OutOfOrder == 0 && WrongReplies == 0 && Failure is null;
    }
}
