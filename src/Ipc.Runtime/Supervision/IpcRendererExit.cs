using System.Globalization;
using System.Text;

namespace Ipc;

/// <summary>
/// How one instance of a supervised renderer ended: carried by <see cref="IpcRendererRestartedEventArgs"/> (the instance
/// the restart replaces) and <see cref="IpcSupervisionEndedEventArgs"/> (the last one). Immutable.
/// </summary>
/// <remarks>
/// Exit codes are what <see cref="System.Diagnostics.Process.ExitCode"/> reports. On Linux and macOS, .NET reports a child
/// ended by signal n as 128 + n, as a shell does: SIGKILL (what <see cref="System.Diagnostics.Process.Kill()"/> and
/// <c>kill -9</c> send, and the kernel's out-of-memory killer) is 137, SIGSEGV 139, SIGABRT 134 (also how a .NET process
/// with an unhandled exception ends). A process that calls <c>exit(137)</c> itself looks the same. On Windows a killed
/// process (<c>TerminateProcess</c>, <see cref="System.Diagnostics.Process.Kill()"/>) has the code it was given, -1 from .NET,
/// and a .NET process with an unhandled exception exits with 0xE0434352 (-532462766).
/// </remarks>
public sealed class IpcRendererExit
{
    /// <summary>Describes how an instance ended.</summary>
    /// <param name="reason">Why it ended.</param>
    /// <param name="renderer">Main's view of it; null when it never connected.</param>
    /// <param name="processId">Its process id; null when no process started.</param>
    /// <param name="exitCode">Its exit code; null when it is not known.</param>
    /// <param name="uptime">How long it was connected; zero when it never connected.</param>
    /// <param name="exception">Why it could not start, for a <see cref="IpcRendererExitReason.BootFailure"/> without a process.</param>
    public IpcRendererExit(IpcRendererExitReason reason, IpcSender? renderer, int? processId, int? exitCode, TimeSpan uptime, Exception? exception)
    {
        Reason = reason;
        Renderer = renderer;
        ProcessId = processId;
        ExitCode = exitCode;
        Uptime = uptime;
        Exception = exception;
    }

    /// <summary>Why it ended.</summary>
    public IpcRendererExitReason Reason { get; }

    /// <summary>Main's view of the instance that ended; null for a <see cref="IpcRendererExitReason.BootFailure"/>. It is disconnected.</summary>
    public IpcSender? Renderer { get; }

    /// <summary>The id of the process that was started; null when none could be.</summary>
    public int? ProcessId { get; }

    /// <summary>
    /// The process's exit code, as <see cref="System.Diagnostics.Process.ExitCode"/> reports it; null when it is not known
    /// (no process started, or it did not exit within a few seconds of being killed). See the remarks for signals.
    /// </summary>
    public int? ExitCode { get; }

    /// <summary>
    /// On Linux and macOS, the signal that ended the process, read from <see cref="ExitCode"/> (128 + n gives n, for n up
    /// to 64: 9 for SIGKILL, 11 for SIGSEGV); null on Windows and for lower codes. A process that exits with such a code
    /// itself cannot be told apart.
    /// </summary>
    public int? Signal => ExitCode is int code && !OperatingSystem.IsWindows() && code > 128 && code <= 128 + 64 ? code - 128 : null;

    /// <summary>How long the instance was connected before it ended; zero for a <see cref="IpcRendererExitReason.BootFailure"/>.</summary>
    public TimeSpan Uptime { get; }

    /// <summary>Why the process could not be started (a missing executable, say), or null.</summary>
    public Exception? Exception { get; }

    /// <summary>A sentence for logs, e.g. "Crashed: Renderer 2 (process 4711) exited with code 137 (signal 9) after 00:01:02.5".</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Reason.ToString()).Append(": ");
        text.Append(Renderer?.ToString() ?? (ProcessId is int id ? $"process {id.ToString(CultureInfo.InvariantCulture)}" : "no process"));
        if (ExitCode is int code)
        {
            text.Append(" exited with code ").Append(code.ToString(CultureInfo.InvariantCulture));
            if (Signal is int signal)
            {
                text.Append(" (signal ").Append(signal.ToString(CultureInfo.InvariantCulture)).Append(')');
            }
        }
        else if (Exception is not null)
        {
            text.Append(" could not start: ").Append(Exception.Message);
        }

        if (Uptime > TimeSpan.Zero)
        {
            text.Append(" after ").Append(Uptime.ToString("c", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
