using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Ipc.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ipc.Generators.Tests;

/// <summary>
/// The generator runs twice over edited compilations, in a project that asks for client modules; every tracked step
/// (see <see cref="TrackingNames"/>) must report what an IDE needs to skip work: Cached or Unchanged after edits that
/// do not touch a contract or what it carries.
/// </summary>
public sealed class IncrementalityTests
{
    private const string ContractFile = ContractSources.PingPong + """

        public static class Helper
        {
            public static int Twice(int value) => value * 2;
        }
        """;

    private const string RepliesFile = """
        using System.Threading;
        using System.Threading.Tasks;
        using Ipc;

        namespace Demo;

        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface IPingPongReplies
        {
            void AsynchronousReply(string arg);

            Task<Status> Status(CancellationToken ct = default);
        }

        public sealed record Status(string StatusText);
        """;

    /// <summary>The serializer's options, whose naming policy the client modules follow.</summary>
    private const string SerializerFile = """
        using System;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;

        namespace Demo;

        [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
        internal sealed class DemoJson() : JsonSerializerContext(null)
        {
            public override JsonTypeInfo? GetTypeInfo(Type type) => null;

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
        }
        """;

    private const string UnrelatedFile = """
        namespace Other;

        public sealed class Unrelated
        {
        }
        """;

    private static readonly string[] s_trackingNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    private static readonly Type[] s_bannedTypes = [typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(SyntaxTree)];

    [Fact]
    public void EveryTrackingNameIsAStepOfTheFirstRun()
    {
        GeneratorRunResult first = RunTwice(compilation => compilation).First;

        Assert.Equal(s_trackingNames.Order(), first.TrackedSteps.Keys.Where(s_trackingNames.Contains).Order());
    }

    [Fact]
    public void AddingAnUnrelatedTypeLeavesEveryTrackedStepCachedOrUnchanged()
    {
        GeneratorRunResult second = RunTwice(compilation => compilation.AddSyntaxTrees(Parse("public sealed class Added { }", "Added.cs"))).Second;

        AssertEveryStep(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSourceOutputs(second, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void EditingAnUnrelatedFileLeavesEveryTrackedStepCachedOrUnchanged()
    {
        GeneratorRunResult second = RunTwice(compilation => Replace(compilation, "Unrelated.cs", UnrelatedFile.Replace("{\n}", "{ public int Count { get; set; } }"))).Second;

        AssertEveryStep(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSourceOutputs(second, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void EditingAMethodBodyInAContractFileLeavesTheOutputsUnchanged()
    {
        GeneratorRunResult second = RunTwice(compilation => Replace(compilation, "Contract.cs", ContractFile.Replace("value * 2", "value + value"))).Second;

        AssertEveryStep(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Contains(second.TrackedSteps[TrackingNames.ParsedContracts].SelectMany(step => step.Outputs), output => output.Reason == IncrementalStepRunReason.Unchanged);
        AssertSourceOutputs(second, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void ChangingAContractModifiesOnlyItsOwnGeneratedSource()
    {
        GeneratorRunResult second = RunTwice(compilation => Replace(compilation, "Contract.cs", ContractFile.Replace("void AsynchronousMessage(string arg);", "void AsynchronousMessage(string arg, int count);"))).Second;

        var sources = second.TrackedSteps[TrackingNames.GeneratedSources].SelectMany(step => step.Outputs).ToList();
        Assert.Contains(sources, output => output.Reason == IncrementalStepRunReason.Modified && ((Model.GeneratedSource)output.Value).HintName == "Demo.PingPong.IpcChannel.g.cs");
        Assert.Contains(sources, output => output.Reason == IncrementalStepRunReason.Cached && ((Model.GeneratedSource)output.Value).HintName == "Demo.PingPongReplies.IpcChannel.g.cs");
        Assert.Contains(second.TrackedSteps[TrackingNames.ParsedContracts].SelectMany(step => step.Outputs), output => output.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void ChangingTheNamingPolicyRewritesTheClientModulesOnly()
    {
        GeneratorRunResult second = RunTwice(compilation => Replace(compilation, "Serializer.cs", SerializerFile.Replace("CamelCase", "SnakeCaseLower"))).Second;

        Assert.All(second.TrackedSteps[TrackingNames.NamingPolicy].SelectMany(step => step.Outputs), output => Assert.Equal(IncrementalStepRunReason.Modified, output.Reason));
        Assert.All(second.TrackedSteps[TrackingNames.GeneratedSources].SelectMany(step => step.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        Assert.Contains(second.TrackedSteps[TrackingNames.ClientModules].SelectMany(step => step.Outputs), output => output.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void ChangingAPayloadTypeRewritesTheModulesOfTheContractThatCarriesIt()
    {
        GeneratorRunResult second = RunTwice(compilation => Replace(compilation, "Replies.cs", RepliesFile.Replace("public sealed record Status(string StatusText);", "public sealed record Status(string StatusText, int Code);"))).Second;

        var modules = second.TrackedSteps[TrackingNames.ClientModules].SelectMany(step => step.Outputs).ToList();
        Assert.Contains(modules, output => output.Reason == IncrementalStepRunReason.Modified && ((Model.GeneratedSource)output.Value).HintName == "Demo.PingPongReplies.ts.g.cs");
        Assert.Contains(modules, output => output.Reason == IncrementalStepRunReason.Cached && ((Model.GeneratedSource)output.Value).HintName == "Demo.PingPong.ts.g.cs");
    }

    [Fact]
    public void WithoutTheOutputPathNoClientModuleIsGenerated()
    {
        Compilation compilation = GeneratorHarness.CreateCompilation().AddSyntaxTrees(Parse(ContractFile, "Contract.cs"), Parse(RepliesFile, "Replies.cs"));

        GeneratorRunResult run = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal(["Demo.PingPong.IpcChannel.g.cs", "Demo.PingPongReplies.IpcChannel.g.cs"], run.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CachedModelsHoldNoSymbolsSyntaxLocationsOrCompilations()
    {
        (GeneratorRunResult first, GeneratorRunResult second) = RunTwice(compilation => compilation.AddSyntaxTrees(Parse("class Added { }", "Added.cs")));

        foreach (GeneratorRunResult run in new[] { first, second })
        {
            foreach (string name in s_trackingNames)
            {
                foreach (IncrementalGeneratorRunStep step in run.TrackedSteps[name])
                {
                    foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
                    {
                        AssertHoldsNoBannedType(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
                    }
                }
            }
        }
    }

    private static (GeneratorRunResult First, GeneratorRunResult Second) RunTwice(Func<Compilation, Compilation> edit)
    {
        Compilation compilation = GeneratorHarness.CreateCompilation()
            .AddSyntaxTrees(Parse(ContractFile, "Contract.cs"), Parse(RepliesFile, "Replies.cs"), Parse(SerializerFile, "Serializer.cs"), Parse(UnrelatedFile, "Unrelated.cs"));
        GeneratorDriver driver = GeneratorHarness.CreateDriver(BuildProperties.WithTypeScriptOutput).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        GeneratorRunResult second = driver.RunGenerators(edit(compilation)).GetRunResult().Results.Single();
        return (first, second);
    }

    private static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path);

    private static Compilation Replace(Compilation compilation, string path, string source) =>
        compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(tree => tree.FilePath == path), Parse(source, path));

    private static void AssertEveryStep(GeneratorRunResult run, params IncrementalStepRunReason[] allowed)
    {
        foreach (string name in s_trackingNames)
        {
            foreach (IncrementalGeneratorRunStep step in run.TrackedSteps[name])
            {
                foreach ((object _, IncrementalStepRunReason reason) in step.Outputs)
                {
                    Assert.True(allowed.Contains(reason), $"Step {name} ran with reason {reason}.");
                }
            }
        }
    }

    private static void AssertSourceOutputs(GeneratorRunResult run, IncrementalStepRunReason expected)
    {
        ImmutableArray<IncrementalGeneratorRunStep> outputs = run.TrackedOutputSteps.SelectMany(pair => pair.Value).ToImmutableArray();
        Assert.NotEmpty(outputs);
        Assert.All(outputs.SelectMany(step => step.Outputs), output => Assert.Equal(expected, output.Reason));
    }

    private static void AssertHoldsNoBannedType(object? value, string step, HashSet<object> visited)
    {
        if (value is null || !visited.Add(value))
        {
            return;
        }

        Type type = value.GetType();
        Assert.False(s_bannedTypes.Any(banned => banned.IsAssignableFrom(type)), $"Step {step} caches a {type.FullName}.");
        if (type.IsPrimitive || type.IsEnum || value is string)
        {
            return;
        }

        if (value is IEnumerable items)
        {
            foreach (object? item in items)
            {
                AssertHoldsNoBannedType(item, step, visited);
            }
        }

        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertHoldsNoBannedType(field.GetValue(value), step, visited);
        }
    }
}
