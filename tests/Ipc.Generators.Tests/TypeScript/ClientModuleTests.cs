using Ipc.Generators.Tests.Infrastructure;

namespace Ipc.Generators.Tests.TypeScript;

/// <summary>Which modules a compilation gets, under which names, and which naming policy they follow.</summary>
public sealed class ClientModuleTests
{
    private const string Contract = """
        using Ipc;

        namespace Demo;

        public sealed record Item(string DisplayName);

        [IpcChannel]
        public interface IShop
        {
            void Add(Item item);
        }
        """;

    [Fact]
    public void NoModuleLineLooksLikeAPreprocessorDirective()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(BuildProperties.WithTypeScriptOutput, ContractSources.PingPong, ContractSources.Library);

        foreach ((string fileName, string module) in ClientModuleFiles.Of(outcome))
        {
            Assert.DoesNotContain(module.Split('\n'), line => line.TrimStart().StartsWith('#'));
        }
    }

    [Fact]
    public void WithoutASerializerContextPropertiesKeepTheirCSharpNames() =>
        Assert.Contains("    DisplayName: string;", ModuleOf("Shop.ts", Contract));

    [Fact]
    public void WebDefaultsNameInCamelCase() =>
        Assert.Contains("    displayName: string;", ModuleOf("Shop.ts", Contract, Context("Demo.Json", "JsonSerializerDefaults.Web")));

    [Fact]
    public void ContextsThatDisagreeFollowTheFirstByFullyQualifiedName() =>
        Assert.Contains("    display_name: string;", ModuleOf(
            "Shop.ts",
            Contract,
            Context("Zeta.Json", "PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseUpper"),
            Context("Alpha.Json", "PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower")));

    [Fact]
    public void ContractsOfOneNameInTwoNamespacesGetQualifiedModuleNames()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(
            BuildProperties.WithTypeScriptOutput,
            Contract,
            Contract.Replace("namespace Demo;", "namespace Other;").Replace("IShop", "ISHOP").Replace("void Add(", "void Put("));

        outcome.AssertNoProblems();
        Assert.Equal(["Demo.Shop.js", "Demo.Shop.ts", "Other.SHOP.js", "Other.SHOP.ts"], ClientModuleFiles.Of(outcome).Keys.ToArray());
    }

    [Fact]
    public void PayloadTypesOfOneNameAreNumberedInTheOrderOfTheirFullNames()
    {
        string module = ModuleOf("Shop.ts", """
            using Ipc;

            namespace B { public sealed record Item(int Count); }
            namespace A { public sealed record Item(string Name); }

            namespace Demo
            {
                [IpcChannel]
                public interface IShop
                {
                    void Add(B.Item second, A.Item first);
                }
            }
            """);

        Assert.Contains("export interface Item {\n    Name: string;", module);
        Assert.Contains("export interface Item2 {\n    Count: number;", module);
        Assert.Contains("add(second: Item2, first: Item): void;", module);
    }

    private static string ModuleOf(string fileName, params string[] sources)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(BuildProperties.WithTypeScriptOutput, sources);
        outcome.AssertNoProblems();
        return ClientModuleFiles.Of(outcome)[fileName];
    }

    private static string Context(string fullName, string options)
    {
        int dot = fullName.LastIndexOf('.');
        return $$"""
            using System;
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using System.Text.Json.Serialization.Metadata;

            namespace {{fullName[..dot]}};

            [JsonSourceGenerationOptions({{options}})]
            internal sealed class {{fullName[(dot + 1)..]}}() : JsonSerializerContext(null)
            {
                public override JsonTypeInfo? GetTypeInfo(Type type) => null;

                protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
            }
            """;
    }
}
