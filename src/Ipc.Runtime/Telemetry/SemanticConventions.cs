namespace Ipc.Telemetry;

/// <summary>
/// The attribute names and values IpcGen's spans and metrics use, and which version of OpenTelemetry's RPC
/// conventions they follow. By default spans carry the v1.37 names (<c>rpc.system</c>); the environment variable
/// <c>OTEL_SEMCONV_STABILITY_OPT_IN</c> set to <c>rpc</c> switches to the stable names (<c>rpc.system.name</c>), and
/// <c>rpc/dup</c> emits both, as the conventions ask of existing instrumentations.
/// </summary>
internal static class SemanticConventions
{
    /// <summary>The value of <c>rpc.system</c>, <c>rpc.system.name</c> and <c>messaging.system</c>.</summary>
    public const string SystemName = "ipcgen";

    public const string RpcSystem = "rpc.system";
    public const string RpcSystemName = "rpc.system.name";
    public const string RpcMethod = "rpc.method";

    /// <summary>The <c>rpc.method</c> of a call the answering end does not know.</summary>
    public const string OtherMethod = "_OTHER";
    public const string NetworkTransport = "network.transport";
    public const string ErrorType = "error.type";
    public const string MessagingSystem = "messaging.system";
    public const string MessagingOperationType = "messaging.operation.type";
    public const string MessagingOperationName = "messaging.operation.name";
    public const string MessagingDestinationName = "messaging.destination.name";

    /// <summary>Which end recorded the measurement: <c>main</c> or <c>renderer</c>.</summary>
    public const string Role = "ipcgen.role";

    /// <summary>The renderer a span or measurement concerns, by its <see cref="IpcSender.Id"/>.</summary>
    public const string RendererId = "ipcgen.renderer.id";

    /// <summary>What kind of message: <c>send</c>, <c>send_sync</c>, <c>invoke</c>, <c>cancel</c> or <c>reply</c>.</summary>
    public const string IpcMessageKind = "ipcgen.message.kind";

    /// <summary>The channel, on metrics that are not RPC or messaging ones.</summary>
    public const string Channel = "ipcgen.channel";

    /// <summary>Why a supervised renderer's instance ended: <c>boot_failure</c>, <c>crashed</c>, <c>exited</c>, <c>disconnected</c> or <c>hung</c>.</summary>
    public const string ExitReason = "ipcgen.exit.reason";

    /// <summary>The environment variable of OpenTelemetry's opt-in to stable conventions.</summary>
    public const string OptInVariable = "OTEL_SEMCONV_STABILITY_OPT_IN";

    /// <summary>True when spans carry the v1.37 RPC names (the default, and with <c>rpc/dup</c>).</summary>
    public static bool EmitsExperimentalRpc { get; }

    /// <summary>True when spans carry the stable RPC names (<c>rpc</c> or <c>rpc/dup</c>).</summary>
    public static bool EmitsStableRpc { get; }

    static SemanticConventions() =>
        (EmitsExperimentalRpc, EmitsStableRpc) = ReadOptIn(Environment.GetEnvironmentVariable(OptInVariable));

    /// <summary>Reads the opt-in list: <c>rpc/dup</c> wins over <c>rpc</c>; anything else keeps the default.</summary>
    internal static (bool Experimental, bool Stable) ReadOptIn(string? value)
    {
        bool stable = false;
        bool duplicate = false;
        foreach (string entry in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            stable |= entry.Equals("rpc", StringComparison.OrdinalIgnoreCase);
            duplicate |= entry.Equals("rpc/dup", StringComparison.OrdinalIgnoreCase);
        }

        return duplicate ? (true, true) : (!stable, stable);
    }
}
