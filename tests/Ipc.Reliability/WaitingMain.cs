namespace Ipc.Reliability;

/// <summary>A main process for the tests to kill while their renderers wait on it.</summary>
public static class WaitingMain
{
    public static int Run()
    {
        var main = new IpcMain();
        main.On("echo", (e, args) => e.ReturnValue = args.Get<string>(0));
        main.Handle("never", (e, args) => new TaskCompletionSource<object?>().Task);
        main.On("block", (e, args) =>
        {
            Console.WriteLine("BLOCKED");
            Thread.Sleep(Timeout.Infinite);
        });
        IpcEndpoint endpoint = main.Listen();
        Console.WriteLine($"ENDPOINT {endpoint.Address} {endpoint.Token}");
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }
}
