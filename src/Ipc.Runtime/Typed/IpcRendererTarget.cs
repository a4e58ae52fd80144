using System.ComponentModel;
using Ipc.Protocol;
using Ipc.Telemetry;

namespace Ipc;

/// <summary>
/// What a generated main → renderer broadcast (<c>main.PingPongReplies()</c>) sends through: every renderer connected to
/// one <see cref="IpcMain"/> at the time of each call. Generated code's door to the runtime; not meant for direct use.
/// Thread-safe.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class IpcRendererTarget
{
    private readonly IpcMain _main;

    private IpcRendererTarget(IpcMain main) => _main = main;

    /// <summary>Addresses every renderer connected to <paramref name="main"/> at the time of each call.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="main"/> is null.</exception>
    /// <param name="main">The main process whose renderers to address.</param>
    /// <returns>The target.</returns>
    public static IpcRendererTarget All(IpcMain main)
    {
        ArgumentNullException.ThrowIfNull(main);
        return new IpcRendererTarget(main);
    }

    /// <summary>
    /// Sends <paramref name="args"/> on <paramref name="channel"/> to every connected renderer, skipping renderers that
    /// disconnect meanwhile. Runs on the calling thread, inside one producer span for all renderers; the message is
    /// serialised once for all of them.
    /// </summary>
    /// <exception cref="IpcSerializationException">An argument cannot be serialised; nothing was sent.</exception>
    /// <exception cref="ObjectDisposedException">The <see cref="IpcMain"/> is disposed.</exception>
    /// <param name="channel">The channel.</param>
    /// <param name="args">The arguments.</param>
    public void Send(string channel, object?[] args)
    {
        _main.ThrowIfDisposed();
        ChannelName.Validate(channel);
        MessageTelemetry span = MessageTelemetry.Send(peer: null, channel);
        var frames = new BroadcastFrames(channel, args);
        try
        {
            SendToEach(_main, frames);
        }
        catch (Exception e)
        {
            span.End(e);
            throw;
        }
        finally
        {
            frames.Return();
        }

        span.End(null);
    }

    /// <summary>The endpoint whose renderers are addressed (<see cref="CompilerServices.IpcBroadcastWriter"/>).</summary>
    internal IpcMain Main => _main;

    /// <summary>Sends a broadcast's frames to every renderer connected now, skipping any that leave meanwhile.</summary>
    internal static void SendToEach(IpcMain main, BroadcastFrames frames)
    {
        foreach (IpcSender renderer in main.Renderers)
        {
            try
            {
                renderer.Peer.Outbox.SendBroadcastCopy(frames);
            }
            catch (IpcDisconnectedException)
            {
                // It left between the snapshot and the send; a broadcast reaches whoever is still there.
            }
        }
    }

    /// <summary>
    /// Invokes every connected renderer's handler for <paramref name="channel"/>, as
    /// <see cref="IpcMain.InvokeAllAsync{T}(string, object?[], CancellationToken)"/> does: one result per renderer, and
    /// the task does not fail for one renderer's sake.
    /// </summary>
    /// <typeparam name="T">The type of the handlers' results.</typeparam>
    /// <param name="channel">The channel.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels every call.</param>
    /// <returns>One result per renderer connected when the call started.</returns>
    public Task<IReadOnlyList<IpcRendererResult<T>>> InvokeAllAsync<T>(string channel, object?[] args, CancellationToken cancellationToken) =>
        _main.InvokeAllAsync<T>(channel, args, cancellationToken);
}
