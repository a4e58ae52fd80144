using System.Collections.Generic;
using System.Linq;
using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting.TypeScript;

/// <summary>
/// The client of a main → renderer contract: <c>pingPongReplies(ipc)</c> returns an object with a typed channel per
/// member, <c>on</c>/<c>once</c>/<c>removeListener</c> for a message and <c>handle</c>/<c>removeHandler</c> for an invocation.
/// </summary>
internal static class FromMainClientWriter
{
    public static bool HasMessages(ContractModel contract) => contract.Members.Any(static m => m.Kind == MemberKind.Message);

    public static bool HasInvocations(ContractModel contract) => contract.Members.Any(static m => m.Kind == MemberKind.Invoke);

    public static void WriteInterface(IndentedWriter writer, ContractModel contract, ModuleNames names, ClientMembers members)
    {
        writer.Line();
        JsDoc.Write(writer, contract.Documentation, [$"What main sends a web page through C# `{ToMainClientWriter.CSharpName(contract)}`."]);
        writer.OpenLine($"export interface {names.Client} {{");
        foreach (MemberModel member in contract.Members)
        {
            List<(string Name, TypeShape Shape)> parameters = ClientMembers.ParametersOf(member);
            IEnumerable<string> notes = ClientMembers.NotesOf(member, parameters, asTags: false);
            string list = members.TypedList(parameters);
            list = list.Length == 0 ? string.Empty : $", {list}";
            string type;
            if (member.Kind == MemberKind.Message)
            {
                type = $"{ModuleNames.ListenerChannel}<(event: {ModuleNames.RendererEvent}{list}) => void>";
            }
            else
            {
                string result = members.ResultOf(member);
                type = $"{ModuleNames.HandlerChannel}<(event: {ModuleNames.HandlerEvent}{list}) => {result} | Promise<{result}>>";
                if (member.CancellationTokenName is not null)
                {
                    notes = notes.Concat(["`event.signal` aborts when main cancels the call."]);
                }
            }

            JsDoc.Write(writer, member.Documentation, notes);
            writer.Line($"{members.NameOf(member)}: {type};");
        }

        writer.CloseBlock();
    }

    public static void WriteFactory(IndentedWriter writer, ContractModel contract, ModuleNames names, ClientMembers members, ModuleLanguage language)
    {
        bool typed = language == ModuleLanguage.TypeScript;
        writer.Line();
        writer.Line($"/** Opens C# `{ToMainClientWriter.CSharpName(contract)}` on a renderer connection: listen to main's messages, answer its calls. */");
        writer.OpenLine($"export function {names.Factory}{(typed ? $"(ipc: {ModuleNames.Renderer}): {names.Client}" : "(ipc)")} {{");
        writer.OpenLine("return {");
        foreach (MemberModel member in contract.Members)
        {
            string factory = member.Kind == MemberKind.Message ? ModuleNames.ListenerChannelFactory : ModuleNames.HandlerChannelFactory;
            writer.Line($"{members.NameOf(member)}: {factory}(ipc, {TypeScriptNames.StringLiteral(member.ChannelName)}),");
        }

        writer.CloseBlock(";");
        writer.CloseBlock();
        if (HasMessages(contract))
        {
            WriteListenerChannelFactory(writer, typed);
        }

        if (HasInvocations(contract))
        {
            WriteHandlerChannelFactory(writer, typed);
        }
    }

    /// <summary>
    /// Loosely typed on purpose: a method's parameters compare both ways in TypeScript, so the channel it returns fits
    /// every listener type in the client's interface, and the code is the same in both files.
    /// </summary>
    private static void WriteListenerChannelFactory(IndentedWriter writer, bool typed)
    {
        writer.Line();
        string listenerSignature = typed
            ? $"(ipc: {ModuleNames.Renderer}, channel: string): {ModuleNames.ListenerChannel}<(event: {ModuleNames.RendererEvent}, ...args: any[]) => void>"
            : "(ipc, channel)";
        writer.OpenLine($"function {ModuleNames.ListenerChannelFactory}{listenerSignature} {{");
        writer.OpenLine("return {");
        writer.OpenLine("on(listener) {");
        writer.Line("ipc.on(channel, listener);");
        writer.Line("return () => { ipc.removeListener(channel, listener); };");
        writer.CloseBlock(",");
        writer.OpenLine("once(listener) {");
        writer.Line("ipc.once(channel, listener);");
        writer.Line("return () => { ipc.removeListener(channel, listener); };");
        writer.CloseBlock(",");
        writer.OpenLine("removeListener(listener) {");
        writer.Line("ipc.removeListener(channel, listener);");
        writer.CloseBlock(",");
        writer.CloseBlock(";");
        writer.CloseBlock();
    }

    private static void WriteHandlerChannelFactory(IndentedWriter writer, bool typed)
    {
        writer.Line();
        string handlerSignature = typed
            ? $"(ipc: {ModuleNames.Renderer}, channel: string): {ModuleNames.HandlerChannel}<(event: {ModuleNames.HandlerEvent}, ...args: any[]) => unknown>"
            : "(ipc, channel)";
        writer.OpenLine($"function {ModuleNames.HandlerChannelFactory}{handlerSignature} {{");
        writer.OpenLine("return {");
        writer.OpenLine("handle(handler) {");
        writer.Line("ipc.handle(channel, handler);");
        writer.CloseBlock(",");
        writer.OpenLine("removeHandler() {");
        writer.Line("ipc.removeHandler(channel);");
        writer.CloseBlock(",");
        writer.CloseBlock(";");
        writer.CloseBlock();
    }
}
