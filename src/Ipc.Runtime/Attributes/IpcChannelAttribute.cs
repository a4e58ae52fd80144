namespace Ipc;

/// <summary>
/// Marks an interface as an IPC contract. Each method becomes a typed channel: a <c>void</c> method a
/// fire-and-forget message, a method returning <c>T</c> a synchronous message, and a method returning
/// <c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c> an invocation.
/// Read by the source generator at compile time; immutable, so thread-safe.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class IpcChannelAttribute : Attribute
{
    /// <summary>Declares a renderer → main contract.</summary>
    public IpcChannelAttribute()
        : this(IpcDirection.RendererToMain)
    {
    }

    /// <summary>Declares a contract whose messages flow in <paramref name="direction"/>.</summary>
    /// <param name="direction">Which side sends the contract's messages.</param>
    public IpcChannelAttribute(IpcDirection direction) => Direction = direction;

    /// <summary>Which side sends the contract's messages.</summary>
    public IpcDirection Direction { get; }
}
