namespace Ipc.Connection;

/// <summary>
/// A handler's result that keeps its declared type on its way to the <see cref="ReplySlot"/>
/// (<see cref="CompilerServices.IpcReply"/>): the runtime's handler delegates return <c>Task&lt;object?&gt;</c>, and this
/// is the object, so the reply is still written as <c>T</c>.
/// </summary>
internal abstract class TypedReply
{
    /// <summary>Sends the value through <paramref name="slot"/> as its declared type; false when a reply was already sent.</summary>
    public abstract bool TrySendThrough(ReplySlot slot);
}

/// <inheritdoc />
internal sealed class TypedReply<T>(T value) : TypedReply
{
    public override bool TrySendThrough(ReplySlot slot) => slot.TrySendValue(value);
}
