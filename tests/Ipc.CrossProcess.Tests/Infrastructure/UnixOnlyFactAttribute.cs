namespace Ipc.CrossProcess.Tests.Infrastructure;

/// <summary>A test of the Unix domain socket transport (mode bits, raw socket clients): skipped on Windows, which uses named pipes.</summary>
public sealed class UnixOnlyFactAttribute : FactAttribute
{
    public UnixOnlyFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix domain socket specific; Windows uses named pipes.";
        }
    }
}

/// <summary>The <see cref="TheoryAttribute"/> counterpart of <see cref="UnixOnlyFactAttribute"/>.</summary>
public sealed class UnixOnlyTheoryAttribute : TheoryAttribute
{
    public UnixOnlyTheoryAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix domain socket specific; Windows uses named pipes.";
        }
    }
}
