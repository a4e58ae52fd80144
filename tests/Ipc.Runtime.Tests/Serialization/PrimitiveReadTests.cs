using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ipc.Runtime.Tests.Serialization;

/// <summary>
/// The direct read of int, long, bool and plain strings is a shortcut only: for any payload it gives what
/// System.Text.Json gives, value or error, and it steps aside for options that change what a value means.
/// </summary>
public sealed class PrimitiveReadTests
{
    private static readonly JsonSerializerOptions Options = JsonIpcSerializer.Default.Options;

    public static TheoryData<string> Payloads() =>
    [
        "0", "-0", "7", "-7", "42", "2147483647", "-2147483648", "2147483648", "-2147483649",
        "9223372036854775807", "-9223372036854775808", "99999999999999999999", "123456789012345678",
        "007", "00", "-", "", " 1", "1 ", "+1", "1.0", "1e3", "0x10", "\"5\"", "1a", "--1",
        "true", "false", "null", "True", "tru", "truex", " true",
        "\"\"", "\"hi\"", "\"é ü 😀\"", "\"a\\nb\"", "\"a\\\"b\"", "\"unterminated", "\"", "\"a\"b\"",
        "\"tab\there\"", "[1]", "{}",
    ];

    [Theory, MemberData(nameof(Payloads))]
    public void AnIntReadsAsSystemTextJsonReadsIt(string json) => AssertSameAsSystemTextJson<int>(json);

    [Theory, MemberData(nameof(Payloads))]
    public void ALongReadsAsSystemTextJsonReadsIt(string json) => AssertSameAsSystemTextJson<long>(json);

    [Theory, MemberData(nameof(Payloads))]
    public void ABoolReadsAsSystemTextJsonReadsIt(string json) => AssertSameAsSystemTextJson<bool>(json);

    [Theory, MemberData(nameof(Payloads))]
    public void AStringReadsAsSystemTextJsonReadsIt(string json) => AssertSameAsSystemTextJson<string>(json);

    [Fact]
    public void InvalidUtf8InAStringIsRefusedAsSystemTextJsonRefusesIt()
    {
        byte[] json = [(byte)'"', 0xC3, 0x28, (byte)'"'];
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<string>(json, Options));
        Assert.ThrowsAny<JsonException>(() => JsonIpcSerializer.Default.Deserialize<string>(json));
    }

    [Fact]
    public void ACustomConverterForTheTypeIsStillUsed()
    {
        var serializer = new JsonIpcSerializer(new JsonSerializerOptions { Converters = { new PlusOneConverter() } });

        Assert.Equal(8, serializer.Deserialize<int>("7"u8));
    }

    [Fact]
    public void NumberHandlingThatReadsStringsIsStillHonoured()
    {
        var serializer = new JsonIpcSerializer(new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowReadingFromString });

        Assert.Equal(5, serializer.Deserialize<int>("\"5\""u8));
        Assert.Equal(6, serializer.Deserialize<int>("6"u8));
    }

    [Fact]
    public void ReadingAnIntArgumentAllocatesNothing()
    {
        byte[] json = "12345"u8.ToArray();
        JsonIpcSerializer.Default.Deserialize<int>(json); // warm up

        long before = GC.GetAllocatedBytesForCurrentThread();
        int sum = 0;
        for (int i = 0; i < 1_000; i++)
        {
            sum += JsonIpcSerializer.Default.Deserialize<int>(json);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(12_345_000, sum);
    }

    private static void AssertSameAsSystemTextJson<T>(string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        (T? Value, Type? Error) expected = Outcome(() => JsonSerializer.Deserialize<T>(bytes, Options));
        (T? Value, Type? Error) actual = Outcome(() => JsonIpcSerializer.Default.Deserialize<T>(bytes));

        Assert.Equal(expected.Error is null, actual.Error is null);
        Assert.Equal(expected.Value, actual.Value);
    }

    private static (T? Value, Type? Error) Outcome<T>(Func<T?> read)
    {
        try
        {
            return (read(), null);
        }
        catch (Exception e)
        {
            return (default, e.GetType());
        }
    }

    private sealed class PlusOneConverter : JsonConverter<int>
    {
        public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetInt32() + 1;

        public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value - 1);
    }
}
