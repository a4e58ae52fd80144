using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Ipc;

/// <summary>
/// Reads the commonest argument types — <see cref="int"/>, <see cref="long"/>, <see cref="bool"/> and plain
/// <see cref="string"/>s — straight from their JSON bytes, without System.Text.Json's reader and read stack, which
/// cost a typed listener with one <c>int</c> argument several times the listener call itself. Only values in their
/// one canonical form are read here; anything else (whitespace, escapes, exponents, a malformed payload) returns
/// false and goes to System.Text.Json, whose result and errors stay the rule.
/// </summary>
internal static class JsonPrimitives
{
    /// <summary>
    /// True when <typeparamref name="T"/> is a type this class reads and <paramref name="info"/> reads it the default
    /// way: System.Text.Json's own converter, strict number handling. A custom converter or number handling keeps the
    /// general path, so the shortcut never changes what a value means.
    /// </summary>
    public static bool ReadsDirectly<T>(JsonTypeInfo<T> info)
    {
        if (typeof(T) != typeof(int) && typeof(T) != typeof(long) && typeof(T) != typeof(bool) && typeof(T) != typeof(string))
        {
            return false;
        }

        bool builtIn = info.Converter.GetType().Assembly == typeof(JsonSerializer).Assembly;
        bool strictNumbers = (info.NumberHandling ?? info.Options.NumberHandling) == JsonNumberHandling.Strict;
        return builtIn && strictNumbers;
    }

    /// <summary>Reads <paramref name="json"/> as <typeparamref name="T"/> when it is in canonical form; false leaves it to System.Text.Json.</summary>
    public static bool TryRead<T>(ReadOnlySpan<byte> json, out T? value)
    {
        if (typeof(T) == typeof(int))
        {
            bool read = TryReadInteger(json, out long number) && number is >= int.MinValue and <= int.MaxValue;
            value = read ? (T)(object)(int)number : default;
            return read;
        }

        if (typeof(T) == typeof(long))
        {
            bool read = TryReadInteger(json, out long number);
            value = read ? (T)(object)number : default;
            return read;
        }

        if (typeof(T) == typeof(bool))
        {
            bool isTrue = json.SequenceEqual("true"u8);
            bool read = isTrue || json.SequenceEqual("false"u8);
            value = read ? (T)(object)isTrue : default;
            return read;
        }

        if (typeof(T) == typeof(string))
        {
            bool read = TryReadPlainString(json, out string? text);
            value = read ? (T?)(object?)text : default;
            return read;
        }

        value = default;
        return false;
    }

    /// <summary>An optional minus and 1–18 digits with no leading zero: every such number fits a <see cref="long"/>.</summary>
    private static bool TryReadInteger(ReadOnlySpan<byte> json, out long number)
    {
        number = 0;
        bool negative = json.Length > 0 && json[0] == (byte)'-';
        ReadOnlySpan<byte> digits = negative ? json[1..] : json;
        if (digits.Length is 0 or > 18 || (digits[0] == (byte)'0' && digits.Length > 1))
        {
            return false;
        }

        foreach (byte b in digits)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            number = (number * 10) + digit;
        }

        if (negative)
        {
            number = -number;
        }

        return true;
    }

    /// <summary>
    /// <c>null</c>, or a quoted string with no escape, no control character and valid UTF-8 inside; the bytes between
    /// the quotes are then the string's UTF-8 as they are.
    /// </summary>
    private static bool TryReadPlainString(ReadOnlySpan<byte> json, out string? text)
    {
        text = null;
        if (json.SequenceEqual("null"u8))
        {
            return true;
        }

        if (json.Length < 2 || json[0] != (byte)'"' || json[^1] != (byte)'"')
        {
            return false;
        }

        ReadOnlySpan<byte> inside = json[1..^1];
        if (inside.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0 || inside.IndexOfAny((byte)'\\', (byte)'"') >= 0
            || !System.Text.Unicode.Utf8.IsValid(inside))
        {
            return false;
        }

        text = System.Text.Encoding.UTF8.GetString(inside);
        return true;
    }
}
