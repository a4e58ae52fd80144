using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ipc.Benchmarks.Generator;

/// <summary>
/// The code the generator suite compiles: <see cref="ContractCount"/> <c>[IpcChannel]</c> interfaces of
/// <see cref="MembersPerContract"/> members each, one file per contract (a mix of fire-and-forget, sync and
/// invoke members with distinct channel names), plus one unrelated file that the re-run edits.
/// </summary>
internal static class ContractCorpus
{
    /// <summary>1,000, or the value of IPCGEN_BENCH_CONTRACTS (for probing how cost grows with the count).</summary>
    public static int ContractCount { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("IPCGEN_BENCH_CONTRACTS"), out int count) && count > 0 ? count : 1000;
    public const int MembersPerContract = 10;

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilationOptions CompilationOptions { get; } = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        optimizationLevel: OptimizationLevel.Release,
        concurrentBuild: true);

    public static List<SyntaxTree> ParseContracts()
    {
        var trees = new List<SyntaxTree>(ContractCount);
        for (int i = 0; i < ContractCount; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(Contract(i), ParseOptions, path: $"Contracts/IContract{i:D4}.cs", encoding: Encoding.UTF8));
        }

        return trees;
    }

    public static SyntaxTree Unrelated(int version) =>
        CSharpSyntaxTree.ParseText(
            $$"""
            namespace Bench.App;

            public static class Unrelated
            {
                public static int Version => {{version}};
            }
            """,
            ParseOptions,
            path: "Unrelated.cs",
            encoding: Encoding.UTF8);

    /// <summary>The framework's reference assemblies (from the SDK's targeting pack when present) and Ipc.Runtime.</summary>
    public static List<MetadataReference> References()
    {
        var paths = new List<string>();
        string? packs = FindReferencePack();
        if (packs is not null)
        {
            paths.AddRange(Directory.GetFiles(packs, "*.dll"));
        }
        else
        {
            string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
            paths.AddRange(trusted.Split(Path.PathSeparator).Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll"));
        }

        paths.Add(typeof(IpcMain).Assembly.Location);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }

    private static string Contract(int index)
    {
        var text = new StringBuilder();
        text.AppendLine("using System.Threading;");
        text.AppendLine("using System.Threading.Tasks;");
        text.AppendLine("using Ipc;");
        text.AppendLine();
        text.AppendLine("namespace Bench.Contracts;");
        text.AppendLine();
        text.AppendLine($"/// <summary>Contract {index}.</summary>");
        text.AppendLine("[IpcChannel]");
        text.AppendLine($"public interface IContract{index:D4}");
        text.AppendLine("{");
        for (int member = 0; member < MembersPerContract; member++)
        {
            string name = $"C{index:D4}Member{member}";
            text.AppendLine($"    /// <summary>Member {member} of contract {index}.</summary>");
            text.AppendLine((member % 5) switch
            {
                0 or 1 or 2 => $"    void {name}(string text, int number);",
                3 => $"    string {name}(string text);",
                _ => $"    Task<int> {name}(int a, int b, CancellationToken cancellationToken = default);",
            });
        }

        text.AppendLine("}");
        return text.ToString();
    }

    private static string? FindReferencePack()
    {
        string dotnetRoot = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(object).Assembly.Location)))!;
        string packRoot = Path.Combine(Path.GetDirectoryName(dotnetRoot)!, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packRoot))
        {
            return null;
        }

        string version = Environment.Version.ToString(3);
        string candidate = Path.Combine(packRoot, version, "ref", $"net{Environment.Version.Major}.0");
        if (Directory.Exists(candidate))
        {
            return candidate;
        }

        return Directory.GetDirectories(packRoot)
            .Select(d => Path.Combine(d, "ref", $"net{Environment.Version.Major}.0"))
            .Where(Directory.Exists)
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
