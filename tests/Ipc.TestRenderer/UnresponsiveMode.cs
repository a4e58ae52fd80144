using Ipc;

namespace Ipc.TestRenderer;

/// <summary>
/// The "unresponsive" mode: a renderer that answers "status" with "ok" and whose "block" listener never returns, so
/// that its dispatcher stops while its process runs on — the hung renderer that supervision's heartbeat must find.
/// Exits 0 when main disconnects, unless its dispatcher is blocked by then (it then runs until killed).
/// </summary>
internal static class UnresponsiveMode
{
    public static async Task<int> RunAsync()
    {
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using IpcRenderer renderer = await IpcRenderer.ConnectToParentAsync(r =>
        {
            r.Disconnected += (_, _) => disconnected.TrySetResult();
            r.Handle("status", (e, args) => Task.FromResult<object?>("ok"));
            r.On("block", (e, args) => Thread.Sleep(Timeout.Infinite)); // the hang itself, not a wait for anything
        });

        await disconnected.Task;
        return 0;
    }
}
