using System.Collections.Generic;
using System.Linq;
using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting.TypeScript;

/// <summary>
/// The client of a renderer → main contract: <c>pingPong(ipc)</c> returns an object with a method per member that a
/// web page can call. A member returning a value at once (answered through <c>ReturnValue</c>) is left out: a page
/// has no sendSync, since a browser cannot block on its WebSocket.
/// </summary>
internal static class ToMainClientWriter
{
    public static void WriteInterface(IndentedWriter writer, ContractModel contract, ModuleNames names, ClientMembers members)
    {
        writer.Line();
        JsDoc.Write(writer, contract.Documentation, [$"What a web page sends to main through C# `{CSharpName(contract)}`."]);
        writer.OpenLine($"export interface {names.Client} {{");
        foreach (MemberModel member in contract.Members)
        {
            string name = members.NameOf(member);
            if (member.Kind == MemberKind.Sync)
            {
                writer.Line($"// {name} (channel {TypeScriptNames.StringLiteral(member.ChannelName)}) is left out: it returns its value synchronously (sendSync), which a web page cannot wait for.");
                continue;
            }

            List<(string Name, TypeShape Shape)> parameters = ClientMembers.ParametersOf(member);
            IEnumerable<string> notes = ClientMembers.NotesOf(member, parameters, asTags: true);
            string list = members.TypedList(parameters);
            if (member.Kind == MemberKind.Message)
            {
                JsDoc.Write(writer, member.Documentation, notes);
                writer.Line($"{name}({list}): void;");
                continue;
            }

            if (member.CancellationTokenName is not null)
            {
                notes = notes.Concat(["@param options `signal` cancels the call, and the CancellationToken main's handler was given."]);
                list = list.Length == 0 ? $"options?: {ModuleNames.InvokeOptions}" : $"{list}, options?: {ModuleNames.InvokeOptions}";
            }

            JsDoc.Write(writer, member.Documentation, notes);
            writer.Line($"{name}({list}): Promise<{members.ResultOf(member)}>;");
        }

        writer.CloseBlock();
    }

    public static void WriteFactory(IndentedWriter writer, ContractModel contract, ModuleNames names, ClientMembers members, ModuleLanguage language)
    {
        bool typed = language == ModuleLanguage.TypeScript;
        writer.Line();
        writer.Line($"/** Opens C# `{CSharpName(contract)}` on a renderer connection: each call sends to main. */");
        writer.OpenLine($"export function {names.Factory}{(typed ? $"(ipc: {ModuleNames.Renderer}): {names.Client}" : "(ipc)")} {{");
        writer.OpenLine("return {");
        foreach (MemberModel member in contract.Members.Where(static m => m.Kind != MemberKind.Sync))
        {
            List<string> parameters = ClientMembers.ParametersOf(member).Select(static p => p.Name).ToList();
            string arguments = string.Concat(parameters.Select(static p => $", {p}"));
            bool cancellable = member.Kind == MemberKind.Invoke && member.CancellationTokenName is not null;
            if (cancellable)
            {
                parameters.Add("options");
            }

            // Parameters take their types from the interface the function returns, so this code is the same in both files.
            writer.OpenLine($"{members.NameOf(member)}({string.Join(", ", parameters)}) {{");
            string channel = TypeScriptNames.StringLiteral(member.ChannelName);
            if (member.Kind == MemberKind.Message)
            {
                writer.Line($"ipc.send({channel}{arguments});");
            }
            else
            {
                string call = cancellable ? $"ipc.invokeWith(options ?? {{}}, {channel}{arguments})" : $"ipc.invoke({channel}{arguments})";
                writer.Line($"return {call}{(typed ? $" as Promise<{members.ResultOf(member)}>" : string.Empty)};");
            }

            writer.CloseBlock(",");
        }

        writer.CloseBlock(";");
        writer.CloseBlock();
    }

    /// <summary>The contract's C# name as its author wrote it: <c>Demo.IPingPong</c>.</summary>
    public static string CSharpName(ContractModel contract) =>
        contract.InterfaceType.StartsWith("global::", System.StringComparison.Ordinal) ? contract.InterfaceType.Substring("global::".Length) : contract.InterfaceType;
}
