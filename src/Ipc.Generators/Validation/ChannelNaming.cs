using System.Text;

namespace Ipc.Generators.Validation;

/// <summary>Derives a channel name from a contract member's name, so typed and untyped code meet on one string, and says which explicit names are valid (IPC1008).</summary>
internal static class ChannelNaming
{
    /// <summary>
    /// The kebab-case form of <paramref name="memberName"/>. A word starts at an upper-case letter that follows
    /// a lower-case letter or a digit, and at the last capital of an acronym that a lower-case letter follows;
    /// digits stay with the word before them; underscores separate words. So <c>AsynchronousMessage</c> →
    /// <c>asynchronous-message</c>, <c>GetHTTPResponse2</c> → <c>get-http-response2</c>,
    /// <c>Md5Hash</c> → <c>md5-hash</c>, <c>Save_As</c> → <c>save-as</c>.
    /// </summary>
    public static string ToKebabCase(string memberName)
    {
        var result = new StringBuilder(memberName.Length + 8);
        bool separatorPending = false;
        for (int i = 0; i < memberName.Length; i++)
        {
            char c = memberName[i];
            if (c == '_')
            {
                separatorPending = result.Length > 0;
                continue;
            }

            if (char.IsUpper(c) && i > 0 && StartsWord(memberName, i))
            {
                separatorPending = result.Length > 0;
            }

            if (separatorPending)
            {
                result.Append('-');
                separatorPending = false;
            }

            result.Append(char.ToLowerInvariant(c));
        }

        return result.ToString();
    }

    private static bool StartsWord(string name, int index)
    {
        char previous = name[index - 1];
        if (char.IsLower(previous) || char.IsDigit(previous))
        {
            return true;
        }

        bool nextIsLower = index + 1 < name.Length && char.IsLower(name[index + 1]);
        return char.IsUpper(previous) && nextIsLower;
    }

    /// <summary>The prefix the runtime keeps for its own channels (its ChannelName.ReservedPrefix) and refuses in user code.</summary>
    public const string ReservedChannelPrefix = "ipcgen:";

    /// <summary>Whether an [IpcChannelName] value is a name the runtime accepts: not empty or white space, no control characters, not reserved.</summary>
    public static bool IsValid(string? name)
    {
        if (name is null || string.IsNullOrWhiteSpace(name) || name.StartsWith(ReservedChannelPrefix, System.StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
