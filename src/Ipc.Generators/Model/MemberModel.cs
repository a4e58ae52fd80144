namespace Ipc.Generators.Model;

/// <summary>How a contract member travels, decided by its return type.</summary>
internal enum MemberKind
{
    /// <summary><c>void</c>: a fire-and-forget message.</summary>
    Message,

    /// <summary>Any other non-task type: a synchronous message answered through <c>ReturnValue</c>.</summary>
    Sync,

    /// <summary><c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>: an invocation answered by a handler.</summary>
    Invoke,
}

/// <summary>Which awaitable an invoke member returns; the proxy and the handler adapter differ per shape.</summary>
internal enum AwaitableShape
{
    None,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>One contract method: one channel.</summary>
/// <param name="Name">The method name as C# source spells it (<c>@event</c> for a keyword).</param>
/// <param name="ChannelTypeName">The generated per-channel class, e.g. <c>AsynchronousMessageChannel</c>.</param>
/// <param name="ReturnType">The declared return type, fully qualified.</param>
/// <param name="ResultType">The value a sync member returns or an invoke member's task carries; null when there is none.</param>
/// <param name="ResultShape">How <paramref name="ResultType"/> is written on the wire; null when there is none.</param>
/// <param name="Parameters">The parameters sent over the wire, in order; a trailing cancellation token is not among them.</param>
/// <param name="CancellationTokenName">The trailing <c>CancellationToken</c> parameter's name, if the member has one.</param>
/// <param name="CancellationTokenIsOptional">True when that parameter has a default value (<c>= default</c>).</param>
/// <param name="Documentation">
/// The member's <c>summary</c> and <c>remarks</c> documentation lines, without the <c>///</c> prefix. Only those two
/// carry over: the generated members they document (properties, channel classes) have other parameters, or none.
/// </param>
internal sealed record MemberModel(
    string Name,
    string ChannelName,
    string ChannelTypeName,
    MemberKind Kind,
    AwaitableShape Awaitable,
    string ReturnType,
    string? ResultType,
    TypeShape? ResultShape,
    EquatableArray<ParameterModel> Parameters,
    string? CancellationTokenName,
    bool CancellationTokenIsOptional,
    EquatableArray<string> Documentation);

/// <summary>A parameter carried as a message argument.</summary>
/// <param name="Name">The name as C# source spells it (<c>@event</c> for a keyword).</param>
/// <param name="Type">The fully qualified type, with its nullable annotation.</param>
/// <param name="DefaultValue">
/// The declared default as a C# expression, or null when there is none. The receiving side uses it when a
/// sender passes fewer arguments, so untyped senders and older contract versions may leave it out. It is a
/// constant expression, so generated signatures can declare it too.
/// </param>
/// <param name="IsParams">True for a <c>params</c> array, which generated signatures declare <c>params</c> too.</param>
/// <param name="Shape">How the argument is written on the wire.</param>
internal sealed record ParameterModel(string Name, string Type, string? DefaultValue, bool IsParams, TypeShape Shape);
