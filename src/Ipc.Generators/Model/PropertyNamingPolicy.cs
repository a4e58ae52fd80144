namespace Ipc.Generators.Model;

/// <summary>
/// The <c>PropertyNamingPolicy</c> of the compilation's <c>[JsonSourceGenerationOptions]</c>, mirroring
/// <c>System.Text.Json.Serialization.JsonKnownNamingPolicy</c> (whose values these are).
/// </summary>
internal enum PropertyNamingPolicy
{
    /// <summary>No policy: names as C# writes them, System.Text.Json's default.</summary>
    AsWritten = 0,
    CamelCase = 1,
    SnakeCaseLower = 2,
    SnakeCaseUpper = 3,
    KebabCaseLower = 4,
    KebabCaseUpper = 5,
}
