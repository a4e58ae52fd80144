using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Ipc.Analyzers.Tests.Infrastructure;

/// <summary>An analyzer test over IpcGen sources: the generator runs first, so typed APIs exist; generated files are not compared.</summary>
public sealed class IpcAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public IpcAnalyzerTest(string source, bool withContracts = true)
    {
        ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        TestState.Sources.Add(("/0/Test0.cs", (withContracts ? IpcTestState.Usings : IpcTestState.Usings.Replace("using Demo;\n", string.Empty)) + source));
        if (withContracts)
        {
            TestState.Sources.Add(("/0/Contracts.cs", IpcTestState.Contracts));
        }

        IpcTestState.Configure(TestState);
    }

    protected override IEnumerable<Type> GetSourceGenerators() => IpcTestState.SourceGenerators;
}

/// <summary>A code-fix test over IpcGen sources; Fix All runs too (the framework checks it by default).</summary>
public sealed class IpcCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public IpcCodeFixTest(string source, string fixedSource)
    {
        ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        TestState.Sources.Add(("/0/Test0.cs", IpcTestState.Usings + source));
        TestState.Sources.Add(("/0/Contracts.cs", IpcTestState.Contracts));
        FixedState.Sources.Add(("/0/Test0.cs", IpcTestState.Usings + fixedSource));
        FixedState.Sources.Add(("/0/Contracts.cs", IpcTestState.Contracts));
        IpcTestState.Configure(TestState);
        IpcTestState.Configure(FixedState);
    }

    protected override IEnumerable<Type> GetSourceGenerators() => IpcTestState.SourceGenerators;
}

/// <summary>Shorthands for the tests.</summary>
public static class Verify
{
    /// <summary>Runs <typeparamref name="TAnalyzer"/> over <paramref name="source"/> (with the shared contracts): the diagnostics must be exactly those marked.</summary>
    public static Task Analyzer<TAnalyzer>(string source)
        where TAnalyzer : DiagnosticAnalyzer, new() => new IpcAnalyzerTest<TAnalyzer>(source).RunAsync();

    /// <summary>Runs <typeparamref name="TAnalyzer"/> over <paramref name="source"/> alone: no shared contracts.</summary>
    public static Task AnalyzerWithoutContracts<TAnalyzer>(string source)
        where TAnalyzer : DiagnosticAnalyzer, new() => new IpcAnalyzerTest<TAnalyzer>(source, withContracts: false).RunAsync();

    public static Task CodeFix<TAnalyzer, TCodeFix>(string source, string fixedSource)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new() => new IpcCodeFixTest<TAnalyzer, TCodeFix>(source, fixedSource).RunAsync();
}
