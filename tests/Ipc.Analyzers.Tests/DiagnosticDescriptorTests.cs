using System.Reflection;
using Ipc.Analyzers.Tests.Infrastructure;
using Ipc.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Ipc.Analyzers.Tests;

/// <summary>Every rule as an IDE shows it: an absolute help link to its page, a message of its own, a release entry.</summary>
public sealed class DiagnosticDescriptorTests
{
    public static TheoryData<string> RuleIds() => [.. typeof(DiagnosticIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(static field => (string)field.GetRawConstantValue()!)];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EachRuleLinksToItsPageByAnAbsoluteUrl(string id)
    {
        DiagnosticDescriptor descriptor = Descriptor(id);

        Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out Uri? link), descriptor.HelpLinkUri);
        Assert.Equal(Uri.UriSchemeHttps, link!.Scheme);
        Assert.EndsWith("/docs/diagnostics/" + id + ".md", link.AbsolutePath, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, "docs", "diagnostics", id + ".md")), $"docs/diagnostics/{id}.md is missing");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EachRuleHasAMessageFormatOfItsOwn(string id)
    {
        string format = Descriptor(id).MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.NotEqual("{0}", format.Trim());
        Assert.True(format.Replace("{0}", string.Empty, StringComparison.Ordinal).Length > 20, format);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EachRuleIsTrackedInTheUnshippedRelease(string id)
    {
        DiagnosticDescriptor descriptor = Descriptor(id);
        string[] entries = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, "src", "Ipc.Generators", "AnalyzerReleases.Unshipped.md"));

        Assert.Contains(entries, line => line.StartsWith($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", StringComparison.Ordinal));
    }

    private static DiagnosticDescriptor Descriptor(string id) => typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(static field => field.FieldType == typeof(DiagnosticDescriptor))
        .Select(static field => (DiagnosticDescriptor)field.GetValue(null)!)
        .Single(descriptor => descriptor.Id == id);
}
