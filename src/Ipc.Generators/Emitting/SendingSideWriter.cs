using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes the private class that implements a contract interface on its sending side: the renderer's proxy to main
/// (renderer → main, over an <c>IpcRenderer</c>) or main's proxy to one renderer (main → renderer, over an
/// <c>IpcSender</c>). Both endpoints send the same way: each method opens a message on the runtime's typed seam for its
/// field and writes its arguments as their declared types (<see cref="TypedArgumentsWriter"/>). Members the analyzers
/// report get the throwing stubs of <see cref="ContractModel.UnsupportedMembers"/>, so the class still implements the
/// whole interface.
/// </summary>
internal static class SendingSideWriter
{
    private const string Field = GeneratedNames.SendingSideFieldAccess;

    /// <param name="endpointType">The runtime endpoint the methods send through: <c>global::Ipc.IpcRenderer</c> or <c>global::Ipc.IpcSender</c>.</param>
    public static void Write(IndentedWriter writer, ContractModel contract, string endpointType)
    {
        string className = contract.Names.SendingSideClass;
        writer.Line($"private sealed class {className} : {contract.InterfaceType}").OpenBlock();
        writer.Line($"private readonly {endpointType} {GeneratedNames.SendingSideField};");
        writer.Line();
        writer.Line($"public {className}({endpointType} renderer) => {Field} = renderer ?? throw new global::System.ArgumentNullException(nameof(renderer));");
        foreach (MemberModel member in contract.Members)
        {
            writer.Line();
            WriteProxyMethod(writer, member, $"{ContractText.ChannelClass(contract, member)}.Name");
        }

        foreach (string stub in contract.UnsupportedMembers)
        {
            writer.Line();
            writer.Line(stub);
        }

        writer.CloseBlock();
    }

    /// <summary>A proxy method: <c>Send</c> for void, <c>SendSync</c> for a value, <c>InvokeAsync</c> for an awaitable.</summary>
    private static void WriteProxyMethod(IndentedWriter writer, MemberModel member, string channel)
    {
        string cancellation = member.CancellationTokenName ?? "global::System.Threading.CancellationToken.None";
        string result = member.ResultType ?? "object?";
        (string opener, System.Func<string, string> finish) = member.Awaitable switch
        {
            AwaitableShape.Task => ("Invoke", local => $"return {Invoke(local)};"),
            AwaitableShape.ValueTask => ("Invoke", local => $"return new {member.ReturnType}({Invoke(local)});"),
            AwaitableShape.TaskOfT => ("Invoke", local => $"return {Invoke(local)}!;"),
            AwaitableShape.ValueTaskOfT => ("Invoke", local => $"return new {member.ReturnType}({Invoke(local)}!);"),
            _ when member.Kind == MemberKind.Sync => ("SendSync", local => $"return {local}.SendSync<{member.ResultType}>()!;"),
            _ => ("Send", (System.Func<string, string>)(local => $"{local}.Send();")),
        };

        writer.Line($"public {member.ReturnType} {member.Name}({ContractText.ParameterList(member)})");
        TypedArgumentsWriter.WriteBody(writer, member, TypedArgumentsWriter.MessageWriter, opener, Field, channel, finish);

        string Invoke(string local) => $"{local}.InvokeAsync<{result}>({cancellation})";
    }
}
