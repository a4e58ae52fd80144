namespace Ipc;

/// <summary>The one rule for channel names, applied at every public entry point.</summary>
internal static class ChannelName
{
    /// <summary>
    /// The longest channel name, in UTF-16 characters. Names are echoed in replies and error texts, so a bound keeps
    /// every answer small; a received frame with a longer name is malformed.
    /// </summary>
    public const int MaxLength = 1024;

    /// <summary>The most UTF-8 bytes a name of <see cref="MaxLength"/> characters can take.</summary>
    public const int MaxEncodedLength = MaxLength * 3;

    /// <summary>
    /// The prefix of the channels IpcGen uses itself (compared ordinally). No public method accepts a name that starts
    /// with it, so user code can neither answer, remove nor imitate a built-in channel, and later versions may add
    /// channels under it without clashing with anyone's.
    /// </summary>
    public const string ReservedPrefix = "ipcgen:";

    /// <summary>
    /// The liveness check of supervised renderers: main invokes it, and every <see cref="IpcRenderer"/> answers it with a
    /// built-in handler on its dispatcher (a renderer too old to have one answers "no handler", also from its
    /// dispatcher, which proves the same).
    /// </summary>
    public const string Heartbeat = ReservedPrefix + "heartbeat";

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="channel"/> is a usable channel name.</summary>
    public static void Validate(string? channel, string parameterName = "channel")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel, parameterName);
        if (channel.Length > MaxLength)
        {
            throw new ArgumentException($"The channel name is {channel.Length} characters long; the maximum is {MaxLength}.", parameterName);
        }

        foreach (char c in channel)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"The channel name \"{channel.Replace("\0", "\\0")}\" contains a control character.", parameterName);
            }
        }

        if (channel.StartsWith(ReservedPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The channel name \"{channel}\" starts with \"{ReservedPrefix}\", which IpcGen reserves for its own channels (such as the supervision heartbeat); choose another name.",
                parameterName);
        }
    }

    /// <summary>True for the heartbeat channel; a length check and an ordinal compare, cheap enough for every call.</summary>
    public static bool IsHeartbeat(string channel) => string.Equals(channel, Heartbeat, StringComparison.Ordinal);
}
