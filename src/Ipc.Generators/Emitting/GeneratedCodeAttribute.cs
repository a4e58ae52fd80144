namespace Ipc.Generators.Emitting;

/// <summary>
/// The <c>[GeneratedCode]</c> attribute every generated type carries, so that tools (code coverage, analyzers, API
/// reviewers) can tell it from hand-written code and see which generator version wrote it.
/// </summary>
internal static class GeneratedCodeAttribute
{
    /// <summary>
    /// The generator's assembly version (<c>0.1.0.0</c> from the repository's <c>VersionPrefix</c>), not its informational
    /// version, which carries the commit and would change the output of every build.
    /// </summary>
    public static string Version { get; } = typeof(GeneratedCodeAttribute).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    /// <summary>The attribute, on its own line.</summary>
    public static string Line { get; } = $"[global::System.CodeDom.Compiler.GeneratedCode(\"IpcGen\", \"{Version}\")]";
}
