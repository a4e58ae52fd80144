using System.Collections.Immutable;
using System.Reflection;
using Ipc.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ipc.Generators.Tests.Serving;

/// <summary>
/// README.md's "A contract served by a class" example, with the quick start's <c>Contracts.cs</c>, compiled with the
/// generator as a console app (the SDK's implicit usings) and run: it must build without a warning and print what its
/// comments say.
/// </summary>
public sealed class ReadmeServeExampleTests
{
    private const string SectionHeading = "## A contract served by a class";

    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    // A guard against a hang, never a timing assertion.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheExampleBuildsAndPrintsWhatItsCommentsSay()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        string contracts = Assert.Single(CSharpBlocks(Section(readme, "## Quick start")), block => block.StartsWith("// Contracts.cs", StringComparison.Ordinal));
        string example = Assert.Single(CSharpBlocks(Section(readme, SectionHeading)));
        Assembly program = Compile(contracts, example);

        string printed = await RunAsync(program);

        Assert.Equal("pong\n5\npong from asynchronous-message\n", printed.ReplaceLineEndings("\n"));
    }

    private static Assembly Compile(params string[] sources)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation([ImplicitUsings, .. sources]);
        compilation = compilation.WithOptions(compilation.Options.WithOutputKind(OutputKind.ConsoleApplication));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        new GeneratorOutcome(new Dictionary<string, string>(), diagnostics.AddRange(output.GetDiagnostics())).AssertNoProblems();
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return Assembly.Load(image.ToArray());
    }

    /// <summary>Runs the program's entry point with the console redirected; no other test of this project writes to it.</summary>
    private static async Task<string> RunAsync(Assembly program)
    {
        MethodInfo entryPoint = program.EntryPoint!;
        var printed = new StringWriter();
        TextWriter console = Console.Out;
        Console.SetOut(printed);
        try
        {
            object?[] arguments = entryPoint.GetParameters().Length == 0 ? [] : [Array.Empty<string>()];
            await Task.Run(() => entryPoint.Invoke(null, arguments)).WaitAsync(s_hangGuard);
        }
        finally
        {
            Console.SetOut(console);
        }

        return printed.ToString();
    }

    private static string Section(string readme, string heading)
    {
        int start = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no '{heading}' section.");
        int end = readme.IndexOf("\n## ", start + heading.Length + 2, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    private static IEnumerable<string> CSharpBlocks(string section)
    {
        const string open = "```csharp\n";
        for (int start = section.IndexOf(open, StringComparison.Ordinal); start >= 0; start = section.IndexOf(open, start, StringComparison.Ordinal))
        {
            start += open.Length;
            int end = section.IndexOf("```", start, StringComparison.Ordinal);
            yield return section[start..end];
            start = end + 3;
        }
    }

    /// <summary>The repository's root, found above the test assembly (the folder holding <c>README.md</c> and <c>IpcGen.sln</c>).</summary>
    private static string RepositoryRoot()
    {
        for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory.TrimEnd(Path.DirectorySeparatorChar)))
        {
            if (File.Exists(Path.Combine(directory, "IpcGen.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException($"No IpcGen.sln above {AppContext.BaseDirectory}.");
    }
}
