namespace Ipc.Generators.Emitting.TypeScript;

/// <summary>The two files of a client module: the same runtime code, with types (TypeScript) or without (JavaScript).</summary>
internal enum ModuleLanguage
{
    TypeScript,
    JavaScript,
}
