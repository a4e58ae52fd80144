namespace Ipc.Protocol;

/// <summary>
/// The frames of one broadcast, each built once: a renderer's copy differs from another's only by what its
/// connection agreed to (trace context, binary arguments), so at most four variants are serialised, however many
/// renderers there are. Used on the broadcasting thread only; <see cref="Return"/> gives the buffers back.
/// </summary>
internal sealed class BroadcastFrames(string channel, object?[]? args)
{
    private readonly FrameBuilder?[] _variants = new FrameBuilder?[4];

    public string Channel => channel;

    /// <summary>The frame for a connection with <paramref name="outbox"/>'s agreements, built by it the first time.</summary>
    /// <exception cref="IpcSerializationException">An argument cannot be serialised.</exception>
    /// <exception cref="IpcMessageTooLargeException">The message is too large.</exception>
    public FrameBuilder For(Outbox outbox)
    {
        int variant = (outbox.Telemetry.CarriesTraceContext ? 1 : 0) | (outbox.BinaryArguments ? 2 : 0);
        return _variants[variant] ??= outbox.BuildCall(MessageKind.MainSend, 0, channel, args);
    }

    public void Return()
    {
        foreach (FrameBuilder? frame in _variants)
        {
            frame?.Return();
        }
    }
}
