using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Ipc.Package.Tests.Infrastructure;

/// <summary>Reads an assembly's metadata without loading it: which attributes its types carry, which assemblies it needs.</summary>
internal sealed class AssemblyInspector
{
    private AssemblyInspector(IReadOnlySet<string> typeAttributeNames, IReadOnlyDictionary<string, Version> references)
    {
        TypeAttributeNames = typeAttributeNames;
        References = references;
    }

    /// <summary>Names (without namespace) of the attributes applied to the assembly's types, e.g. <c>GeneratorAttribute</c>.</summary>
    public IReadOnlySet<string> TypeAttributeNames { get; }

    /// <summary>Referenced assembly names and versions.</summary>
    public IReadOnlyDictionary<string, Version> References { get; }

    public static AssemblyInspector Read(Stream assembly)
    {
        using var copy = new MemoryStream();
        assembly.CopyTo(copy);
        copy.Position = 0;
        using var pe = new PEReader(copy);
        MetadataReader metadata = pe.GetMetadataReader();

        var attributes = new HashSet<string>(StringComparer.Ordinal);
        foreach (CustomAttributeHandle handle in metadata.CustomAttributes)
        {
            CustomAttribute attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Parent.Kind == HandleKind.TypeDefinition && AttributeTypeName(metadata, attribute) is { } name)
            {
                attributes.Add(name);
            }
        }

        var references = new Dictionary<string, Version>(StringComparer.Ordinal);
        foreach (AssemblyReferenceHandle handle in metadata.AssemblyReferences)
        {
            AssemblyReference reference = metadata.GetAssemblyReference(handle);
            references[metadata.GetString(reference.Name)] = reference.Version;
        }

        return new AssemblyInspector(attributes, references);
    }

    private static string? AttributeTypeName(MetadataReader metadata, CustomAttribute attribute)
    {
        EntityHandle type = attribute.Constructor.Kind switch
        {
            HandleKind.MemberReference => metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            HandleKind.MethodDefinition => metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            _ => default,
        };

        return type.Kind switch
        {
            HandleKind.TypeReference => metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)type).Name),
            HandleKind.TypeDefinition => metadata.GetString(metadata.GetTypeDefinition((TypeDefinitionHandle)type).Name),
            _ => null,
        };
    }
}
