using System.Diagnostics;

namespace Ipc.Processes;

/// <summary>
/// Copies a <see cref="ProcessStartInfo"/> before a launch adds its own environment variables (address, token, launch
/// id): the caller's instance is theirs, and may be reused for the next start (a supervisor's factory, a test), so
/// main never writes into it.
/// </summary>
internal static class StartInfoCopy
{
    public static ProcessStartInfo Of(ProcessStartInfo source)
    {
        var copy = new ProcessStartInfo
        {
            FileName = source.FileName,
            Arguments = source.Arguments,
            WorkingDirectory = source.WorkingDirectory,
            UseShellExecute = source.UseShellExecute,
            Verb = source.Verb,
            CreateNoWindow = source.CreateNoWindow,
            WindowStyle = source.WindowStyle,
            ErrorDialog = source.ErrorDialog,
            ErrorDialogParentHandle = source.ErrorDialogParentHandle,
            RedirectStandardInput = source.RedirectStandardInput,
            RedirectStandardOutput = source.RedirectStandardOutput,
            RedirectStandardError = source.RedirectStandardError,
            StandardInputEncoding = source.StandardInputEncoding,
            StandardOutputEncoding = source.StandardOutputEncoding,
            StandardErrorEncoding = source.StandardErrorEncoding,
            UserName = source.UserName,
        };

        foreach (string argument in source.ArgumentList)
        {
            copy.ArgumentList.Add(argument);
        }

        // The copy's environment starts as this process's; make it the caller's exactly (variables they removed stay removed).
        copy.Environment.Clear();
        foreach (KeyValuePair<string, string?> variable in source.Environment)
        {
            copy.Environment[variable.Key] = variable.Value;
        }

        if (OperatingSystem.IsWindows())
        {
            copy.Domain = source.Domain;
            copy.LoadUserProfile = source.LoadUserProfile;
            copy.Password = source.Password;
            copy.PasswordInClearText = source.PasswordInClearText;
        }

        return copy;
    }
}
