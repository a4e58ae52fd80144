using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using CsCheck;
using Ipc.Protocol;
using Ipc.Reliability.Tests.Infrastructure;
using Ipc.Transport;

namespace Ipc.Reliability.Tests;

/// <summary>
/// Property-based tests of every decoder a peer's bytes reach, in process: the frame header, the argument
/// section, replies, the handshake and the length prefix. For any input each either decodes or throws the
/// one exception type its caller turns into a clear error, and allocates in proportion to its input, never
/// more. <see cref="FuzzCases"/> sets the number of cases (10,000 per property by default).
/// </summary>
public sealed class HostileInputTests
{
    private const int MaxMessageSize = 64 * 1024;

    /// <summary>What decoding may allocate beyond the input itself: an exception, its message and stack trace.</summary>
    private const long AllocationSlack = 64 * 1024;

    private static readonly int[] s_interestingInts = [0, 1, -1, 3, 4, 5, int.MinValue, int.MaxValue, MaxMessageSize, MaxMessageSize + 1, 4096, 4097, 1 << 30];

    private static readonly Gen<MessageKind> s_kind = Gen.Int[0, 8].Select(k => (MessageKind)k);

    private static readonly Gen<string> s_channel = Gen.OneOf(Gen.String, Gen.Const("echo"), Gen.Char.Array[0, 40].Select(c => new string(c)));

    private static readonly Gen<object?> s_argument = Gen.OneOf<object?>(
        Gen.Int.Select(i => (object?)i),
        Gen.String.Select(s => (object?)s),
        Gen.Double.Select(d => (object?)(double.IsFinite(d) ? d : 0.5)),
        Gen.Bool.Select(_ => (object?)null),
        Gen.Int.Array[0, 5].Select(a => (object?)a));

    /// <summary>Frames as a renderer would encode them.</summary>
    private static readonly Gen<byte[]> s_validFrame =
        Gen.Select(Gen.Int[1, 6], Gen.Long, s_channel, s_argument.Array[0, 4])
            .Select((kind, id, channel, args) => Frames.Message((MessageKind)kind, id, channel, args));

    /// <summary>Valid frames, then cut short, with bytes flipped, or with an int32 overwritten by an edge value.</summary>
    internal static readonly Gen<byte[]> HostileFrame = Gen.OneOf(
        Gen.Byte.Array[0, 200],
        s_validFrame,
        s_validFrame.SelectMany(f => Gen.Int[0, f.Length].Select(n => f[..n])),
        s_validFrame.SelectMany(f => Gen.Select(Gen.Int[0, Math.Max(0, f.Length - 1)], Gen.Byte).Select((at, value) => Flip(f, at, value))),
        s_validFrame.SelectMany(f => Gen.Select(Gen.Int[0, Math.Max(0, f.Length - 4)], Gen.OneOf(s_interestingInts)).Select((at, value) => OverwriteInt(f, at, value))));

    [Fact]
    public void Frame_Decode_either_decodes_or_throws_InvalidDataException_within_bounded_allocation() =>
        HostileFrame.Sample(
            frame =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    Frame decoded = Frame.Decode(frame);
                    Assert.InRange(decoded.Kind, MessageKind.Send, MessageKind.NestedInvoke);
                    Assert.InRange(decoded.Body.Length, 0, frame.Length - 13);
                    Assert.Equal(frame.Length, 13 + Encoding.UTF8.GetByteCount(decoded.Channel) + decoded.Body.Length);
                }
                catch (InvalidDataException e)
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                }

                AssertAllocatedAtMost(before, 4L * frame.Length);
            },
            iter: FuzzCases.InProcess);

    [Fact]
    public void A_channel_name_that_is_not_valid_UTF_8_is_rejected_by_name()
    {
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        Gen.Select(Gen.Byte.Array[1, 30], Gen.Long).Sample(
            (channelBytes, id) =>
            {
                byte[] frame = new byte[13 + channelBytes.Length + 4];
                frame[0] = (byte)MessageKind.Send;
                BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(1), id);
                BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(9), channelBytes.Length);
                channelBytes.CopyTo(frame, 13);
                bool valid;
                try
                {
                    strict.GetString(channelBytes);
                    valid = true;
                }
                catch (DecoderFallbackException)
                {
                    valid = false;
                }

                if (valid)
                {
                    Assert.Equal(strict.GetString(channelBytes), Frame.Decode(frame).Channel);
                }
                else
                {
                    InvalidDataException e = Assert.Throws<InvalidDataException>(() => Frame.Decode(frame));
                    Assert.Contains("not valid UTF-8", e.Message);
                }
            },
            iter: FuzzCases.InProcess);
    }

    [Fact]
    public void The_argument_section_either_validates_with_every_argument_inside_it_or_throws_InvalidDataException() =>
        Gen.OneOf(
            Gen.Byte.Array[0, 100],
            s_validFrame.Select(f => f[(13 + BinaryPrimitives.ReadInt32LittleEndian(f.AsSpan(9)))..]),
            Gen.Select(Gen.OneOf(s_interestingInts), Gen.OneOf(s_interestingInts), Gen.Byte.Array[0, 40]).Select((count, length, rest) => Section(count, length, rest)))
        .Sample(
            section =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                int count;
                try
                {
                    count = ArgumentSection.Validate(section);
                }
                catch (InvalidDataException)
                {
                    AssertAllocatedAtMost(before, 0);
                    return;
                }

                int total = 4;
                for (int i = 0; i < count; i++)
                {
                    total += 4 + ArgumentSection.Locate(section, i).Length;
                }

                Assert.Equal(section.Length, total); // the arguments tile the section exactly
                AssertAllocatedAtMost(before, 0);
            },
            iter: FuzzCases.InProcess);

    [Fact]
    public void Any_argument_read_as_any_type_either_deserialises_or_throws_IpcSerializationException_naming_channel_and_index() =>
        Gen.OneOf(
            Gen.Byte.Array[0, 60],
            Gen.OneOf("{\"X\":1,\"Y\":2}", "{\"X\":\"one\"}", "[1,2,3]", "\"text\"", "12", "null", "{", "[[[[[[", "{\"X\":1e400}", "tru", "\"\\ud800\"")
                .Select(Encoding.UTF8.GetBytes),
            Gen.Int[0, 200].Select(depth => Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth))))
        .Sample(
            json =>
            {
                byte[] section = Section(1, json.Length, json);
                IpcArgs args = IpcArgs.FromSection("typed-channel", section, JsonIpcSerializer.Default);
                ReadEach(args, a => a.Get<Point>(0));
                ReadEach(args, a => a.Get<int>(0));
                ReadEach(args, a => a.Get<string>(0));
                ReadEach(args, a => a.Get<List<Point>>(0));
                ReadEach(args, a => a.Get<JsonElement>(0));
            },
            iter: FuzzCases.InProcess);

    [Fact]
    public void A_reply_body_either_reads_or_throws_an_IpcException_or_cancellation() =>
        Gen.OneOf(
            Gen.Byte.Array[0, 80],
            Gen.Select(Gen.Byte[0, 7], Gen.Byte.Array[0, 60]).Select((status, rest) => (byte[])[status, .. rest]),
            Gen.Select(Gen.Byte[1, 5], Gen.OneOf(s_interestingInts), Gen.Byte.Array[0, 30]).Select((status, length, rest) => Reply(status, length, rest)))
        .Sample(
            body =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                var reply = new Frame(MessageKind.Reply, 1, "ch", body);
                try
                {
                    ReplyReader.Read<string>(reply, "ch", JsonIpcSerializer.Default, MessageKind.Invoke);
                }
                catch (IpcException e)
                {
                    Assert.Equal("ch", e.Channel);
                }
                catch (OperationCanceledException)
                {
                    Assert.Equal((byte)ReplyStatus.Cancelled, body[0]);
                }

                AssertAllocatedAtMost(before, 4L * body.Length);
            },
            iter: FuzzCases.InProcess);

    [Fact]
    public void A_hello_either_passes_or_is_refused_with_a_reason_reading_at_most_one_handshake_frame()
    {
        const string token = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        HostileHello(token).Sample(
            bytes =>
            {
                using var stream = new MemoryStream(bytes);
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    Handshake.ReadHello(stream, token);
                    Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(token)) > 0, "accepted without the token");
                }
                catch (IpcConnectionRefusedException e)
                {
                    Assert.Matches("wrong token|protocol version", e.Message);
                }
                catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
                {
                }

                AssertAllocatedAtMost(before, 2L * 4096);
                Assert.True(stream.Position <= 4 + 4096, "read past one handshake frame");
            },
            iter: FuzzCases.InProcess);
    }

    /// <summary>Hellos carrying <paramref name="token"/>, then cut short, with flipped bytes or edge values; random bytes; other versions and tokens.</summary>
    internal static Gen<byte[]> HostileHello(string token)
    {
        byte[] valid = Hello(version: 1, token);
        return Gen.OneOf(
            Gen.Byte.Array[0, 120],
            Gen.Int[0, valid.Length].Select(n => valid[..n]),
            Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Select((at, value) => Flip(valid, at, value)),
            Gen.Select(Gen.Int[0, valid.Length - 4], Gen.OneOf(s_interestingInts)).Select((at, value) => OverwriteInt(valid, at, value)),
            Gen.Select(Gen.UShort, Gen.String).Select((version, t) => Hello(version, t)));
    }

    [Fact]
    public void A_welcome_either_reads_or_fails_with_a_reason() =>
        Gen.OneOf(
            Gen.Byte.Array[0, 80],
            Gen.Select(Gen.Bool, Gen.Int, Gen.String).Select((accepted, id, reason) => Welcome(accepted, id, reason)),
            Gen.Select(Gen.Bool, Gen.Int, Gen.String, Gen.Int[0, 40]).Select((accepted, id, reason, cut) => Welcome(accepted, id, reason)[..Math.Min(cut, 15)]))
        .Sample(
            bytes =>
            {
                using var stream = new MemoryStream(bytes);
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    Handshake.ReadWelcome(stream);
                }
                catch (IpcConnectionRefusedException e)
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                }
                catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
                {
                }

                AssertAllocatedAtMost(before, 2L * 4096);
            },
            iter: FuzzCases.InProcess);

    [Fact]
    public void A_length_prefix_is_accepted_exactly_when_it_is_between_0_and_the_maximum_and_checking_it_allocates_nothing() =>
        Gen.OneOf(Gen.Int, Gen.OneOf(s_interestingInts), Gen.Int[-2, 2].Select(d => MaxMessageSize + d)).Sample(
            announced =>
            {
                byte[] prefix = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(prefix, announced);
                using var stream = new MemoryStream(prefix);
                long before = GC.GetAllocatedBytesForCurrentThread();
                if (announced is >= 0 and <= MaxMessageSize)
                {
                    Assert.Equal(announced, Framing.ReadLength(stream, MaxMessageSize));
                    AssertAllocatedAtMost(before, 0);
                }
                else
                {
                    InvalidDataException e = Assert.Throws<InvalidDataException>(() => Framing.ReadLength(stream, MaxMessageSize));
                    Assert.Contains($"above the maximum of {MaxMessageSize} bytes", e.Message);
                }
            },
            iter: FuzzCases.InProcess);

    private static void ReadEach<T>(IpcArgs args, Func<IpcArgs, T> read)
    {
        try
        {
            read(args);
        }
        catch (IpcSerializationException e)
        {
            Assert.Equal("typed-channel", e.Channel);
            Assert.Contains("Argument 0 of 'typed-channel'", e.Message);
        }
    }

    private static void AssertAllocatedAtMost(long before, long proportional)
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= proportional + AllocationSlack, $"{allocated} bytes allocated");
    }

    private static byte[] Flip(byte[] frame, int at, byte value)
    {
        byte[] copy = (byte[])frame.Clone();
        if (copy.Length > 0)
        {
            copy[at] ^= (byte)(value | 1);
        }

        return copy;
    }

    private static byte[] OverwriteInt(byte[] frame, int at, int value)
    {
        byte[] copy = (byte[])frame.Clone();
        if (copy.Length >= at + 4)
        {
            BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(at), value);
        }

        return copy;
    }

    private static byte[] Section(int count, int firstLength, byte[] rest)
    {
        byte[] section = new byte[8 + rest.Length];
        BinaryPrimitives.WriteInt32LittleEndian(section, count);
        BinaryPrimitives.WriteInt32LittleEndian(section.AsSpan(4), firstLength);
        rest.CopyTo(section, 8);
        return section;
    }

    private static byte[] Reply(byte status, int stringLength, byte[] rest)
    {
        byte[] body = new byte[5 + rest.Length];
        body[0] = status;
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(1), stringLength);
        rest.CopyTo(body, 5);
        return body;
    }

    private static byte[] Hello(ushort version, string token)
    {
        byte[] tokenBytes = Encoding.UTF8.GetBytes(token);
        byte[] frame = new byte[4 + 4 + 2 + 4 + 8 + 4 + tokenBytes.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, frame.Length - 4);
        "IPCG"u8.CopyTo(frame.AsSpan(4));
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(8), version);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(10), 1234);
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(14), 0);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(22), tokenBytes.Length);
        tokenBytes.CopyTo(frame, 26);
        return frame;
    }

    private static byte[] Welcome(bool accepted, int rendererId, string reason)
    {
        byte[] reasonBytes = Encoding.UTF8.GetBytes(reason);
        byte[] body = accepted ? new byte[6 + 1 + 8] : new byte[6 + 1 + 4 + reasonBytes.Length];
        "IPCG"u8.CopyTo(body);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(4), 1);
        body[6] = accepted ? (byte)1 : (byte)0;
        if (accepted)
        {
            BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(7), rendererId);
            BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(11), 42);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(7), reasonBytes.Length);
            reasonBytes.CopyTo(body, 11);
        }

        return [.. BitConverter.GetBytes(body.Length), .. body];
    }

    public sealed record Point(int X, int Y);
}
