using System.Diagnostics;
using System.Runtime.Versioning;
using Ipc.CrossProcess.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Ipc.CrossProcess.Tests;

/// <summary>
/// Who gets in (see docs/security.md): every refused client is reported on <see cref="IpcMain.Error"/> and
/// logged, and the socket is out of reach of other OS users, token or not.
/// </summary>
public sealed class SecurityTests : IDisposable
{
    private readonly RecordingLogger _log = new();
    private readonly IpcMain _main;
    private readonly List<IpcErrorEventArgs> _errors = [];

    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public SecurityTests(Xunit.Abstractions.ITestOutputHelper output)
    {
        _output = output;
        _main = new IpcMain(new IpcMainOptions { Logger = _log });
        _main.On("sync-echo", (e, args) => e.ReturnValue = args.Get<string>(0));
        _main.Error += (_, e) => { lock (_errors) { _errors.Add(e); } };
    }

    public void Dispose() => _main.Dispose();

    [UnixOnlyTheory]
    [InlineData("no token", (ushort)1, "", "wrong token")]
    [InlineData("a wrong token", (ushort)1, "0000000000000000000000000000000000000000000000000000000000000000", "wrong token")]
    [InlineData("the token with one character changed", (ushort)1, null, "wrong token")]
    [InlineData("another protocol version", (ushort)2, "right", "protocol version 2")]
    [InlineData("protocol version 0", (ushort)0, "right", "protocol version 0")]
    public async Task A_refused_client_is_reported_on_Error_and_logged_as_a_warning_with_the_reason(string what, ushort version, string? token, string reason)
    {
        IpcEndpoint endpoint = _main.Listen();
        token = token switch
        {
            "right" => endpoint.Token,
            null => endpoint.Token[..^1] + (endpoint.Token[^1] == '0' ? '1' : '0'),
            _ => token,
        };
        using IpcRenderer good = await IpcRenderer.ConnectAsync(endpoint);
        using RawClient client = await RawClient.ConnectAsync(endpoint);

        client.SendHello(version, token);

        (bool accepted, _, string? refusal) = client.ReadWelcome();
        Assert.False(accepted, what);
        Assert.Contains(reason, refusal);
        Assert.True(await client.DrainUntilClosedAsync(Eventually.Bound));
        await Eventually.TrueAsync(() => Errors().Length == 1, "the refusal is reported");
        IpcConnectionRefusedException reported = Assert.IsType<IpcConnectionRefusedException>(Assert.Single(Errors()).Exception);
        Assert.Contains(reason, reported.Message);
        RecordingLogger.Entry logged = Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning);
        Assert.IsType<IpcConnectionRefusedException>(logged.Exception);
        Assert.Contains(reason, logged.Exception!.Message);
        Assert.Equal([good.Id], _main.Renderers.Select(r => r.Id));
        Assert.Equal("still fine", good.SendSync<string>("sync-echo", "still fine"));
    }

    [UnixOnlyFact]
    [UnsupportedOSPlatform("windows")]
    public void The_socket_belongs_to_this_user_inside_a_directory_no_one_else_can_enter_or_list()
    {
        string address = _main.Listen().Address;
        string directory = Path.GetDirectoryName(address)!;

        var socket = new FileInfo(address);
        Assert.True(socket.Exists);
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(directory) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute));
        Assert.Equal(Environment.UserName, Owner(directory));
        Assert.Equal(Environment.UserName, Owner(address));
        Assert.StartsWith("ipcgen-", Path.GetFileName(directory));
    }

    [RootOnLinuxFact]
    [UnsupportedOSPlatform("windows")]
    public async Task Another_OS_user_cannot_reach_the_socket_even_with_the_token()
    {
        IpcEndpoint endpoint = _main.Listen();
        string sameUser = await RunConnectAsync(endpoint, asNobody: false);
        string otherUser = await RunConnectAsync(endpoint, asNobody: true);

        _output.WriteLine($"as {Environment.UserName}: {sameUser}");
        _output.WriteLine($"as nobody: {otherUser}");
        Assert.Equal("CONNECTED", sameUser); // the control: the same command as this user gets in
        Assert.StartsWith("REFUSED", otherUser);
        Assert.Contains("denied", otherUser, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> RunConnectAsync(IpcEndpoint endpoint, bool asNobody)
    {
        ProcessStartInfo renderer = TestProcesses.StartInfo("connect", endpoint.Address, endpoint.Token);
        var startInfo = new ProcessStartInfo(asNobody ? "/usr/bin/setpriv" : renderer.FileName) { RedirectStandardOutput = true, UseShellExecute = false };
        if (asNobody)
        {
            foreach (string argument in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", renderer.FileName })
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        foreach (string argument in renderer.ArgumentList)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var processes = new TestProcesses();
        Process process = processes.Start(startInfo);
        string output = await process.StandardOutput.ReadToEndAsync().WaitAsync(Eventually.Bound * 2);
        await process.WaitForExitAsync().WaitAsync(Eventually.Bound);
        return output.Trim();
    }

    private static string Owner(string path)
    {
        using Process stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%U", path]) { RedirectStandardOutput = true })!;
        string owner = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return owner;
    }

    private IpcErrorEventArgs[] Errors()
    {
        lock (_errors)
        {
            return [.. _errors];
        }
    }
}
