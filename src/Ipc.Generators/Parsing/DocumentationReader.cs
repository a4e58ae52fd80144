using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Xml;
using System.Xml.Linq;
using Ipc.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Parsing;

/// <summary>Carries a contract member's XML documentation over to the members generated for it.</summary>
internal static class DocumentationReader
{
    private static readonly string[] s_lineBreaks = ["\r\n", "\n", "\r"];

    /// <summary>
    /// The member's <c>summary</c> and <c>remarks</c> as comment lines (without <c>///</c>). A <c>paramref</c>
    /// becomes <c>&lt;c&gt;name&lt;/c&gt;</c>, because the generated member it lands on has other parameters, or none.
    /// Crefs stay as the compiler resolved them (<c>T:Namespace.Type</c>), a form the C# compiler accepts anywhere.
    /// </summary>
    public static EquatableArray<string> ReadSummary(ISymbol member, CancellationToken cancellationToken)
    {
        string? xml = member.GetDocumentationCommentXml(expandIncludes: true, cancellationToken: cancellationToken);
        if (string.IsNullOrWhiteSpace(xml))
        {
            return EquatableArray<string>.Empty;
        }

        XElement root;
        try
        {
            root = XElement.Parse(xml, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            return EquatableArray<string>.Empty; // malformed docs: the compiler already warns at the contract
        }

        var lines = new List<string>();
        foreach (XElement element in root.Elements().Where(static e => e.Name.LocalName is "summary" or "remarks"))
        {
            foreach (XElement reference in element.Descendants().Where(static d => d.Name.LocalName is "paramref" or "typeparamref").ToList())
            {
                reference.ReplaceWith(new XElement("c", (string?)reference.Attribute("name") ?? string.Empty));
            }

            AddLines(element, lines);
        }

        return lines.ToEquatableArray();
    }

    private static void AddLines(XElement element, List<string> lines)
    {
        string[] elementLines = element.ToString(SaveOptions.DisableFormatting).Split(s_lineBreaks, StringSplitOptions.None);
        int indent = CommonIndent(elementLines);
        for (int i = 0; i < elementLines.Length; i++)
        {
            // The first line starts at the element itself; only the lines after it carry source indentation.
            string line = i == 0 ? elementLines[i] : elementLines[i].Substring(Math.Min(indent, LeadingSpaces(elementLines[i])));
            lines.Add(line.TrimEnd());
        }
    }

    private static int CommonIndent(string[] lines)
    {
        int indent = int.MaxValue;
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length > 0)
            {
                indent = Math.Min(indent, LeadingSpaces(lines[i]));
            }
        }

        return indent == int.MaxValue ? 0 : indent;
    }

    private static int LeadingSpaces(string line)
    {
        int count = 0;
        while (count < line.Length && char.IsWhiteSpace(line[count]))
        {
            count++;
        }

        return count;
    }
}
