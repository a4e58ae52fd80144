namespace Ipc;

/// <summary>
/// Overrides the channel name of a contract member. Without it the name is the kebab-case form of the
/// method name (<c>AsynchronousMessage</c> → <c>asynchronous-message</c>). Read by the source generator at compile
/// time; immutable, so thread-safe.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class IpcChannelNameAttribute : Attribute
{
    /// <summary>Uses <paramref name="name"/> as the member's channel name.</summary>
    /// <param name="name">The channel name; the analyzers reject an empty or whitespace one (IPC1008).</param>
    public IpcChannelNameAttribute(string name) => Name = name;

    /// <summary>The channel name on the wire.</summary>
    public string Name { get; }
}
