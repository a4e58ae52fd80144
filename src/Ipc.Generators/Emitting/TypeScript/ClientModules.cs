using System;
using System.Collections.Immutable;
using System.Linq;
using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting.TypeScript;

/// <summary>The two carried files of each contract's client module, and their names.</summary>
internal static class ClientModules
{
    /// <summary><c>PingPong.ts</c> and <c>PingPong.js</c>, each inside a generated C# file named after the contract (<c>Demo.PingPong.ts.g.cs</c>).</summary>
    public static ImmutableArray<GeneratedSource> Emit(ContractModel contract, PropertyNamingPolicy policy, EquatableArray<string> sharingAName)
    {
        string moduleName = ModuleNameOf(contract, sharingAName);
        return ImmutableArray.Create(
            Carry(contract, moduleName, ".ts", TypeScriptModuleEmitter.Emit(contract, policy, moduleName, ModuleLanguage.TypeScript)),
            Carry(contract, moduleName, ".js", TypeScriptModuleEmitter.Emit(contract, policy, moduleName, ModuleLanguage.JavaScript)));
    }

    /// <summary>
    /// The contracts (by <see cref="ContractModel.InterfaceType"/>) whose module name, the type stem, another contract
    /// has too, ignoring case as Windows and macOS file systems do: both take their qualified names instead.
    /// </summary>
    public static EquatableArray<string> FindSharedNames(ImmutableArray<ContractModel> contracts) =>
        contracts
            .GroupBy(static c => c.Names.Stem, StringComparer.OrdinalIgnoreCase)
            .Where(static group => group.Count() > 1)
            .SelectMany(static group => group.Select(static c => c.InterfaceType))
            .OrderBy(static name => name, StringComparer.Ordinal)
            .ToEquatableArray();

    private static string ModuleNameOf(ContractModel contract, EquatableArray<string> sharingAName) =>
        sharingAName.Contains(contract.InterfaceType) ? contract.Names.QualifiedStem : contract.Names.Stem;

    private static GeneratedSource Carry(ContractModel contract, string moduleName, string extension, string module) =>
        new($"{contract.Names.QualifiedStem}{extension}.g.cs", ModuleCarrier.Wrap(moduleName + extension, module));
}
