using System.Diagnostics;
using Ipc.Processes;

namespace Ipc.Runtime.Tests.Lifecycle;

/// <summary>Main starts renderers from a copy of the caller's <see cref="ProcessStartInfo"/>, never writing into it.</summary>
public sealed class StartInfoTests
{
    [Fact]
    public async Task StartRendererAsyncLeavesTheCallersStartInfoUnchanged()
    {
        using var main = new IpcMain();
        var startInfo = new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true };

        await Assert.ThrowsAsync<IpcException>(() => main.StartRendererAsync(startInfo)); // exits without connecting

        Assert.False(startInfo.Environment.ContainsKey(IpcEndpoint.AddressVariable));
        Assert.False(startInfo.Environment.ContainsKey(IpcEndpoint.TokenVariable));
    }

    [Fact]
    public void TheCopyKeepsWhatTheCallerSet()
    {
        var startInfo = new ProcessStartInfo("renderer") { WorkingDirectory = "/tmp", RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add("--mode");
        startInfo.ArgumentList.Add("window");
        startInfo.Environment["APP_SETTING"] = "1";
        startInfo.Environment.Remove("HOME");

        ProcessStartInfo copy = StartInfoCopy.Of(startInfo);

        Assert.NotSame(startInfo, copy);
        Assert.Equal("renderer", copy.FileName);
        Assert.Equal("/tmp", copy.WorkingDirectory);
        Assert.True(copy.RedirectStandardError);
        Assert.Equal(["--mode", "window"], copy.ArgumentList);
        Assert.Equal("1", copy.Environment["APP_SETTING"]);
        Assert.False(copy.Environment.ContainsKey("HOME"));
    }
}
