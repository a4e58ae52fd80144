using Ipc;

namespace Ipc.TestRenderer;

/// <summary>A shape whose copy travels main → renderer → main (the tests declare the same record).</summary>
public sealed record Shape(string Name, double[] Points);

/// <summary>What the "scale" handler answers: the scaled shape and the process that scaled it.</summary>
public sealed record Scaled(Shape Shape, int ProcessId);

/// <summary>What the "order-report" handler answers: every message and invocation in the order they ran, and how often two overlapped.</summary>
public sealed record OrderReport(string[] Ran, int Overlaps);

/// <summary>The exception the "throw-*" handlers throw; main must see its full type name.</summary>
public sealed class RendererHandlerException(string message) : Exception(message);

/// <summary>
/// The "serve" mode: a renderer whose listeners and handlers, registered before delivery starts, let main test
/// invoking a renderer. Every channel it answers is listed here; it reports to main on "handler-started",
/// "handler-cancelled", "nested-result" and "sendsync-result". Exits 0 once its connection to main ends.
/// </summary>
internal static class ServeMode
{
    /// <param name="status">What the "status" handler does: "answer" with "ok", or "hang" until its token is cancelled.</param>
    public static async Task<int> RunAsync(string status)
    {
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new OrderLog();
        using IpcRenderer renderer = await IpcRenderer.ConnectToParentAsync(
            r =>
            {
                r.Disconnected += (_, _) => disconnected.TrySetResult();

                // Typed arguments and result: a record and an int in, a record out.
                r.Handle("scale", (e, args) =>
                {
                    Shape shape = args.Get<Shape>(0)!;
                    int factor = args.Get<int>(1);
                    var scaled = new Shape($"{shape.Name} x{factor}", [.. shape.Points.Select(p => p * factor)]);
                    return Task.FromResult<object?>(new Scaled(scaled, Environment.ProcessId));
                });

                // A handler that says it started, then never completes and ignores its token.
                r.Handle("never", (e, args) =>
                {
                    r.Send("handler-started", args.Get<string>(0));
                    return new TaskCompletionSource<object?>().Task;
                });

                r.Handle("wait-for-cancel", (e, args) => WaitForCancelAsync(r, e, args.Get<string>(0)));
                r.Handle("status", (e, args) => status == "hang" ? WaitForCancelAsync(r, e, "status") : Task.FromResult<object?>("ok"));
                r.HandleOnce("once", (e, args) => Task.FromResult<object?>("first"));
                r.Handle("remove-handler", (e, args) =>
                {
                    r.RemoveHandler(args.Get<string>(0)!);
                    return Task.FromResult<object?>(null);
                });
                r.Handle("throw-sync", (e, args) => throw new RendererHandlerException(args.Get<string>(0)!));
                r.Handle("throw-async", (e, args) => ThrowAsync(args.Get<string>(0)!));

                // Order: listeners and handlers record, in the order they run, the (tag, sequence number) main gave them.
                r.On("order-send", (e, args) => order.Ran(args.Get<string>(0), args.Get<int>(1)));
                r.Handle("order-invoke", (e, args) =>
                {
                    int sequence = args.Get<int>(1);
                    order.Ran(args.Get<string>(0), sequence);
                    return Task.FromResult<object?>(sequence);
                });
                r.Handle("order-report", (e, args) => Task.FromResult<object?>(order.Report()));

                // Nesting. (a) a listener starts the renderer's own InvokeAsync to main, whose handler invokes "renderer-inner" back;
                // (b) main invokes "outer-b", which awaits main's "main-inner"; (c) a listener blocks the dispatcher in SendSync.
                r.Handle("renderer-inner", (e, args) => Task.FromResult<object?>($"renderer({args.Get<string>(0)})"));
                r.On("start-nested-a", (e, args) => _ = InvokeMainAndReportAsync(r, args.Get<string>(0)));
                r.Handle("outer-b", async (e, args) =>
                {
                    string? inner = await r.InvokeAsync<string>("main-inner", [args.Get<string>(0)], e.CancellationToken);
                    return $"renderer({inner})";
                });
                r.On("start-sendsync", (e, args) =>
                {
                    string outcome;
                    try
                    {
                        outcome = "returned " + r.SendSync<string>("main-blocks", args.Get<string>(0));
                    }
                    catch (Exception error)
                    {
                        outcome = $"threw {error.GetType().FullName}: {error.Message}";
                    }

                    r.Send("sendsync-result", outcome);
                });

                // Leaving: dispose the IpcRenderer (the process then exits 0), or exit the process at once.
                r.On("dispose", (e, args) => r.Dispose());
                r.On("exit", (e, args) => Environment.Exit(args.Get<int>(0)));
            },
            new IpcRendererOptions { SendSyncTimeout = TimeSpan.FromMinutes(10) });

        await disconnected.Task;
        return 0;
    }

    private static async Task<object?> WaitForCancelAsync(IpcRenderer renderer, IpcRendererInvokeEvent e, string? tag)
    {
        renderer.Send("handler-started", tag);
        try
        {
            await Task.Delay(Timeout.Infinite, e.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            if (renderer.IsConnected)
            {
                renderer.Send("handler-cancelled", tag);
            }

            throw;
        }

        return null;
    }

    private static async Task<object?> ThrowAsync(string message)
    {
        await Task.Yield();
        throw new RendererHandlerException(message);
    }

    private static async Task InvokeMainAndReportAsync(IpcRenderer renderer, string? argument)
    {
        string outcome;
        try
        {
            outcome = "returned " + await renderer.InvokeAsync<string>("main-outer", argument);
        }
        catch (Exception error)
        {
            outcome = $"threw {error.GetType().FullName}: {error.Message}";
        }

        renderer.Send("nested-result", outcome);
    }

    /// <summary>What ran, in order; only the renderer's dispatcher writes it, and it notices if two runs overlap.</summary>
    private sealed class OrderLog
    {
        private readonly List<string> _ran = [];
        private int _running;
        private int _overlaps;

        public void Ran(string? tag, int sequence)
        {
            if (Interlocked.Increment(ref _running) > 1)
            {
                Interlocked.Increment(ref _overlaps);
            }

            lock (_ran)
            {
                _ran.Add($"{tag}:{sequence}");
            }

            Thread.SpinWait(20); // widen the window in which an overlapping run would be seen
            Interlocked.Decrement(ref _running);
        }

        public OrderReport Report()
        {
            lock (_ran)
            {
                return new OrderReport([.. _ran], Volatile.Read(ref _overlaps));
            }
        }
    }
}
