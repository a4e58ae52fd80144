using System;
using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes the private class that implements a contract interface on its sending side: the renderer's proxy
/// (renderer → main) or main's sender (main → renderer). Each method forwards to one runtime field.
/// </summary>
internal static class SendingSideWriter
{
    /// <param name="fieldType">The runtime type the methods send through.</param>
    /// <param name="constructorParameter">The constructor's parameter (of <paramref name="fieldType"/>).</param>
    /// <param name="fieldInitializer">The expression stored in the field, from the parameter.</param>
    /// <param name="methodBody">A member's expression body, given the expression naming its channel.</param>
    public static void Write(
        IndentedWriter writer,
        ContractModel contract,
        string fieldType,
        string constructorParameter,
        string fieldInitializer,
        Func<MemberModel, string, string> methodBody)
    {
        const string Field = GeneratedNames.SendingSideField;
        string className = contract.Names.SendingSideClass;
        writer.Line("private sealed class " + className + " : " + contract.InterfaceType).OpenBlock();
        writer.Line("private readonly " + fieldType + " " + Field + ";");
        writer.Line();
        writer.Line("public " + className + "(" + fieldType + " " + constructorParameter + ") => " + GeneratedNames.SendingSideFieldAccess + " = " + fieldInitializer + ";");
        foreach (MemberModel member in contract.Members)
        {
            writer.Line();
            string channel = ContractEmitter.ChannelClass(contract, member) + ".Name";
            writer.Line(methodBody(member, channel));
        }

        writer.CloseBlock();
    }
}
