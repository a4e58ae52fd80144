using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes the private class that implements a contract interface on its sending side: the renderer's proxy to main
/// (renderer → main, over an <c>IpcRenderer</c>) or main's proxy to one renderer (main → renderer, over an
/// <c>IpcSender</c>). Both endpoints send the same way, so each method forwards to the same call on its field.
/// </summary>
internal static class SendingSideWriter
{
    private const string Field = GeneratedNames.SendingSideFieldAccess;

    /// <param name="endpointType">The runtime endpoint the methods send through: <c>global::Ipc.IpcRenderer</c> or <c>global::Ipc.IpcSender</c>.</param>
    public static void Write(IndentedWriter writer, ContractModel contract, string endpointType)
    {
        string className = contract.Names.SendingSideClass;
        writer.Line("private sealed class " + className + " : " + contract.InterfaceType).OpenBlock();
        writer.Line("private readonly " + endpointType + " " + GeneratedNames.SendingSideField + ";");
        writer.Line();
        writer.Line("public " + className + "(" + endpointType + " renderer) => " + Field + " = renderer ?? throw new global::System.ArgumentNullException(nameof(renderer));");
        foreach (MemberModel member in contract.Members)
        {
            writer.Line();
            writer.Line(ProxyMethod(member, ContractEmitter.ChannelClass(contract, member) + ".Name"));
        }

        writer.CloseBlock();
    }

    /// <summary>A proxy method: <c>Send</c> for void, <c>SendSync</c> for a value, <c>InvokeAsync</c> for an awaitable.</summary>
    private static string ProxyMethod(MemberModel member, string channel)
    {
        string arguments = ContractEmitter.ArgumentArray(member);
        string signature = member.ReturnType + " " + member.Name + "(" + ContractEmitter.ParameterList(member) + ")";
        string cancellation = member.CancellationTokenName ?? "global::System.Threading.CancellationToken.None";
        string invoke = Field + ".InvokeAsync<" + (member.ResultType ?? "object?") + ">(" + channel + ", " + arguments + ", " + cancellation + ")";
        return member.Awaitable switch
        {
            AwaitableShape.Task => "public " + signature + " => " + invoke + ";",
            AwaitableShape.ValueTask => "public " + signature + " => new " + member.ReturnType + "(" + invoke + ");",
            AwaitableShape.TaskOfT or AwaitableShape.ValueTaskOfT => "public async " + signature + " => (await " + invoke + ".ConfigureAwait(false))!;",
            _ when member.Kind == MemberKind.Sync => "public " + signature + " => " + Field + ".SendSync<" + member.ResultType + ">(" + channel + ", " + arguments + ")!;",
            _ => "public " + signature + " => " + Field + ".Send(" + channel + ", " + arguments + ");",
        };
    }
}
