using System.Runtime.Versioning;
using Ipc.CrossProcess.Tests.Infrastructure;

namespace Ipc.CrossProcess.Tests;

/// <summary>
/// Who may connect and what a connection may announce, against a main in the test process and a real
/// socket. A good renderer stays connected throughout, to show that a bad client disturbs nobody.
/// </summary>
public sealed class HandshakeAndLimitTests : IDisposable
{
    private const int MainMaxMessageSize = 64 * 1024;

    private readonly IpcMain _main = new(new IpcMainOptions { MaxMessageSize = MainMaxMessageSize });
    private readonly List<IpcErrorEventArgs> _errors = [];
    private readonly TaskCompletionSource<IpcErrorEventArgs> _firstError = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HandshakeAndLimitTests()
    {
        _main.On("sync-echo", (e, args) => e.ReturnValue = args.Get<string>(0));
        _main.Error += (_, e) =>
        {
            lock (_errors)
            {
                _errors.Add(e);
            }

            _firstError.TrySetResult(e);
        };
    }

    public void Dispose() => _main.Dispose();

    [Fact]
    public async Task A_client_with_a_wrong_token_is_refused_and_the_good_renderer_keeps_working()
    {
        IpcEndpoint endpoint = _main.Listen();
        using IpcRenderer good = await IpcRenderer.ConnectAsync(endpoint);

        IpcConnectionRefusedException refused = await Assert.ThrowsAsync<IpcConnectionRefusedException>(
            () => Eventually.Within(IpcRenderer.ConnectAsync(new IpcEndpoint(endpoint.Address, "not-the-token"))));

        Assert.Contains("wrong token", refused.Message);
        IpcErrorEventArgs reported = await Eventually.Within(_firstError.Task);
        Assert.IsType<IpcConnectionRefusedException>(reported.Exception);
        Assert.Contains("wrong token", reported.Exception.Message);
        Assert.Equal("still fine", good.SendSync<string>("sync-echo", "still fine"));
        Assert.Single(_main.Renderers);
    }

    [UnixOnlyFact]
    public async Task A_client_speaking_another_protocol_version_is_refused_and_the_good_renderer_keeps_working()
    {
        IpcEndpoint endpoint = _main.Listen();
        using IpcRenderer good = await IpcRenderer.ConnectAsync(endpoint);
        using RawClient client = await RawClient.ConnectAsync(endpoint);

        client.SendHello(version: 99, endpoint.Token);

        (bool accepted, _, string? reason) = client.ReadWelcome();
        Assert.False(accepted);
        Assert.Contains("version 99", reason);
        Assert.True(await client.IsClosedByPeerAsync(Eventually.Bound));
        IpcErrorEventArgs reported = await Eventually.Within(_firstError.Task);
        Assert.IsType<IpcConnectionRefusedException>(reported.Exception);
        Assert.Equal("still fine", good.SendSync<string>("sync-echo", "still fine"));
        Assert.Single(_main.Renderers);
    }

    [UnixOnlyFact]
    public async Task A_silent_client_does_not_delay_other_renderers()
    {
        IpcEndpoint endpoint = _main.Listen();
        using RawClient silent = await RawClient.ConnectAsync(endpoint); // connects, never says hello

        using IpcRenderer good = await Eventually.Within(IpcRenderer.ConnectAsync(endpoint));

        Assert.Equal("not delayed", good.SendSync<string>("sync-echo", "not delayed"));
    }

    [UnixOnlyTheory]
    [InlineData(MainMaxMessageSize + 1)]
    [InlineData(1 << 30)]
    [InlineData(-1)]
    public async Task A_frame_announcing_more_than_the_maximum_closes_the_connection_before_anything_is_allocated(int announced)
    {
        IpcEndpoint endpoint = _main.Listen();
        using IpcRenderer good = await IpcRenderer.ConnectAsync(endpoint);
        using RawClient client = await RawClient.ConnectAsync(endpoint);
        client.SendHello(version: 1, endpoint.Token);
        (bool accepted, int rendererId, _) = client.ReadWelcome();
        Assert.True(accepted);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        client.SendLength(announced); // and nothing after it: main must not wait for, nor allocate, the body

        Assert.True(await client.IsClosedByPeerAsync(Eventually.Bound), "main should close the connection");
        IpcErrorEventArgs reported = await Eventually.Within(_firstError.Task);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.IsType<IpcDisconnectedException>(reported.Exception);
        Assert.Contains($"above the maximum of {MainMaxMessageSize} bytes", reported.Exception.Message);
        Assert.Equal(rendererId, reported.Sender?.Id);
        Assert.True(allocated < 16 * 1024 * 1024, $"{allocated} bytes were allocated meanwhile");
        Assert.Equal("still fine", good.SendSync<string>("sync-echo", "still fine"));
        Assert.Single(_main.Renderers);
    }

    [Fact]
    public async Task A_renderer_rejects_a_frame_above_its_own_maximum_and_reports_why()
    {
        using IpcRenderer renderer = await IpcRenderer.ConnectAsync(_main.Listen(), new IpcRendererOptions { MaxMessageSize = 4096 });
        var rendererError = new TaskCompletionSource<IpcErrorEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        renderer.Error += (_, e) => rendererError.TrySetResult(e);
        IpcSender sender = Assert.Single(_main.Renderers);

        sender.Send("big", new string('x', 10_000)); // within main's maximum, above the renderer's

        IpcErrorEventArgs reported = await Eventually.Within(rendererError.Task);
        Assert.IsType<IpcDisconnectedException>(reported.Exception);
        Assert.Contains("above the maximum of 4096 bytes", reported.Exception.Message);
        await Eventually.TrueAsync(() => !renderer.IsConnected && _main.Renderers.Count == 0, "both ends see the connection closed");
    }

    [UnixOnlyFact]
    [UnsupportedOSPlatform("windows")]
    public void The_socket_lives_in_a_directory_only_its_owner_can_enter_which_disposing_main_deletes()
    {
        string directory = Path.GetDirectoryName(_main.Listen().Address)!;

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        _main.Dispose();
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task Connecting_to_a_parent_without_the_environment_variables_says_what_is_missing()
    {
        Assert.Null(Environment.GetEnvironmentVariable(IpcEndpoint.AddressVariable));

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => IpcRenderer.ConnectToParentAsync());

        Assert.Contains(IpcEndpoint.AddressVariable, error.Message);
        Assert.Contains(IpcEndpoint.TokenVariable, error.Message);
    }
}
