using Microsoft.CodeAnalysis.Diagnostics;

namespace Ipc.Generators.Parsing;

/// <summary>
/// Whether the project asked for client modules: the IpcGen package makes <c>IpcGenTypeScriptOutputPath</c> visible
/// to the compiler, and its build step writes the modules there. The generator needs only to know that it is set.
/// </summary>
internal static class TypeScriptOutput
{
    public const string OutputPathProperty = "build_property.IpcGenTypeScriptOutputPath";

    public static bool IsRequested(AnalyzerConfigOptions globalOptions) =>
        globalOptions.TryGetValue(OutputPathProperty, out string? path) && !string.IsNullOrWhiteSpace(path);
}
