using System.Collections.Generic;
using System.Linq;
using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes the listening side's <c>Serve</c> methods (<c>main.PingPong().Serve(implementation)</c>, and
/// <c>Serve(activator)</c>, which it calls): every member of the contract registered at once, each channel answered by
/// the member of the same name on the instance the activator supplies for the call, with the call's
/// <c>IpcCallContext</c> current around each call.
/// </summary>
internal static class ServingWriter
{
    private const string Scope = "global::Ipc.CompilerServices.IpcCallScope";
    private const string Served = "global::Ipc.CompilerServices.IpcServedContract";

    /// <summary>
    /// Whether the view gets <c>Serve</c>: not when a contract member is already called so, since its channel property
    /// takes the name (the contract keeps its typed channels, only the shortcut is missing).
    /// </summary>
    public static bool Applies(ContractModel contract) =>
        !contract.Members.Any(static member => member.Name == GeneratedNames.ServeMethod);

    public static void Write(IndentedWriter writer, ContractModel contract)
    {
        bool toMain = contract.Direction == ContractDirection.RendererToMain;
        string kinds = toMain
            ? "A <c>void</c> member listens to its messages; a member that returns a value answers <c>SendSync</c> with it; an awaitable member is its channel's handler."
            : "A <c>void</c> member listens to main's messages; an awaitable member is its channel's handler, answering main's invocations.";
        string activator = $"global::Ipc.IIpcServiceActivator<{contract.InterfaceType}>";
        WriteServeImplementation(writer, contract, kinds);
        writer.Line();
        writer.Line($"/// <summary>Serves <see cref=\"{contract.InterfaceType}\"/> with an instance that <paramref name=\"activator\"/> supplies for each call: each member of the contract answers its channel on this endpoint.</summary>");
        writer.Line($"/// <remarks>{kinds} A trailing <c>CancellationToken</c> receives the invocation's. During each call, and in the activator, <see cref=\"global::Ipc.IpcCallContext.Current\"/> describes it. The instance's <c>Lifetime</c> is disposed once the call has ended: after the member returns or throws, or after an awaitable member's task completes. An activator that throws fails the call as a throwing member does.</remarks>");
        writer.Line("/// <param name=\"activator\">Supplies, for each call, the object whose member answers it (a new one from a DI scope, say).</param>");
        writer.Line("/// <returns>A registration whose disposal removes every listener and handler this call added.</returns>");
        writer.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"activator\"/> is null.</exception>");
        writer.Line("/// <exception cref=\"global::System.InvalidOperationException\">The contract is already served on this endpoint, or one of its channels already has a handler; nothing was registered.</exception>");
        writer.Line($"public global::System.IDisposable {GeneratedNames.ServeMethod}({activator} activator)").OpenBlock();
        writer.Line("if (activator is null)").OpenBlock();
        writer.Line("throw new global::System.ArgumentNullException(nameof(activator));");
        writer.CloseBlock();
        writer.Line();
        writer.Line($"{Served} served = {Served}.Begin({GeneratedNames.SendingSideFieldAccess}, typeof({contract.InterfaceType}));");
        foreach (MemberModel member in contract.Members)
        {
            WriteRegistration(writer, member);
        }

        writer.Line("return served;");
        writer.CloseBlock();
    }

    /// <summary>The single-instance <c>Serve</c>: the activator overload with the same instance for every call.</summary>
    private static void WriteServeImplementation(IndentedWriter writer, ContractModel contract, string kinds)
    {
        writer.Line($"/// <summary>Serves <see cref=\"{contract.InterfaceType}\"/> from <paramref name=\"implementation\"/>: each member of the contract answers its channel on this endpoint.</summary>");
        writer.Line($"/// <remarks>{kinds} A trailing <c>CancellationToken</c> receives the invocation's. During each call, <see cref=\"global::Ipc.IpcCallContext.Current\"/> describes it.</remarks>");
        writer.Line("/// <param name=\"implementation\">The object whose members answer the contract's calls.</param>");
        writer.Line("/// <returns>A registration whose disposal removes every listener and handler this call added.</returns>");
        writer.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"implementation\"/> is null.</exception>");
        writer.Line("/// <exception cref=\"global::System.InvalidOperationException\">The contract is already served on this endpoint, or one of its channels already has a handler; nothing was registered.</exception>");
        writer.Line($"public global::System.IDisposable {GeneratedNames.ServeMethod}({contract.InterfaceType} implementation)").OpenBlock();
        writer.Line("if (implementation is null)").OpenBlock();
        writer.Line("throw new global::System.ArgumentNullException(nameof(implementation));");
        writer.CloseBlock();
        writer.Line();
        writer.Line($"return this.{GeneratedNames.ServeMethod}(global::Ipc.IpcServiceActivator.Of(implementation));");
        writer.CloseBlock();
    }

    /// <summary>
    /// One member's registration. The lambda's parameters are named here, never after the contract's, so that none can
    /// shadow <c>activator</c>; channel properties are reached through <c>this</c> for the same reason. The scope asks the
    /// activator for the call's instance and disposes its lifetime when the call ends, so the runtime owns that logic.
    /// </summary>
    private static void WriteRegistration(IndentedWriter writer, MemberModel member)
    {
        var parameters = new List<string> { "e" };
        var arguments = new List<string>();
        for (int i = 0; i < member.Parameters.Count; i++)
        {
            string name = $"arg{i}";
            parameters.Add(name);
            arguments.Add(name);
        }

        if (member.CancellationTokenName is not null)
        {
            parameters.Add("ct"); // only invocations have one (IPC1005); their handler delegate passes the invocation's
            arguments.Add("ct");
        }

        string call = $"scope.Activate(activator).{member.Name}({string.Join(", ", arguments)})";
        string register = member.Kind == MemberKind.Invoke ? "Handle" : "Listen";
        writer.Line($"served.{register}(this.{member.Name}, ({string.Join(", ", parameters)}) =>").OpenBlock();
        switch (member.Kind)
        {
            case MemberKind.Invoke:
                writer.Line($"using {Scope} scope = {Scope}.Enter(e);");
                writer.Line($"return scope.Until({call});");
                break;
            case MemberKind.Sync:
                // The return value is the reply: a served sync member cannot leave ReturnValue unset (IPC0001).
                writer.Line($"using {Scope} scope = {Scope}.Enter(e.Untyped);");
                writer.Line($"e.ReturnValue = {call};");
                break;
            default:
                writer.Line($"using {Scope} scope = {Scope}.Enter(e);");
                writer.Line($"{call};");
                break;
        }

        writer.CloseBlock(");");
    }
}
