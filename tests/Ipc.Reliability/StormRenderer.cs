namespace Ipc.Reliability;

/// <summary>
/// A renderer that keeps main busy: one thread calls SendSync("storm-sync") and another InvokeAsync("storm-invoke")
/// back to back, 1 KiB each, until main goes. Prints "STORMING" once both have been answered.
/// </summary>
public static class StormRenderer
{
    public static async Task<int> RunAsync()
    {
        using IpcRenderer renderer = await IpcRenderer.ConnectToParentAsync();
        string payload = new('s', 1024);
        var syncAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var invokeAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task sync = Task.Factory.StartNew(
            () =>
            {
                for (int i = 0; ; i++)
                {
                    renderer.SendSync<int>("storm-sync", i, payload);
                    syncAnswered.TrySetResult();
                }
            },
            TaskCreationOptions.LongRunning);
        Task invoke = Task.Run(async () =>
        {
            for (int i = 0; ; i++)
            {
                await renderer.InvokeAsync<int>("storm-invoke", i, payload);
                invokeAnswered.TrySetResult();
            }
        });

        Task both = Task.WhenAll(syncAnswered.Task, invokeAnswered.Task);
        if (await Task.WhenAny(both, sync, invoke) == both)
        {
            Console.WriteLine("STORMING");
        }

        // Both loops end only when a call fails; the disconnection from main is the expected way.
        Exception? syncEnd = await Task.WhenAny(sync).ContinueWith(t => sync.Exception?.InnerException);
        Exception? invokeEnd = await Task.WhenAny(invoke).ContinueWith(t => invoke.Exception?.InnerException);
        return syncEnd is IpcDisconnectedException && invokeEnd is IpcDisconnectedException ? 0 : 2;
    }
}
