using Ipc.Generators.Tests.Infrastructure;
using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Tests;

/// <summary>
/// The contract rules IPC1001–IPC1012: <see cref="ContractValidator"/> names each broken rule at its member or contract.
/// A broken member is left out alone (the rest of the contract keeps its typed API, and the code still compiles); a
/// contract the generated code cannot reach, or that clashes with another, gets no code.
/// </summary>
public sealed class InvalidContractTests
{
    [Theory]
    [InlineData("IPC1001", "string Title { get; }")]
    [InlineData("IPC1001", "event System.EventHandler Changed;")]
    [InlineData("IPC1002", "void Put<T>(T value);")]
    [InlineData("IPC1003", "void Read(ref int value);")]
    [InlineData("IPC1003", "void Read(out int value);")]
    [InlineData("IPC1003", "void Read(in int value);")]
    [InlineData("IPC1004", "void Save(); [IpcChannelName(\"save\")] void Store();")]
    [InlineData("IPC1004", "void Save(); void Save(int copies);")]
    [InlineData("IPC1005", "Task Run(CancellationToken ct, int times);")]
    [InlineData("IPC1005", "void Fire(CancellationToken ct);")]
    [InlineData("IPC1005", "int Count(CancellationToken ct);")]
    [InlineData("IPC1007", "void Call(System.Action callback);")]
    [InlineData("IPC1007", "void Upload(System.IO.MemoryStream data);")]
    [InlineData("IPC1007", "void Slice(System.Span<byte> bytes);")]
    [InlineData("IPC1007", "unsafe void Poke(int* address);")]
    [InlineData("IPC1007", "void Each(List<System.Func<int>> steps);")]
    [InlineData("IPC1007", "Task<System.IO.Stream> Open(string path);")]
    [InlineData("IPC1008", "[IpcChannelName(\"\")] void Empty();")]
    [InlineData("IPC1008", "[IpcChannelName(\"  \")] void Blank();")]
    [InlineData("IPC1008", "[IpcChannelName(\"a\\u0001b\")] void Control();")]
    public void BrokenRendererToMainRulesAreReportedAndSkipped(string ruleId, string members) =>
        AssertReportedAndLeftOut(ruleId, "[IpcChannel]", members);

    [Theory]
    [InlineData("IPC1006", "int Count();")]
    [InlineData("IPC1006", "string Ask(string question);")]
    [InlineData("IPC1005", "void Fire(CancellationToken ct);")]
    [InlineData("IPC1005", "Task<int> Count(CancellationToken ct, int from);")]
    [InlineData("IPC1007", "Task<System.IO.Stream> Open(string path);")]
    public void BrokenMainToRendererRulesAreReportedAndOnlyTheMemberIsLeftOut(string ruleId, string members) =>
        AssertReportedAndLeftOut(ruleId, "[IpcChannel(IpcDirection.MainToRenderer)]", members);

    /// <summary>A contract with one broken member still serves its call sites: the only error left is the analyzer's.</summary>
    [Fact]
    public void CallSitesOfTheValidMembersCompileBesideABrokenOne()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run("""
            using System.Threading.Tasks;
            using Ipc;

            namespace Demo;

            [IpcChannel]
            public interface ISettings
            {
                string Theme { get; }

                void SetTheme(string theme);

                Task<string> GetTheme();
            }

            public static class Usage
            {
                public static void OnMain(IpcMain main)
                {
                    main.Settings().SetTheme.On((e, theme) => { });
                    main.Settings().GetTheme.Handle((e) => Task.FromResult("dark"));
                }

                public static Task<string> OnRenderer(IpcRenderer renderer)
                {
                    ISettings settings = renderer.Settings();
                    settings.SetTheme("dark");
                    return settings.GetTheme();
                }
            }
            """);

        outcome.AssertNoProblems();
    }

    /// <summary>
    /// A broken member inherited from a base interface (a generic one, here) is implemented through that interface, so
    /// the proxy still implements the contract.
    /// </summary>
    [Fact]
    public void ABrokenInheritedMemberIsStubbedThroughItsOwnInterface()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run("""
            using Ipc;

            namespace Demo;

            public interface IStore<T>
            {
                T Current { get; }

                void Put(T value);
            }

            [IpcChannel]
            public interface INumbers : IStore<int>
            {
                void Reset();
            }
            """);

        outcome.AssertNoProblems();
        string generated = Assert.Single(outcome.Sources).Value;
        Assert.Contains("int global::Demo.IStore<int>.Current { get => throw", generated, StringComparison.Ordinal);
        Assert.Contains("public sealed class PutChannel", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void AValidContractHasNoProblems()
    {
        (INamedTypeSymbol contract, _) = Contract("[IpcChannel]", "void Send(string text); int Sync(List<int> values); Task<string> Invoke(int a, CancellationToken ct);");

        Assert.Empty(ContractValidator.Review(contract, Model.ContractDirection.RendererToMain).Problems);
    }

    [Fact]
    public void AMainToRendererContractMayInvokeWithATrailingToken()
    {
        (INamedTypeSymbol contract, _) = Contract(
            "[IpcChannel(IpcDirection.MainToRenderer)]",
            "void Send(string text); Task Refresh(); Task<int> Count(CancellationToken ct = default); ValueTask Flush(int level, CancellationToken ct); ValueTask<string> Name();");

        Assert.Empty(ContractValidator.Review(contract, Model.ContractDirection.MainToRenderer).Problems);
    }

    [Fact]
    public void ContractsOfTheSameDirectionClaimingOneChannelAreBothSkipped()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run("""
            using Ipc;
            [IpcChannel] public interface IFirst { void Save(); }
            [IpcChannel] public interface ISecond { [IpcChannelName("save")] void Store(); }
            [IpcChannel(IpcDirection.MainToRenderer)] public interface IThird { void Save(); }
            """);

        outcome.AssertNoProblems();
        Assert.Equal(["Third.IpcChannel.g.cs"], outcome.Sources.Keys);
    }

    [Fact]
    public void ContractsThatWouldGenerateTheSameTypesAreBothSkipped()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run("""
            using Ipc;
            [IpcChannel] public interface IJobs { void Start(); }
            [IpcChannel] public interface Jobs { void Stop(); }
            """);

        outcome.AssertNoProblems();
        Assert.Empty(outcome.Sources);
    }

    [Theory]
    [InlineData("IPC1010", "public class Host { [IpcChannel] private interface IHidden { void Ping(); } }", "Host+IHidden")]
    [InlineData("IPC1010", "public class Host { [IpcChannel] protected interface IHidden { void Ping(); } }", "Host+IHidden")]
    [InlineData("IPC1010", "internal class Host { private class Inner { [IpcChannel] public interface IHidden { void Ping(); } } }", "Host+Inner+IHidden")]
    [InlineData("IPC1010", "public class Box<T> { [IpcChannel] public interface IInGeneric { void Ping(); } }", "Box`1+IInGeneric")]
    [InlineData("IPC1009", "[IpcChannel] public interface IGeneric<T> { void Ping(); }", "IGeneric`1")]
    [InlineData("IPC1010", "[IpcChannel] file interface IFileLocal { void Ping(); }", null)]
    public void ContractsTheGeneratedCodeCannotReachAreReportedAndSkipped(string ruleId, string declaration, string? metadataName)
    {
        string source = "using Ipc;\n" + declaration;
        Compilation compilation = GeneratorHarness.CreateCompilation(source);
        INamedTypeSymbol contract = metadataName is null
            ? compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type).OfType<INamedTypeSymbol>().Single() // a file-local type has no plain metadata name
            : compilation.GetTypeByMetadataName(metadataName)!;

        ContractReview review = ContractValidator.Review(contract, Model.ContractDirection.RendererToMain);

        ContractProblem problem = Assert.Single(review.Problems);
        Assert.Equal(ruleId, problem.RuleId);
        Assert.Equal(contract, problem.Member);
        Assert.False(review.CanGetCode);
        GeneratorOutcome outcome = GeneratorHarness.Run(source);
        outcome.AssertNoProblems();
        Assert.Empty(outcome.Sources);
    }

    [Theory]
    [InlineData("[IpcChannel]", "string ToString();")]
    [InlineData("[IpcChannel]", "bool Equals(object? other);")]
    [InlineData("[IpcChannel]", "void ContractMain();")]
    [InlineData("[IpcChannel]", "void ContractRendererProxy();")]
    [InlineData("[IpcChannel]", "void _ipc();")]
    [InlineData("[IpcChannel]", "void Save(); [IpcChannelName(\"save-copies\")] void Save(int copies);")]
    [InlineData("[IpcChannel(IpcDirection.MainToRenderer)]", "void ContractRenderer();")]
    [InlineData("[IpcChannel(IpcDirection.MainToRenderer)]", "void ContractMainSender();")]
    [InlineData("[IpcChannel(IpcDirection.MainToRenderer)]", "Task ContractBroadcast();")]
    public void MembersNamedLikeGeneratedCodeAreReportedAndOnlyTheyAreLeftOut(string attribute, string members) =>
        AssertReportedAndLeftOut("IPC1011", attribute, members);

    [Theory]
    [InlineData("[IpcChannel]", "void Send(string _ipc); int Sync(int _ipc); Task Invoke(string _ipc, CancellationToken ct);")]
    [InlineData("[IpcChannel(IpcDirection.MainToRenderer)]", "void Send(string _ipc); Task<int> Invoke(string _ipc, CancellationToken ct);")]
    public void AParameterNamedLikeTheSendingSidesFieldDoesNotShadowIt(string attribute, string members)
    {
        (_, string source) = Contract(attribute, members);

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        outcome.AssertNoProblems();
        Assert.Single(outcome.Sources);
    }

    /// <summary>
    /// The broken member is reported and left out; the contract's valid member <c>Ping</c> keeps its typed channel, and
    /// the generated code (whose sending side implements the broken member with a stub) compiles without a warning.
    /// </summary>
    private static void AssertReportedAndLeftOut(string ruleId, string attribute, string members)
    {
        (INamedTypeSymbol contract, string source) = Contract(attribute, members + " void Ping();");
        Model.ContractDirection direction = attribute.Contains("MainToRenderer") ? Model.ContractDirection.MainToRenderer : Model.ContractDirection.RendererToMain;

        ContractReview review = ContractValidator.Review(contract, direction);

        ContractProblem problem = Assert.Single(review.Problems);
        Assert.Equal(ruleId, problem.RuleId);
        Assert.NotEqual(contract, problem.Member);
        Assert.False(review.Supports(problem.AffectedMember));
        Assert.True(review.Supports(contract.GetMembers("Ping").Single()));
        GeneratorOutcome outcome = GeneratorHarness.Run(source);
        outcome.AssertNoProblems();
        string generated = Assert.Single(outcome.Sources).Value;
        Assert.Contains("public sealed class PingChannel", generated, StringComparison.Ordinal);
    }

    private static (INamedTypeSymbol Contract, string Source) Contract(string attribute, string members)
    {
        string source = $$"""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Ipc;

            namespace Demo;

            {{attribute}}
            public interface IContract
            {
                {{members}}
            }
            """;
        Compilation compilation = GeneratorHarness.CreateCompilation(source);
        return (compilation.GetTypeByMetadataName("Demo.IContract")!, source);
    }
}
