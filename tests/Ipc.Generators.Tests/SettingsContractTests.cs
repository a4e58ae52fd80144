using Ipc.Generators.Tests.Contracts;

namespace Ipc.Generators.Tests;

/// <summary>
/// <see cref="ISettings"/> end to end: a typed receiver fills in the declared defaults of arguments a sender
/// left out, so untyped senders and senders built against an older contract (before a defaulted parameter
/// was added) keep working; and a member whose only parameter is a cancellation token.
/// </summary>
public sealed class SettingsContractTests : IDisposable
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly IpcMain _main = new();

    public void Dispose() => _main.Dispose();

    [Fact]
    public async Task ATypedListenerGetsTheDeclaredDefaultsOfArgumentsTheSenderLeftOut()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        var received = new TaskCompletionSource<(string, int, string?, decimal)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _main.Settings().Configure.On((e, name, retries, label, factor) => received.TrySetResult((name, retries, label, factor)));

        renderer.Send(SettingsChannels.ConfigureChannel.Name, "only the name");

        Assert.Equal(("only the name", 3, (string?)null, 1.25m), await received.Task.WaitAsync(s_hangGuard));
    }

    [Fact]
    public async Task ATypedHandlerGetsTheDeclaredDefaultOfAnArgumentTheSenderLeftOut()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        _main.Settings().Describe.Handle((e, name, verbose) => Task.FromResult(name + (verbose ? " (verbose)" : string.Empty)));

        string? answer = await renderer.InvokeAsync<string>(SettingsChannels.DescribeChannel.Name, "x").WaitAsync(s_hangGuard);

        Assert.Equal("x (verbose)", answer);
    }

    [Fact]
    public async Task ArgumentsTheSenderPassedWinOverTheDefaults()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        var received = new TaskCompletionSource<(string, int, string?, decimal)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _main.Settings().Configure.On((e, name, retries, label, factor) => received.TrySetResult((name, retries, label, factor)));

        renderer.Settings().Configure("n", 7, "label", 2m);

        Assert.Equal(("n", 7, (string?)"label", 2m), await received.Task.WaitAsync(s_hangGuard));
    }

    [Fact]
    public async Task AnInvokeWhoseOnlyParameterIsACancellationTokenRoundTrips()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        int flushed = 0;
        _main.Settings().Flush.Handle((e, ct) => { flushed++; return ValueTask.CompletedTask; });

        await renderer.Settings().Flush(CancellationToken.None).AsTask().WaitAsync(s_hangGuard);

        Assert.Equal(1, flushed);
    }
}
