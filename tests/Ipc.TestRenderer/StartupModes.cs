using Ipc;
using Microsoft.Extensions.Logging;

namespace Ipc.TestRenderer;

/// <summary>One line the renderer's logger received.</summary>
public sealed record LogLine(string Level, int EventId, string Message);

/// <summary>What the "late-report" handler answers: the messages the late listener got, the renderer's log and its Error count.</summary>
public sealed record LateReport(int[] Received, LogLine[] Log, int Errors);

/// <summary>The start-up modes: a renderer that registers its listener before delivery starts, and one that registers it late.</summary>
internal static class StartupModes
{
    /// <summary>
    /// "startup-early": does set-up work (200 ms) inside the configure callback, while main is already sending, then
    /// registers the "burst" listener there. "burst-report" answers the numbers received, in order.
    /// </summary>
    public static async Task<int> EarlyAsync()
    {
        var received = new List<int>();
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using IpcRenderer renderer = await IpcRenderer.ConnectToParentAsync(r =>
        {
            r.Disconnected += (_, _) => disconnected.TrySetResult();
            Thread.Sleep(200); // set-up work, not synchronisation: main has been told we are connected and sends meanwhile
            r.On("burst", (e, args) => received.Add(args.Get<int>(0)));
            r.Handle("burst-report", (e, args) => Task.FromResult<object?>(received.ToArray()));
        });

        await disconnected.Task;
        return 0;
    }

    /// <summary>
    /// "startup-late": connects with a logger and only two control handlers; the "late" listener is added by the
    /// "register-late" handler, i.e. after whatever main sent before invoking it has been dispatched (and dropped).
    /// "late-report" answers what the listener received, every log line and how often Error was raised.
    /// </summary>
    public static async Task<int> LateAsync()
    {
        var received = new List<int>();
        var logger = new CollectingLogger();
        int errors = 0;
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using IpcRenderer renderer = await IpcRenderer.ConnectToParentAsync(
            r =>
            {
                r.Disconnected += (_, _) => disconnected.TrySetResult();
                r.Error += (_, _) => Interlocked.Increment(ref errors);
                r.Handle("register-late", (e, args) =>
                {
                    r.On("late", (_, lateArgs) => received.Add(lateArgs.Get<int>(0)));
                    return Task.FromResult<object?>(null);
                });
                r.Handle("late-report", (e, args) => Task.FromResult<object?>(new LateReport([.. received], logger.Lines, Volatile.Read(ref errors))));
            },
            new IpcRendererOptions { Logger = logger });

        await disconnected.Task;
        return 0;
    }

    private sealed class CollectingLogger : ILogger
    {
        private readonly List<LogLine> _lines = [];

        public LogLine[] Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(new LogLine(logLevel.ToString(), eventId.Id, formatter(state, exception)));
            }
        }
    }
}
