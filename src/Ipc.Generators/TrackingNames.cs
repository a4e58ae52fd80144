namespace Ipc.Generators;

/// <summary>The names of the generator's pipeline steps, for the incrementality tests to find them.</summary>
internal static class TrackingNames
{
    /// <summary>Each <c>[IpcChannel]</c> interface, parsed without its invalid members (null when the contract cannot get code: generic or unreachable).</summary>
    public const string ParsedContracts = nameof(ParsedContracts);

    /// <summary>The contracts that parsed: each can get code, unless it clashes with another.</summary>
    public const string ValidContracts = nameof(ValidContracts);

    /// <summary>The contracts that clash with another one over a channel name (IPC1004) or a generated type name (IPC1012).</summary>
    public const string ClashingContracts = nameof(ClashingContracts);

    /// <summary>The contracts that get code.</summary>
    public const string EmittedContracts = nameof(EmittedContracts);

    /// <summary>The generated files.</summary>
    public const string GeneratedSources = nameof(GeneratedSources);

    /// <summary>Whether the project sets <c>IpcGenTypeScriptOutputPath</c>, asking for client modules.</summary>
    public const string TypeScriptRequested = nameof(TypeScriptRequested);

    /// <summary>Each <c>JsonSerializerContext</c> with <c>[JsonSourceGenerationOptions]</c>, and its property naming policy.</summary>
    public const string SerializerContexts = nameof(SerializerContexts);

    /// <summary>The one naming policy the client modules follow.</summary>
    public const string NamingPolicy = nameof(NamingPolicy);

    /// <summary>The contracts whose module name another contract has too.</summary>
    public const string SharedModuleNames = nameof(SharedModuleNames);

    /// <summary>The generated files carrying the TypeScript and JavaScript client modules.</summary>
    public const string ClientModules = nameof(ClientModules);
}
