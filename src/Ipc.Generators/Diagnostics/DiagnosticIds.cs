namespace Ipc.Generators.Diagnostics;

/// <summary>
/// Every rule id IpcGen reports, in one place: the descriptors, the shared contract validation, the code fixes and the
/// tests all name a rule through these constants. Ids are fixed once shipped.
/// <list type="bullet">
/// <item><c>IPC0001</c>–<c>IPC0099</c>: how channels are used (listeners, untyped calls, typed views).</item>
/// <item><c>IPC1001</c>–<c>IPC1099</c>: how <c>[IpcChannel]</c> contracts are declared.</item>
/// </list>
/// </summary>
internal static class DiagnosticIds
{
    public const string SyncListenerNeverSetsReturnValue = "IPC0001";
    public const string SyncListenerSetsReturnValueOnSomePaths = "IPC0002";
    public const string ReturnValueSetAfterAwait = "IPC0003";
    public const string ReturnValueOnFireAndForgetChannel = "IPC0004";
    public const string UntypedCallOnTypedChannel = "IPC0005";
    public const string UntypedCallOfWrongKind = "IPC0006";
    public const string CancellationTokenAmongArguments = "IPC0007";
    public const string ContractUsedAgainstItsDirection = "IPC0008";

    public const string PropertyOrEventInContract = "IPC1001";
    public const string GenericMethodInContract = "IPC1002";
    public const string ByReferenceInContract = "IPC1003";
    public const string DuplicateChannelName = "IPC1004";
    public const string MisplacedCancellationToken = "IPC1005";
    public const string MainToRendererReturnsValue = "IPC1006";
    public const string NotSerializable = "IPC1007";
    public const string InvalidChannelName = "IPC1008";
    public const string GenericContract = "IPC1009";
    public const string UnreachableContract = "IPC1010";
    public const string MemberNameCollidesWithGeneratedCode = "IPC1011";
    public const string ContractsGenerateTheSameCode = "IPC1012";
}
