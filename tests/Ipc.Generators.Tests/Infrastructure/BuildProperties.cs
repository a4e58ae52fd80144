using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ipc.Generators.Tests.Infrastructure;

/// <summary>The MSBuild properties a project makes visible to the compiler, as the generator reads them (<c>build_property.*</c>).</summary>
internal sealed class BuildProperties(IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
{
    /// <summary>A project that sets <c>IpcGenTypeScriptOutputPath</c>, as the IpcGen package passes it on.</summary>
    public static BuildProperties WithTypeScriptOutput { get; } = new(new Dictionary<string, string>
    {
        ["build_property.IpcGenTypeScriptOutputPath"] = "wwwroot/generated",
    });

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(properties);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.None;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.None;

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static Options None { get; } = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
