namespace Ipc.Generators;

/// <summary>The names of the generator's pipeline steps, for the incrementality tests to find them.</summary>
internal static class TrackingNames
{
    /// <summary>Each <c>[IpcChannel]</c> interface, parsed (null when it is invalid or unsupported).</summary>
    public const string ParsedContracts = nameof(ParsedContracts);

    /// <summary>The contracts that parsed.</summary>
    public const string ValidContracts = nameof(ValidContracts);

    /// <summary>The contracts that clash with another one over a channel name or a generated type name.</summary>
    public const string ClashingContracts = nameof(ClashingContracts);

    /// <summary>The contracts that get code.</summary>
    public const string EmittedContracts = nameof(EmittedContracts);

    /// <summary>The generated files.</summary>
    public const string GeneratedSources = nameof(GeneratedSources);
}
