using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Diagnostics;

/// <summary>
/// Every diagnostic IpcGen reports (BRIEF §4). IDs are fixed once shipped:
/// <list type="bullet">
/// <item><c>IPC0001</c>–<c>IPC0099</c>: how channels are used (listeners, untyped calls); category <see cref="UsageCategory"/>.</item>
/// <item><c>IPC1001</c>–<c>IPC1099</c>: how <c>[IpcChannel]</c> contracts are declared; category <see cref="ContractCategory"/>.</item>
/// </list>
/// Each rule is listed in <c>AnalyzerReleases.Unshipped.md</c> and documented in <c>docs/diagnostics/&lt;id&gt;.md</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>The category of the rules about listeners and untyped channel calls.</summary>
    public const string UsageCategory = "IpcGen.Usage";

    /// <summary>The category of the rules about contract declarations.</summary>
    public const string ContractCategory = "IpcGen.Contracts";

    public const string SyncListenerNeverSetsReturnValueId = "IPC0001";
    public const string SyncListenerSetsReturnValueOnSomePathsId = "IPC0002";
    public const string ReturnValueSetAfterAwaitId = "IPC0003";
    public const string ReturnValueOnFireAndForgetChannelId = "IPC0004";
    public const string UntypedCallOnTypedChannelId = "IPC0005";
    public const string UntypedCallOfWrongKindId = "IPC0006";
    public const string CancellationTokenAmongArgumentsId = "IPC0007";

    /// <summary>
    /// Where each rule's documentation lives, relative to the repository root. The same relative form is used
    /// for every rule so the pages move together with the repository (no host is baked into the assembly).
    /// </summary>
    public static string HelpLinkFor(string id) => "docs/diagnostics/" + id + ".md";

    /// <summary>Format: <c>"The listener of sync channel '{0}' never sets ReturnValue: every SendSync on it fails with IpcNoReplyException"</c>.</summary>
    public static readonly DiagnosticDescriptor SyncListenerNeverSetsReturnValue = Usage(
        SyncListenerNeverSetsReturnValueId,
        "A sync-channel listener never sets ReturnValue",
        "The listener of sync channel '{0}' never sets ReturnValue; a SendSync answered only by it fails with IpcNoReplyException",
        DiagnosticSeverity.Warning,
        "A renderer's SendSync waits for a listener to set the event's ReturnValue. A listener of a sync channel that never sets it leaves the caller with IpcNoReplyException. Set ReturnValue before the listener returns.");

    /// <summary>Format: <c>"The listener of sync channel '{0}' leaves ReturnValue unset on some paths"</c>.</summary>
    public static readonly DiagnosticDescriptor SyncListenerSetsReturnValueOnSomePaths = Usage(
        SyncListenerSetsReturnValueOnSomePathsId,
        "A sync-channel listener sets ReturnValue only on some paths",
        "The listener of sync channel '{0}' can return without setting ReturnValue; the SendSync then fails with IpcNoReplyException",
        DiagnosticSeverity.Warning,
        "Every path through a sync-channel listener that returns normally should set ReturnValue. Paths that throw are fine: the renderer receives IpcRemoteException. A path that returns without a reply makes SendSync fail with IpcNoReplyException.");

    /// <summary>Format: <c>"ReturnValue of sync channel '{0}' is set after an await; the reply has already failed by then"</c>.</summary>
    public static readonly DiagnosticDescriptor ReturnValueSetAfterAwait = Usage(
        ReturnValueSetAfterAwaitId,
        "ReturnValue set after an await",
        "ReturnValue of sync channel '{0}' is set after an await; the listener has already returned and the reply has failed by then",
        DiagnosticSeverity.Warning,
        "An async listener returns to the dispatcher at its first await that does not complete synchronously. Once every listener has returned without a reply, SendSync fails with IpcNoReplyException, and a ReturnValue set later is ignored. Compute the reply synchronously, or use an invoke channel (InvokeAsync / Handle) for asynchronous work.");

    /// <summary>Format: <c>"Channel '{0}' is fire-and-forget; setting ReturnValue has no effect"</c>.</summary>
    public static readonly DiagnosticDescriptor ReturnValueOnFireAndForgetChannel = Usage(
        ReturnValueOnFireAndForgetChannelId,
        "ReturnValue set in a listener of a fire-and-forget channel",
        "Channel '{0}' is fire-and-forget; nobody waits for ReturnValue, so setting it has no effect",
        DiagnosticSeverity.Warning,
        "Messages sent with Send are fire-and-forget: no caller waits for a reply, so ReturnValue is never sent anywhere. Reply with event.Reply or event.Sender, or declare the member with a return type to make it a sync channel.");

    /// <summary>Format: <c>"Channel '{0}' is declared by {1}; use the typed API {2}"</c>.</summary>
    public static readonly DiagnosticDescriptor UntypedCallOnTypedChannel = Usage(
        UntypedCallOnTypedChannelId,
        "An untyped call names a typed channel",
        "Channel '{0}' is declared by {1}; the typed API {2} checks its arguments and reply at compile time",
        DiagnosticSeverity.Info,
        "A string channel name that an [IpcChannel] contract declares can be replaced with the generated typed API, which checks argument and reply types at compile time and follows renames of the contract.");

    /// <summary>Format: <c>"'{0}' on channel '{1}', which {2} declares as {3}"</c>.</summary>
    public static readonly DiagnosticDescriptor UntypedCallOfWrongKind = Usage(
        UntypedCallOfWrongKindId,
        "An untyped call does not match how the contract declares the channel",
        "{0} on channel '{1}', which {2} declares as {3}; {4}",
        DiagnosticSeverity.Warning,
        "InvokeAsync and InvokeAllAsync reach only handlers, and Send, SendSync and Reply reach only listeners, in either direction. Invoking a channel a contract declares as a message (or sending on one it declares as an invocation) reaches nobody: it fails with 'No handler registered' or goes unheard.");

    /// <summary>Format: <c>"{0} sends the CancellationToken '{1}' as a message argument; {2}"</c>.</summary>
    public static readonly DiagnosticDescriptor CancellationTokenAmongArguments = Usage(
        CancellationTokenAmongArgumentsId,
        "A CancellationToken passed among the message arguments",
        "{0} sends the CancellationToken '{1}' as a message argument; {2}",
        DiagnosticSeverity.Warning,
        "The untyped Send, SendSync, InvokeAsync, InvokeAllAsync and Reply take their message arguments as params object?[]. A CancellationToken written among them binds to that array: it would travel as data and cancel nothing, so the runtime refuses the call with ArgumentException. Invocations take a token through the overload (channel, object?[] args, CancellationToken); messages cannot be cancelled.");

    public static readonly DiagnosticDescriptor PropertyOrEventInContract = Contract(
        ContractRules.PropertyOrEvent,
        "A property or event in an [IpcChannel] contract",
        "An [IpcChannel] contract may only declare methods: each method is one channel. Replace the property or event with methods (for example GetX / SetX).");

    public static readonly DiagnosticDescriptor GenericMethodInContract = Contract(
        ContractRules.GenericMethod,
        "A generic method in an [IpcChannel] contract",
        "The types a channel carries are fixed when the contract is compiled: the receiving side must know what to deserialise. Replace the type parameter with a concrete type, or declare one method per type.");

    public static readonly DiagnosticDescriptor ByReferenceInContract = Contract(
        ContractRules.ByReferenceParameter,
        "A ref, out or in parameter in an [IpcChannel] contract",
        "Arguments and replies cross a process boundary as serialised copies, so nothing can be passed or returned by reference. Pass the value, and return what the caller needs.");

    public static readonly DiagnosticDescriptor DuplicateChannelName = Contract(
        ContractRules.DuplicateChannelName,
        "Two contract members map to the same channel name",
        "Two members of contracts of the same direction use the same channel name (their kebab-case names or [IpcChannelName] values are equal), so a message could not tell which one it is for. Rename one, or give it an [IpcChannelName].",
        compilationEnd: true);

    public static readonly DiagnosticDescriptor MisplacedCancellationToken = Contract(
        ContractRules.MisplacedCancellationToken,
        "A CancellationToken that is not the last parameter of an invoke member",
        "Only invocations (members returning Task, Task<T>, ValueTask or ValueTask<T>, in either direction) can be cancelled, and the token is taken from the call rather than sent, so it must be the last parameter.");

    public static readonly DiagnosticDescriptor MainToRendererReturnsValue = Contract(
        ContractRules.MainToRendererReturnsValue,
        "A main → renderer member that returns a value without being awaitable",
        "Main never blocks on a renderer: there is no main → renderer SendSync. A main → renderer member is a message (void) or an invocation of the renderer's handler (Task, Task<T>, ValueTask or ValueTask<T>). Return the value through a task, or declare the member void.");

    public static readonly DiagnosticDescriptor NotSerializable = Contract(
        ContractRules.NotSerializable,
        "A parameter or return type that cannot be serialised",
        "Values cross the process boundary as serialised copies; delegates, pointers, ref structs, streams, tasks and cancellation tokens cannot. Send data instead.");

    public static readonly DiagnosticDescriptor InvalidChannelName = Contract(
        ContractRules.InvalidChannelName,
        "An invalid channel name in [IpcChannelName]",
        "A channel name must not be empty, white space, contain control characters, or start with \"ipcgen:\" (reserved for IpcGen's own channels); the runtime rejects such names.");

    /// <summary>The descriptor of a contract rule, by the id <see cref="ContractValidator"/> reports.</summary>
    public static DiagnosticDescriptor ForContractRule(string ruleId) => ruleId switch
    {
        ContractRules.PropertyOrEvent => PropertyOrEventInContract,
        ContractRules.GenericMethod => GenericMethodInContract,
        ContractRules.ByReferenceParameter => ByReferenceInContract,
        ContractRules.DuplicateChannelName => DuplicateChannelName,
        ContractRules.MisplacedCancellationToken => MisplacedCancellationToken,
        ContractRules.MainToRendererReturnsValue => MainToRendererReturnsValue,
        ContractRules.NotSerializable => NotSerializable,
        ContractRules.InvalidChannelName => InvalidChannelName,
        _ => throw new System.ArgumentOutOfRangeException(nameof(ruleId), ruleId, "Not a contract rule"),
    };

    private static DiagnosticDescriptor Usage(string id, string title, string message, DiagnosticSeverity severity, string description) =>
        new(id, title, message, UsageCategory, severity, isEnabledByDefault: true, description, HelpLinkFor(id));

    // Contract problems carry their own sentence (ContractProblem.Message), written by the shared validator.
    private static DiagnosticDescriptor Contract(string id, string title, string description, bool compilationEnd = false) =>
        compilationEnd
            ? new(id, title, "{0}", ContractCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, description, HelpLinkFor(id), WellKnownDiagnosticTags.CompilationEnd)
            : new(id, title, "{0}", ContractCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, description, HelpLinkFor(id));
}
