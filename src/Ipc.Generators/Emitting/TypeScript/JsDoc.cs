using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting.TypeScript;

/// <summary>Turns the C# documentation carried in the model into JSDoc comments, which editors show on hover.</summary>
internal static class JsDoc
{
    /// <summary>
    /// Writes <c>/** … */</c> with the text of <paramref name="documentation"/> followed by <paramref name="moreLines"/>
    /// (notes, <c>@param</c> tags); nothing when both are empty.
    /// </summary>
    public static void Write(IndentedWriter writer, EquatableArray<string> documentation, IEnumerable<string>? moreLines = null)
    {
        List<string> lines = TextOf(documentation);
        foreach (string line in moreLines ?? [])
        {
            lines.Add(line);
        }

        if (lines.Count == 1)
        {
            writer.Line($"/** {Escape(lines[0])} */");
        }
        else if (lines.Count > 1)
        {
            writer.Line("/**");
            foreach (string line in lines)
            {
                writer.Line(line.Length == 0 ? " *" : $" * {Escape(line)}");
            }

            writer.Line(" */");
        }
    }

    /// <summary>The plain text of a <c>summary</c> and <c>remarks</c>, a blank line between them; code and references in backquotes.</summary>
    public static List<string> TextOf(EquatableArray<string> documentation)
    {
        var lines = new List<string>();
        if (documentation.Count == 0)
        {
            return lines;
        }

        XElement root;
        try
        {
            root = XElement.Parse($"<doc>{string.Join("\n", documentation)}</doc>", LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            return lines;
        }

        foreach (XElement section in root.Elements())
        {
            var text = new StringBuilder();
            Render(section, text);
            List<string> sectionLines = Tidy(text.ToString());
            if (lines.Count > 0 && sectionLines.Count > 0)
            {
                lines.Add(string.Empty);
            }

            lines.AddRange(sectionLines);
        }

        return lines;
    }

    private static void Render(XNode node, StringBuilder text)
    {
        if (node is XText literal)
        {
            text.Append(literal.Value);
            return;
        }

        if (node is not XElement element)
        {
            return;
        }

        switch (element.Name.LocalName)
        {
            case "see" or "seealso" when element.Value.Length == 0:
                string? reference = (string?)element.Attribute("cref") is { } cref ? ReferenceName(cref)
                    : (string?)element.Attribute("langword") ?? (string?)element.Attribute("href");
                text.Append('`').Append(reference).Append('`');
                return;
            case "c":
                text.Append('`').Append(element.Value).Append('`');
                return;
            case "para":
                text.Append("\n\n");
                RenderChildren(element, text);
                text.Append("\n\n");
                return;
            case "br":
                text.Append('\n');
                return;
            default:
                RenderChildren(element, text);
                return;
        }
    }

    private static void RenderChildren(XElement element, StringBuilder text)
    {
        foreach (XNode child in element.Nodes())
        {
            Render(child, text);
        }
    }

    /// <summary><c>M:Demo.IPingPong.Add(System.Int32)</c> → <c>IPingPong.Add</c>; <c>T:Demo.Size</c> → <c>Size</c>.</summary>
    private static string ReferenceName(string cref)
    {
        bool isType = cref.StartsWith("T:", StringComparison.Ordinal);
        string name = cref.Length > 1 && cref[1] == ':' ? cref.Substring(2) : cref;
        int parameters = name.IndexOf('(');
        if (parameters >= 0)
        {
            name = name.Substring(0, parameters);
        }

        string[] parts = name.Split('.');
        return isType || parts.Length < 2 ? parts[parts.Length - 1] : $"{parts[parts.Length - 2]}.{parts[parts.Length - 1]}";
    }

    /// <summary>Trims each line, and drops blank lines at either end and repeated blank lines.</summary>
    private static List<string> Tidy(string text)
    {
        var lines = new List<string>();
        foreach (string raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length > 0 || (lines.Count > 0 && lines[lines.Count - 1].Length > 0))
            {
                lines.Add(line);
            }
        }

        while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>A comment must not end early, whatever the C# documentation says.</summary>
    private static string Escape(string line) => line.Replace("*/", "*\\/");
}
