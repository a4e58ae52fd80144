namespace Ipc.Generators.Model;

/// <summary>The names of what is generated for one contract, all derived from its type-name stem.</summary>
/// <param name="Stem">The contract's name without its interface <c>I</c>: <c>IPingPong</c> → <c>PingPong</c>; also the extension methods' name.</param>
/// <param name="ExtensionsClass">The static class holding the <c>main.PingPong()</c>-style extension methods.</param>
/// <param name="ChannelsClass">The static class holding one typed channel class per member.</param>
/// <param name="ListeningSideClass">The typed view of the listening side: <c>PingPongMain</c> (renderer → main) or <c>PingPongRenderer</c> (main → renderer).</param>
/// <param name="SendingSideClass">
/// The private class implementing the contract on the sending side, nested in <see cref="ExtensionsClass"/>: the
/// renderer's proxy to main (renderer → main), or main's proxy to one renderer (main → renderer).
/// </param>
/// <param name="BroadcastClass">Main → renderer only: main's view toward every connected renderer, <c>PingPongRepliesBroadcast</c>; null otherwise.</param>
/// <param name="QualifiedStem">The contract's namespace and type stem, <c>Demo.PingPong</c>: unique per contract, it names the generated files.</param>
/// <param name="HintName">The generated file's name.</param>
internal sealed record GeneratedNames(
    string Stem,
    string ExtensionsClass,
    string ChannelsClass,
    string ListeningSideClass,
    string SendingSideClass,
    string? BroadcastClass,
    string QualifiedStem,
    string HintName)
{
    /// <summary>The field through which generated classes reach the runtime: the sending side's endpoint, the broadcast's target, the listening side's endpoint (for <c>Serve</c>).</summary>
    public const string SendingSideField = "_ipc";

    /// <summary>How the sending side's methods reach the field: through <c>this</c>, which no parameter name can shadow.</summary>
    public const string SendingSideFieldAccess = "this." + SendingSideField;

    /// <summary>
    /// The listening side's method that registers a whole implementation of the contract. Not a reason to skip a
    /// contract: one with a member of that name keeps its channel property and goes without the method.
    /// </summary>
    public const string ServeMethod = "Serve";

    /// <summary>
    /// The module initializer in <see cref="ExtensionsClass"/> that registers the contract's generated code with the
    /// runtime. That class holds no member named after the contract's members, only the <see cref="Stem"/> extension
    /// methods, which take a parameter: even a contract named <c>IRegisterIpcContract</c> only overloads it.
    /// </summary>
    public const string RegistrationMethod = "RegisterIpcContract";

    /// <summary>
    /// What a contract member named <paramref name="memberName"/> would clash with in the generated code, or null: the
    /// view, sending and broadcast classes (a member may not share its class's name), the sending side's field, or a
    /// member of <see cref="object"/> that the generated property or method would hide.
    /// </summary>
    public string? CollisionWith(string memberName) =>
        memberName == ListeningSideClass ? $"the generated class '{ListeningSideClass}'"
        : memberName == SendingSideClass ? $"the generated class '{SendingSideClass}'"
        : memberName == BroadcastClass ? $"the generated class '{BroadcastClass}'"
        : memberName == SendingSideField ? $"the generated field '{SendingSideField}'"
        : memberName is "Equals" or "GetHashCode" or "GetType" or "ToString" or "MemberwiseClone" or "Finalize" ? $"'object.{memberName}', which the generated member would hide"
        : null;

    /// <summary>
    /// Derives the names for a contract. <paramref name="containingTypes"/> (outermost first) prefix the type
    /// names so that contracts of the same name nested in different classes do not clash.
    /// </summary>
    public static GeneratedNames For(string interfaceName, string containingTypes, string @namespace, ContractDirection direction)
    {
        string stem = interfaceName.Length > 1 && interfaceName[0] == 'I' && char.IsUpper(interfaceName[1])
            ? interfaceName.Substring(1)
            : interfaceName;
        string typeStem = containingTypes + stem;
        bool toMain = direction == ContractDirection.RendererToMain;
        string qualifiedName = @namespace.Length == 0 ? typeStem : @namespace + "." + typeStem;
        return new GeneratedNames(
            Stem: stem,
            ExtensionsClass: typeStem + "IpcExtensions",
            ChannelsClass: typeStem + "Channels",
            ListeningSideClass: typeStem + (toMain ? "Main" : "Renderer"),
            SendingSideClass: typeStem + (toMain ? "RendererProxy" : "MainSender"),
            BroadcastClass: toMain ? null : typeStem + "Broadcast",
            QualifiedStem: qualifiedName,
            HintName: qualifiedName + ".IpcChannel.g.cs");
    }
}
