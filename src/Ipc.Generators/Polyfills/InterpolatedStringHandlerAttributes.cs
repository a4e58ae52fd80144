namespace System.Runtime.CompilerServices;

/// <summary>Lets <see cref="Ipc.Generators.Emitting.IndentedWriter.LineHandler"/> be an interpolated string handler on netstandard2.0, which lacks this marker type.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
internal sealed class InterpolatedStringHandlerAttribute : Attribute
{
}

/// <summary>Passes the writer to its line handler's constructor; netstandard2.0 lacks this attribute.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
internal sealed class InterpolatedStringHandlerArgumentAttribute : Attribute
{
    public InterpolatedStringHandlerArgumentAttribute(string argument) => Arguments = [argument];

    public InterpolatedStringHandlerArgumentAttribute(params string[] arguments) => Arguments = arguments;

    public string[] Arguments { get; }
}
