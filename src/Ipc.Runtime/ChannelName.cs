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
    }
}
