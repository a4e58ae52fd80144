namespace Ipc;

/// <summary>The one rule for channel names, applied at every public entry point.</summary>
internal static class ChannelName
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="channel"/> is a usable channel name.</summary>
    public static void Validate(string? channel, string parameterName = "channel")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel, parameterName);
        foreach (char c in channel)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"The channel name \"{channel.Replace("\0", "\\0")}\" contains a control character.", parameterName);
            }
        }
    }
}
