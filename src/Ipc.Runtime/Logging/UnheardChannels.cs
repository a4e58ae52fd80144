using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ipc.Logging;

/// <summary>
/// Reports messages dropped because their channel had no listener, as Electron drops them: a warning the first
/// time per channel (a listener registered too late is the usual cause), then at debug level, so a channel that
/// nobody means to listen to does not flood the log. At most <see cref="MaxRemembered"/> channels are remembered, so
/// a renderer sending to ever new names cannot grow main's memory through this; past that, drops log at debug level.
/// </summary>
internal sealed class UnheardChannels(ILogger? logger)
{
    private const int MaxRemembered = 1024;

    private readonly ConcurrentDictionary<string, bool> _warned = new(StringComparer.Ordinal);

    public void Dropped(string channel, string sender)
    {
        if (logger is null)
        {
            return;
        }

        if (_warned.Count < MaxRemembered && _warned.TryAdd(channel, true))
        {
            IpcLog.NoListenerFirst(logger, channel, sender);
        }
        else
        {
            IpcLog.NoListener(logger, channel, sender);
        }
    }
}
