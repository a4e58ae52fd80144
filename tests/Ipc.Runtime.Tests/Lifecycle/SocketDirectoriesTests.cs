using System.Diagnostics;
using Ipc.Transport;

namespace Ipc.Runtime.Tests.Lifecycle;

/// <summary>The sweep of socket directories left by processes that are gone: only those, and only ones named by this layout.</summary>
public sealed class SocketDirectoriesTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sweep-test-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("ipcgen-4242-abc123", 4242)]
    [InlineData("ipcgen-1-x", 1)]
    [InlineData("ipcgen-abc123", null)]
    [InlineData("ipcgen--x", null)]
    [InlineData("ipcgen-0-x", null)]
    [InlineData("ipcgen-99999999999-x", null)]
    [InlineData("other-4242-x", null)]
    public void TheOwnerIsReadFromTheNameOnlyInTheCurrentLayout(string name, int? owner) =>
        Assert.Equal(owner, SocketDirectories.OwnerProcessId(name));

    [Fact]
    public void OnlyTheDirectoriesOfProcessesThatAreGoneAreSwept()
    {
        int gone = ExitedProcessId();
        string stale = Make($"ipcgen-{gone}-stale");
        File.WriteAllText(Path.Combine(stale, "main.sock"), "");
        string mine = Make($"ipcgen-{Environment.ProcessId}-mine");
        string olderLayout = Make("ipcgen-abcdef");
        string living = Make($"ipcgen-{AlwaysRunningProcessId}-living");

        int removed = SocketDirectories.SweepStale(_folder.FullName);

        Assert.Equal(1, removed);
        Assert.False(Directory.Exists(stale));
        Assert.True(Directory.Exists(mine));
        Assert.True(Directory.Exists(olderLayout));
        Assert.True(Directory.Exists(living));
    }

    [Fact]
    public void ANewServersDirectoryIsNamedAfterItsProcessAndGoesWithIt()
    {
        using var main = new IpcMain();
        string directory = Path.GetDirectoryName(main.Listen().Address)!;

        Assert.Equal(Environment.ProcessId, SocketDirectories.OwnerProcessId(Path.GetFileName(directory)));
        main.Dispose();
        Assert.False(Directory.Exists(directory));
    }

    private string Make(string name) => Directory.CreateDirectory(Path.Combine(_folder.FullName, name)).FullName;

    private static int ExitedProcessId()
    {
        using Process process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
        process.WaitForExit();
        return process.Id;
    }

    /// <summary>A process that runs as long as the machine: init on Unix, System on Windows.</summary>
    private static int AlwaysRunningProcessId => OperatingSystem.IsWindows() ? 4 : 1;
}
