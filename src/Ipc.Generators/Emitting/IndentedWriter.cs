using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes source (C#, and the TypeScript and JavaScript client modules) line by line at the current indentation, always
/// with <c>\n</c> line ends. An interpolated line (<c>writer.Line($"public {type} {name};")</c>) is written straight into
/// the buffer through <see cref="LineHandler"/>, holes formatted with the invariant culture, with no concatenation.
/// </summary>
internal sealed class IndentedWriter
{
    private const string IndentUnit = "    ";

    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>Writes <paramref name="line"/> at the current indentation; an empty line stays empty.</summary>
    public IndentedWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            Indent();
            _text.Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes an interpolated line at the current indentation.</summary>
    public IndentedWriter Line([InterpolatedStringHandlerArgument("")] ref LineHandler line)
    {
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes an interpolated line, which ends by opening a block (<c>… {</c>), and indents what follows.</summary>
    public IndentedWriter OpenLine([InterpolatedStringHandlerArgument("")] ref LineHandler line)
    {
        _text.Append('\n');
        _depth++;
        return this;
    }

    /// <summary>Writes <c>{</c> and indents what follows.</summary>
    public IndentedWriter OpenBlock()
    {
        Line("{");
        _depth++;
        return this;
    }

    /// <summary>Writes <paramref name="line"/>, which ends by opening a block (<c>… {</c>, TypeScript's style), and indents what follows.</summary>
    public IndentedWriter OpenLine(string line)
    {
        Line(line);
        _depth++;
        return this;
    }

    /// <summary>Unindents and writes <c>}</c> followed by <paramref name="suffix"/>.</summary>
    public IndentedWriter CloseBlock(string suffix = "")
    {
        _depth--;
        return Line($"}}{suffix}");
    }

    /// <summary>Writes each line as a <c>///</c> documentation comment line.</summary>
    public IndentedWriter DocLines(System.Collections.Generic.IEnumerable<string> lines)
    {
        foreach (string line in lines)
        {
            if (line.Length == 0)
            {
                Line("///");
            }
            else
            {
                Line($"/// {line}");
            }
        }

        return this;
    }

    public override string ToString() => _text.ToString();

    private void Indent()
    {
        for (int i = 0; i < _depth; i++)
        {
            _text.Append(IndentUnit);
        }
    }

    /// <summary>Builds one interpolated line in place: the indentation first, then each literal part and hole.</summary>
    [InterpolatedStringHandler]
    public readonly struct LineHandler
    {
        private readonly StringBuilder _text;

        public LineHandler(int literalLength, int formattedCount, IndentedWriter writer)
        {
            _ = formattedCount;
            _text = writer._text;
            _text.EnsureCapacity(_text.Length + literalLength + (writer._depth * IndentUnit.Length) + 16);
            writer.Indent();
        }

        public void AppendLiteral(string value) => _text.Append(value);

        public void AppendFormatted(string? value) => _text.Append(value);

        public void AppendFormatted(int value) => _text.Append(value.ToString(CultureInfo.InvariantCulture));
    }
}
