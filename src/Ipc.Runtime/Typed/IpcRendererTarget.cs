namespace Ipc;

/// <summary>
/// Where a generated main → renderer sender delivers: one renderer (<c>e.Sender.PingPongReplies()</c>) or
/// every connected renderer (<c>main.PingPongReplies()</c>).
/// </summary>
public sealed class IpcRendererTarget
{
    private readonly IpcSender? _renderer;
    private readonly IpcMain? _main;

    private IpcRendererTarget(IpcSender? renderer, IpcMain? main)
    {
        _renderer = renderer;
        _main = main;
    }

    /// <summary>Delivers to <paramref name="renderer"/> only.</summary>
    public static IpcRendererTarget One(IpcSender renderer)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        return new IpcRendererTarget(renderer, null);
    }

    /// <summary>Delivers to every renderer connected to <paramref name="main"/> at the time of each send.</summary>
    public static IpcRendererTarget All(IpcMain main)
    {
        ArgumentNullException.ThrowIfNull(main);
        return new IpcRendererTarget(null, main);
    }

    /// <summary>
    /// Sends <paramref name="args"/> on <paramref name="channel"/>. A broadcast skips renderers that disconnect
    /// meanwhile; a send to one renderer throws <see cref="IpcDisconnectedException"/> when it is gone.
    /// </summary>
    public void Send(string channel, object?[] args)
    {
        if (_renderer is not null)
        {
            _renderer.Send(channel, args);
            return;
        }

        foreach (IpcSender renderer in _main!.Renderers)
        {
            try
            {
                renderer.Send(channel, args);
            }
            catch (IpcDisconnectedException)
            {
                // It left between the snapshot and the send; a broadcast reaches whoever is still there.
            }
        }
    }
}
