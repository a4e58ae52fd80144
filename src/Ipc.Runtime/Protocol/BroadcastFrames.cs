namespace Ipc.Protocol;

/// <summary>
/// The frames of one broadcast, each built once: a renderer's copy differs from another's only by what its
/// connection agreed to (trace context, binary arguments), so at most four variants are serialised, however many
/// renderers there are. Used on the broadcasting thread only; <see cref="Return"/> gives the buffers back.
/// </summary>
internal sealed class BroadcastFrames
{
    private readonly FrameBuilder?[] _variants = new FrameBuilder?[4];
    private readonly string _channel;
    private readonly object?[]? _args;
    private readonly BroadcastSection? _section;

    /// <summary>A broadcast of untyped arguments, serialised by each variant's first connection.</summary>
    public BroadcastFrames(string channel, object?[]? args)
    {
        _channel = channel;
        _args = args;
    }

    /// <summary>A broadcast whose arguments generated code serialised once (<see cref="BroadcastSection"/>); the caller returns it.</summary>
    public BroadcastFrames(string channel, BroadcastSection section)
    {
        _channel = channel;
        _section = section;
    }

    public string Channel => _channel;

    /// <summary>The frame for a connection with <paramref name="outbox"/>'s agreements, built by it the first time.</summary>
    /// <exception cref="IpcSerializationException">An argument cannot be serialised.</exception>
    /// <exception cref="IpcMessageTooLargeException">The message is too large.</exception>
    public FrameBuilder For(Outbox outbox)
    {
        int variant = (outbox.Telemetry.CarriesTraceContext ? 1 : 0) | (outbox.BinaryArguments ? 2 : 0);
        return _variants[variant] ??= _section is null
            ? outbox.BuildCall(MessageKind.MainSend, 0, _channel, _args)
            : outbox.BuildAround(MessageKind.MainSend, 0, _channel, _section.For(outbox.BinaryArguments));
    }

    public void Return()
    {
        foreach (FrameBuilder? frame in _variants)
        {
            frame?.Return();
        }
    }
}
