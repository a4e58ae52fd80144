using Ipc.CrossProcess.Tests.Infrastructure;

namespace Ipc.CrossProcess.Tests;

/// <summary>
/// Who a started renderer is (see docs/security.md): each launch has a token of its own, which admits
/// <see cref="IpcMainOptions.MaxConnectionsPerLaunch"/> connections, and the renderer's process id comes from the OS.
/// </summary>
public sealed class LaunchIdentityTests : IDisposable
{
    private readonly TestProcesses _processes = new();

    public void Dispose() => _processes.Dispose();

    [Fact]
    public async Task A_launch_token_admits_one_connection_and_refuses_the_next_with_a_reason()
    {
        using var main = new IpcMain();
        var errors = new List<IpcErrorEventArgs>();
        main.Error += (_, e) => { lock (errors) { errors.Add(e); } };
        Task<string?> result = SecondResult(main);

        IpcSender renderer = await main.StartRendererAsync(TestProcesses.StartInfo("connect-twice")).WaitAsync(TimeSpan.FromSeconds(30));
        _processes.Track(renderer.ProcessId);

        Assert.StartsWith("REFUSED", await result.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("wrong token", await result);
        await Eventually.TrueAsync(() => { lock (errors) { return errors.Any(e => e.Exception is IpcConnectionRefusedException); } }, "the refusal is reported on Error");
    }

    [Fact]
    public async Task MaxConnectionsPerLaunch_lets_one_launch_connect_more_than_once()
    {
        using var main = new IpcMain(new IpcMainOptions { MaxConnectionsPerLaunch = 2 });
        Task<string?> result = SecondResult(main);

        IpcSender renderer = await main.StartRendererAsync(TestProcesses.StartInfo("connect-twice")).WaitAsync(TimeSpan.FromSeconds(30));
        _processes.Track(renderer.ProcessId);

        Assert.Equal("CONNECTED", await result.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static Task<string?> SecondResult(IpcMain main)
    {
        var result = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        main.On("second-result", (e, args) =>
        {
            e.ReturnValue = "ok";
            result.TrySetResult(args.Get<string>(0));
        });
        return result.Task;
    }
}
