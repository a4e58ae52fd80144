namespace Ipc.CrossProcess.Tests.Infrastructure;

/// <summary>A test of the Unix domain socket transport (mode bits, raw socket clients): skipped on Windows, which uses named pipes.</summary>
public sealed class UnixOnlyFactAttribute : FactAttribute
{
    public UnixOnlyFactAttribute() => Skip = Platform.UnixOnlySkipReason;
}

/// <summary>The <see cref="TheoryAttribute"/> counterpart of <see cref="UnixOnlyFactAttribute"/>.</summary>
public sealed class UnixOnlyTheoryAttribute : TheoryAttribute
{
    public UnixOnlyTheoryAttribute() => Skip = Platform.UnixOnlySkipReason;
}

/// <summary>
/// A test that runs a process as another OS user: needs Linux, root and <c>setpriv</c>. CI runs as root
/// on Linux, where it always runs; elsewhere it is reported as skipped, not passed without checking.
/// </summary>
public sealed class RootOnLinuxFactAttribute : FactAttribute
{
    public RootOnLinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess || !File.Exists("/usr/bin/setpriv"))
        {
            Skip = "Needs Linux, root and /usr/bin/setpriv to run a client as another OS user.";
        }
    }
}

/// <summary>A test of something only Linux offers (a process's ancestry read from /proc): skipped elsewhere.</summary>
public sealed class LinuxOnlyFactAttribute : FactAttribute
{
    public LinuxOnlyFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only: main reads a launched renderer's ancestry from /proc.";
        }
    }
}

/// <summary>The one place the platform conditions of these tests are decided.</summary>
internal static class Platform
{
    public static string? UnixOnlySkipReason => OperatingSystem.IsWindows() ? "Unix domain socket specific; Windows uses named pipes." : null;
}
