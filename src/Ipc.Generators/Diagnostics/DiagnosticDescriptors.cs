using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Diagnostics;

/// <summary>
/// Every diagnostic IpcGen reports, by the ids of <see cref="DiagnosticIds"/>: <c>IPC0xxx</c> for how channels are
/// used (category <see cref="UsageCategory"/>), <c>IPC1xxx</c> for how contracts are declared (category
/// <see cref="ContractCategory"/>). Each rule is listed in <c>AnalyzerReleases.Unshipped.md</c> and documented at
/// <see cref="HelpLinkFor"/>.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>The category of the rules about listeners and untyped channel calls.</summary>
    public const string UsageCategory = "IpcGen.Usage";

    /// <summary>The category of the rules about contract declarations.</summary>
    public const string ContractCategory = "IpcGen.Contracts";

    /// <summary>
    /// The rule's page, absolute: an IDE opens help links as they are, so a relative path would be a dead link. The base
    /// comes from the package's project URL when this assembly is built (<see cref="DocumentationLinks"/>).
    /// </summary>
    public static string HelpLinkFor(string id) => DocumentationLinks.DiagnosticsBaseUrl + "/" + id + ".md";

    /// <summary>Format: <c>"The listener of sync channel '{0}' never sets ReturnValue: every SendSync on it fails with IpcNoReplyException"</c>.</summary>
    public static readonly DiagnosticDescriptor SyncListenerNeverSetsReturnValue = Usage(
        DiagnosticIds.SyncListenerNeverSetsReturnValue,
        "A sync-channel listener never sets ReturnValue",
        "The listener of sync channel '{0}' never sets ReturnValue; a SendSync answered only by it fails with IpcNoReplyException",
        DiagnosticSeverity.Warning,
        "A renderer's SendSync waits for a listener to set the event's ReturnValue. A listener of a sync channel that never sets it leaves the caller with IpcNoReplyException. Set ReturnValue before the listener returns.");

    /// <summary>Format: <c>"The listener of sync channel '{0}' leaves ReturnValue unset on some paths"</c>.</summary>
    public static readonly DiagnosticDescriptor SyncListenerSetsReturnValueOnSomePaths = Usage(
        DiagnosticIds.SyncListenerSetsReturnValueOnSomePaths,
        "A sync-channel listener sets ReturnValue only on some paths",
        "The listener of sync channel '{0}' can return without setting ReturnValue; the SendSync then fails with IpcNoReplyException",
        DiagnosticSeverity.Warning,
        "Every path through a sync-channel listener that returns normally should set ReturnValue. Paths that throw are fine: the renderer receives IpcRemoteException. A path that returns without a reply makes SendSync fail with IpcNoReplyException.");

    /// <summary>Format: <c>"ReturnValue of sync channel '{0}' is set after an await; the reply has already failed by then"</c>.</summary>
    public static readonly DiagnosticDescriptor ReturnValueSetAfterAwait = Usage(
        DiagnosticIds.ReturnValueSetAfterAwait,
        "ReturnValue set after an await",
        "ReturnValue of sync channel '{0}' is set after an await; the listener has already returned and the reply has failed by then",
        DiagnosticSeverity.Warning,
        "An async listener returns to the dispatcher at its first await that does not complete synchronously. Once every listener has returned without a reply, SendSync fails with IpcNoReplyException, and a ReturnValue set later is ignored. Compute the reply synchronously, or use an invoke channel (InvokeAsync / Handle) for asynchronous work.");

    /// <summary>Format: <c>"Channel '{0}' is fire-and-forget; setting ReturnValue has no effect"</c>.</summary>
    public static readonly DiagnosticDescriptor ReturnValueOnFireAndForgetChannel = Usage(
        DiagnosticIds.ReturnValueOnFireAndForgetChannel,
        "ReturnValue set in a listener of a fire-and-forget channel",
        "Channel '{0}' is fire-and-forget; nobody waits for ReturnValue, so setting it has no effect",
        DiagnosticSeverity.Warning,
        "Messages sent with Send are fire-and-forget: no caller waits for a reply, so ReturnValue is never sent anywhere. Reply with event.Reply or event.Sender, or declare the member with a return type to make it a sync channel.");

    /// <summary>Format: <c>"Channel '{0}' is declared by {1}; use the typed API {2}"</c>.</summary>
    public static readonly DiagnosticDescriptor UntypedCallOnTypedChannel = Usage(
        DiagnosticIds.UntypedCallOnTypedChannel,
        "An untyped call names a typed channel",
        "Channel '{0}' is declared by {1}; the typed API {2} checks its arguments and reply at compile time",
        DiagnosticSeverity.Info,
        "A string channel name that an [IpcChannel] contract declares can be replaced with the generated typed API, which checks argument and reply types at compile time and follows renames of the contract.");

    /// <summary>Format: <c>"'{0}' on channel '{1}', which {2} declares as {3}"</c>.</summary>
    public static readonly DiagnosticDescriptor UntypedCallOfWrongKind = Usage(
        DiagnosticIds.UntypedCallOfWrongKind,
        "An untyped call does not match how the contract declares the channel",
        "{0} on channel '{1}', which {2} declares as {3}; {4}",
        DiagnosticSeverity.Warning,
        "InvokeAsync and InvokeAllAsync reach only handlers, and Send, SendSync and Reply reach only listeners, in either direction. Invoking a channel a contract declares as a message (or sending on one it declares as an invocation) reaches nobody: it fails with 'No handler registered' or goes unheard.");

    /// <summary>Format: <c>"{0} sends the CancellationToken '{1}' as a message argument; {2}"</c>.</summary>
    public static readonly DiagnosticDescriptor CancellationTokenAmongArguments = Usage(
        DiagnosticIds.CancellationTokenAmongArguments,
        "A CancellationToken passed among the message arguments",
        "{0} sends the CancellationToken '{1}' as a message argument; {2}",
        DiagnosticSeverity.Warning,
        "The untyped Send, SendSync, InvokeAsync, InvokeAllAsync and Reply take their message arguments as params object?[]. A CancellationToken written among them binds to that array: it would travel as data and cancel nothing, so the runtime refuses the call with ArgumentException. Invocations take a token through the overload (channel, object?[] args, CancellationToken); messages cannot be cancelled.");

    /// <summary>Format: <c>"{0} '{1}' here, but '{1}' is declared {2}; {3}"</c>, {0} saying which side sends or listens.</summary>
    public static readonly DiagnosticDescriptor ContractUsedAgainstItsDirection = Usage(
        DiagnosticIds.ContractUsedAgainstItsDirection,
        "A contract used in the direction it does not declare",
        "{0} '{1}' here, but '{1}' is declared {2}; {3}",
        DiagnosticSeverity.Error,
        "A renderer → main contract ([IpcChannel], the default) is sent by renderers and listened to on main; a main → renderer contract ([IpcChannel(IpcDirection.MainToRenderer)]) is sent by main (to one renderer through e.Sender, or to all through main) and listened to on renderers. Code that uses a contract the other way round does not compile; the attribute's direction is what to change.");

    /// <summary>Format: <c>"'{0}' is {1}; an [IpcChannel] contract may only declare methods, each one a channel"</c>.</summary>
    public static readonly DiagnosticDescriptor PropertyOrEventInContract = Contract(
        DiagnosticIds.PropertyOrEventInContract,
        "A property or event in an [IpcChannel] contract",
        "'{0}' is {1}; an [IpcChannel] contract may only declare methods, each one a channel",
        "An [IpcChannel] contract may only declare methods: each method is one channel. Replace the property or event with methods (for example GetX / SetX). The rest of the contract keeps its typed API.");

    /// <summary>Format: <c>"'{0}' is generic; …"</c>.</summary>
    public static readonly DiagnosticDescriptor GenericMethodInContract = Contract(
        DiagnosticIds.GenericMethodInContract,
        "A generic method in an [IpcChannel] contract",
        "'{0}' is generic; the types a channel carries must be fixed",
        "The types a channel carries are fixed when the contract is compiled: the receiving side must know what to deserialise. Replace the type parameter with a concrete type, or declare one method per type.");

    /// <summary>Format: <c>"{0} is passed by reference; …"</c>, {0} naming a parameter or a reply.</summary>
    public static readonly DiagnosticDescriptor ByReferenceInContract = Contract(
        DiagnosticIds.ByReferenceInContract,
        "A ref, out or in parameter in an [IpcChannel] contract",
        "{0} is passed by reference; arguments and replies always travel as copies",
        "Arguments and replies cross a process boundary as serialised copies, so nothing can be passed or returned by reference. Pass the value, and return what the caller needs.");

    /// <summary>Format: <c>"'{0}' uses channel '{1}', as does {2}"</c>.</summary>
    public static readonly DiagnosticDescriptor DuplicateChannelName = Contract(
        DiagnosticIds.DuplicateChannelName,
        "Two contract members map to the same channel name",
        "'{0}' uses channel '{1}', as does {2}",
        "Two members of contracts of the same direction use the same channel name (their kebab-case names or [IpcChannelName] values are equal), so a message could not tell which one it is for. Rename one, or give it an [IpcChannelName].",
        compilationEnd: true);

    /// <summary>Format: <c>"Parameter '{0}' of '{1}' is a CancellationToken; {2}"</c>.</summary>
    public static readonly DiagnosticDescriptor MisplacedCancellationToken = Contract(
        DiagnosticIds.MisplacedCancellationToken,
        "A CancellationToken that is not the last parameter of an invoke member",
        "Parameter '{0}' of '{1}' is a CancellationToken; {2}",
        "Only invocations (members returning Task, Task<T>, ValueTask or ValueTask<T>, in either direction) can be cancelled, and the token is taken from the call rather than sent, so it must be the last parameter.");

    /// <summary>Format: <c>"'{0}' returns '{1}' without being awaitable; …"</c>.</summary>
    public static readonly DiagnosticDescriptor MainToRendererReturnsValue = Contract(
        DiagnosticIds.MainToRendererReturnsValue,
        "A main → renderer member that returns a value without being awaitable",
        "'{0}' returns '{1}' without being awaitable; main never blocks on a renderer, so a main → renderer member returns void (a message) or Task, Task<T>, ValueTask or ValueTask<T> (an invocation)",
        "Main never blocks on a renderer: there is no main → renderer SendSync. A main → renderer member is a message (void) or an invocation of the renderer's handler (Task, Task<T>, ValueTask or ValueTask<T>). Return the value through a task, or declare the member void.");

    /// <summary>Format: <c>"{0} is a '{1}', which cannot be serialised"</c>, {0} naming a parameter or a reply.</summary>
    public static readonly DiagnosticDescriptor NotSerializable = Contract(
        DiagnosticIds.NotSerializable,
        "A parameter or return type that cannot be serialised",
        "{0} is a '{1}', which cannot be serialised",
        "Values cross the process boundary as serialised copies; delegates, pointers, ref structs, streams, tasks and cancellation tokens cannot. Send data instead.");

    /// <summary>Format: <c>"'{0}' names its channel \"{1}\"; …"</c>.</summary>
    public static readonly DiagnosticDescriptor InvalidChannelName = Contract(
        DiagnosticIds.InvalidChannelName,
        "An invalid channel name in [IpcChannelName]",
        "'{0}' names its channel \"{1}\"; a channel name must not be empty, white space, contain control characters or start with \"ipcgen:\" (reserved for IpcGen's own channels)",
        "A channel name must not be empty, white space, contain control characters, or start with \"ipcgen:\" (reserved for IpcGen's own channels); the runtime rejects such names.");

    /// <summary>Format: <c>"'{0}' is generic; …"</c>.</summary>
    public static readonly DiagnosticDescriptor GenericContract = Contract(
        DiagnosticIds.GenericContract,
        "A generic [IpcChannel] contract",
        "'{0}' is generic, so no typed API is generated for it; the types its channels carry must be fixed",
        "A contract's channels carry fixed types, and its typed API is generated once, not per type argument. Declare one contract per type, or replace the type parameter with a concrete type.");

    /// <summary>Format: <c>"'{0}' cannot be reached from its namespace ({1}), …"</c>.</summary>
    public static readonly DiagnosticDescriptor UnreachableContract = Contract(
        DiagnosticIds.UnreachableContract,
        "An [IpcChannel] contract the generated code cannot reach",
        "'{0}' cannot be reached from its namespace ({1}), so no typed API is generated for it",
        "The typed API is generated at namespace level, beside the contract's outermost type. A contract that is private or protected, or nested in a private, protected or generic type, is out of its reach. Make the contract and its containing types public or internal, and move it out of generic types.");

    /// <summary>Format: <c>"'{0}' would collide with {1} in the generated code; …"</c>.</summary>
    public static readonly DiagnosticDescriptor MemberNameCollidesWithGeneratedCode = Contract(
        DiagnosticIds.MemberNameCollidesWithGeneratedCode,
        "A contract member whose name the generated code already uses",
        "'{0}' would collide with {1} in the generated code, so it gets no typed channel; rename it",
        "Each member becomes a property of the generated view and a channel class named after it, and a method of the generated proxy. A member named like a generated class or field, like a member of object, or like another member (an overload) cannot. The rest of the contract keeps its typed API.");

    /// <summary>Format: <c>"'{0}' and '{1}' would both generate '{2}', so neither gets a typed API; …"</c>.</summary>
    public static readonly DiagnosticDescriptor ContractsGenerateTheSameCode = Contract(
        DiagnosticIds.ContractsGenerateTheSameCode,
        "Two contracts would generate the same types",
        "'{0}' and '{1}' would both generate '{2}', so neither gets a typed API; rename one",
        "Generated type names come from the contract's namespace, its containing types and its name without the leading I (IJobs and Jobs both give JobsIpcExtensions). Two contracts that produce the same names would produce the same file and types. Rename one of them.",
        compilationEnd: true);

    /// <summary>The descriptor of a contract rule, by the id <see cref="ContractValidator"/> reports.</summary>
    public static DiagnosticDescriptor ForContractRule(string ruleId) => ruleId switch
    {
        DiagnosticIds.PropertyOrEventInContract => PropertyOrEventInContract,
        DiagnosticIds.GenericMethodInContract => GenericMethodInContract,
        DiagnosticIds.ByReferenceInContract => ByReferenceInContract,
        DiagnosticIds.DuplicateChannelName => DuplicateChannelName,
        DiagnosticIds.MisplacedCancellationToken => MisplacedCancellationToken,
        DiagnosticIds.MainToRendererReturnsValue => MainToRendererReturnsValue,
        DiagnosticIds.NotSerializable => NotSerializable,
        DiagnosticIds.InvalidChannelName => InvalidChannelName,
        DiagnosticIds.GenericContract => GenericContract,
        DiagnosticIds.UnreachableContract => UnreachableContract,
        DiagnosticIds.MemberNameCollidesWithGeneratedCode => MemberNameCollidesWithGeneratedCode,
        DiagnosticIds.ContractsGenerateTheSameCode => ContractsGenerateTheSameCode,
        _ => throw new System.ArgumentOutOfRangeException(nameof(ruleId), ruleId, "Not a contract rule"),
    };

    private static DiagnosticDescriptor Usage(string id, string title, string message, DiagnosticSeverity severity, string description) =>
        new(id, title, message, UsageCategory, severity, isEnabledByDefault: true, description, HelpLinkFor(id));

    private static DiagnosticDescriptor Contract(string id, string title, string message, string description, bool compilationEnd = false) =>
        compilationEnd
            ? new(id, title, message, ContractCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, description, HelpLinkFor(id), WellKnownDiagnosticTags.CompilationEnd)
            : new(id, title, message, ContractCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, description, HelpLinkFor(id));
}
