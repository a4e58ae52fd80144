using Ipc.Generators.Tests.Infrastructure;
using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Tests;

/// <summary>
/// The contract rules IPC1001–IPC1008: <see cref="ContractValidator"/> names each broken rule at its member,
/// and the generator emits nothing for such a contract, so the project still compiles.
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
        AssertReportedAndSkipped(ruleId, "[IpcChannel]", members);

    [Theory]
    [InlineData("IPC1006", "int Count();")]
    [InlineData("IPC1006", "string Ask(string question);")]
    [InlineData("IPC1005", "void Fire(CancellationToken ct);")]
    [InlineData("IPC1005", "Task<int> Count(CancellationToken ct, int from);")]
    [InlineData("IPC1007", "Task<System.IO.Stream> Open(string path);")]
    public void BrokenMainToRendererRulesAreReportedAndSkipped(string ruleId, string members) =>
        AssertReportedAndSkipped(ruleId, "[IpcChannel(IpcDirection.MainToRenderer)]", members);

    [Fact]
    public void AValidContractHasNoProblems()
    {
        (INamedTypeSymbol contract, _) = Contract("[IpcChannel]", "void Send(string text); int Sync(List<int> values); Task<string> Invoke(int a, CancellationToken ct);");

        Assert.Empty(ContractValidator.Validate(contract, Model.ContractDirection.RendererToMain));
    }

    [Fact]
    public void AMainToRendererContractMayInvokeWithATrailingToken()
    {
        (INamedTypeSymbol contract, _) = Contract(
            "[IpcChannel(IpcDirection.MainToRenderer)]",
            "void Send(string text); Task Refresh(); Task<int> Count(CancellationToken ct = default); ValueTask Flush(int level, CancellationToken ct); ValueTask<string> Name();");

        Assert.Empty(ContractValidator.Validate(contract, Model.ContractDirection.MainToRenderer));
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

    [Fact]
    public void ContractsTheGeneratedCodeCannotReachAreSkipped()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run("""
            using Ipc;
            public class Host
            {
                [IpcChannel] private interface IHidden { void Ping(); }
            }
            public class Box<T>
            {
                [IpcChannel] public interface IInGeneric { void Ping(); }
            }
            [IpcChannel] public interface IGeneric<T> { void Ping(); }
            """);

        outcome.AssertNoProblems();
        Assert.Empty(outcome.Sources);
    }

    [Theory]
    [InlineData("[IpcChannel]", "string ToString();")]
    [InlineData("[IpcChannel]", "bool Equals(object? other);")]
    [InlineData("[IpcChannel]", "void ContractMain();")]
    [InlineData("[IpcChannel]", "void ContractRendererProxy();")]
    [InlineData("[IpcChannel(IpcDirection.MainToRenderer)]", "void ContractRenderer();")]
    [InlineData("[IpcChannel(IpcDirection.MainToRenderer)]", "void ContractMainSender();")]
    [InlineData("[IpcChannel(IpcDirection.MainToRenderer)]", "Task ContractBroadcast();")]
    public void ContractsWithMembersNamedLikeGeneratedCodeAreSkipped(string attribute, string members)
    {
        (_, string source) = Contract(attribute, members);

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        outcome.AssertNoProblems();
        Assert.Empty(outcome.Sources);
    }

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

    private static void AssertReportedAndSkipped(string ruleId, string attribute, string members)
    {
        (INamedTypeSymbol contract, string source) = Contract(attribute, members);
        Model.ContractDirection direction = attribute.Contains("MainToRenderer") ? Model.ContractDirection.MainToRenderer : Model.ContractDirection.RendererToMain;

        ContractProblem problem = Assert.Single(ContractValidator.Validate(contract, direction));

        Assert.Equal(ruleId, problem.RuleId);
        Assert.NotEqual(contract, problem.Member);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        GeneratorOutcome outcome = GeneratorHarness.Run(source);
        Assert.Empty(outcome.Sources);
        Assert.DoesNotContain(outcome.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
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
