namespace Ipc;

/// <summary>
/// What a typed sync-channel listener receives: an <see cref="IpcMainEvent"/> whose <see cref="ReturnValue"/>
/// has the contract member's return type.
/// As thread-safe as the <see cref="IpcMainEvent"/> it wraps.
/// </summary>
/// <typeparam name="TReturn">The type the renderer's call returns.</typeparam>
public sealed class IpcMainEvent<TReturn>
{
    /// <summary>Wraps <paramref name="untyped"/>.</summary>
    /// <param name="untyped">The untyped event.</param>
    /// <exception cref="ArgumentNullException"><paramref name="untyped"/> is null.</exception>
    public IpcMainEvent(IpcMainEvent untyped)
    {
        ArgumentNullException.ThrowIfNull(untyped);
        Untyped = untyped;
    }

    /// <summary>The event this one wraps.</summary>
    public IpcMainEvent Untyped { get; }

    /// <summary>The channel the message arrived on.</summary>
    public string Channel => Untyped.Channel;

    /// <summary>The renderer that sent the message.</summary>
    public IpcSender Sender => Untyped.Sender;

    /// <summary>True when the renderer waits for <see cref="ReturnValue"/> (it sent with <c>SendSync</c>).</summary>
    public bool IsSync => Untyped.IsSync;

    /// <summary>
    /// The reply. The first assignment is serialised as <typeparamref name="TReturn"/> and sent at once; later
    /// ones are ignored, as <see cref="IpcMainEvent.ReturnValue"/> describes.
    /// </summary>
    /// <exception cref="IpcSerializationException">The value cannot be serialised; no reply was sent.</exception>
    public TReturn? ReturnValue
    {
        get => Untyped.ReturnValue is TReturn value ? value : default;
        set => Untyped.SetReturnValue(value);
    }

    /// <summary>Sends a message to the renderer that sent this one.</summary>
    /// <param name="channel">The channel, on the renderer's side.</param>
    /// <param name="args">The arguments.</param>
    public void Reply(string channel, params object?[]? args) => Untyped.Reply(channel, args);
}
