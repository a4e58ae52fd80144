namespace Ipc.Reliability.Tests.Infrastructure;

/// <summary>
/// Keeps a renderer in the test process calling main — SendSync("echo") on one thread, InvokeAsync("add-one")
/// on another — until a call fails. Each loop's task completes with the exception that ended it, so a test can
/// check both that no thread stayed blocked and why each stopped.
/// </summary>
public sealed class CallStorm
{
    private int _answered;

    public CallStorm(IpcRenderer renderer)
    {
        SyncLoop = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    for (int i = 0; ; i++)
                    {
                        Assert.Equal("echo " + i, renderer.SendSync<string>("echo", "echo " + i));
                        Interlocked.Increment(ref _answered);
                    }
                }
                catch (Exception e)
                {
                    return e;
                }
            },
            TaskCreationOptions.LongRunning);
        InvokeLoop = Task.Run(async () =>
        {
            try
            {
                for (int i = 0; ; i++)
                {
                    Assert.Equal(i + 1, await renderer.InvokeAsync<int>("add-one", i));
                    Interlocked.Increment(ref _answered);
                }
            }
            catch (Exception e)
            {
                return e;
            }
        });
    }

    public Task<Exception> SyncLoop { get; }

    public Task<Exception> InvokeLoop { get; }

    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Registers the channels the storm calls.</summary>
    public static void Serve(IpcMain main)
    {
        main.On("echo", (e, args) => e.ReturnValue = args.Get<string>(0));
        main.Handle("add-one", (e, args) => Task.FromResult<object?>(args.Get<int>(0) + 1));
    }
}
