using System.Buffers.Binary;
using System.Text;
using Ipc.Protocol;

namespace Ipc.Runtime.Tests.Core;

/// <summary>
/// The wire format's decoding rules: whatever the other end sends, a malformed frame, string, argument section
/// or length prefix is refused with an <see cref="InvalidDataException"/> (which the connection core reports and
/// survives), never with another exception that would end the reading thread.
/// </summary>
public sealed class FrameFormatTests
{
    [Fact]
    public void AFrameShorterThanItsHeaderIsRefused()
    {
        for (int length = 0; length < 13; length++)
        {
            byte[] bytes = new byte[length];
            if (length > 0)
            {
                bytes[0] = (byte)MessageKind.Send;
            }

            var error = Assert.Throws<InvalidDataException>(() => Frame.Decode(bytes));
            Assert.Contains($"{length} bytes is too short", error.Message);
        }
    }

    [Fact]
    public void AFrameOfJustAHeaderWithAnEmptyChannelDecodes()
    {
        byte[] bytes = Frames.Header(MessageKind.Cancel, 42, "");

        Frame frame = Frame.Decode(bytes);

        Assert.Equal(13, bytes.Length);
        Assert.Equal((MessageKind.Cancel, 42L, "", 0), (frame.Kind, frame.Id, frame.Channel, frame.Body.Length));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(255)]
    public void AnUnknownMessageKindIsRefused(byte kind)
    {
        byte[] bytes = Frames.Header(MessageKind.Send, 1, "ch");
        bytes[0] = kind;

        var error = Assert.Throws<InvalidDataException>(() => Frame.Decode(bytes));

        Assert.Contains($"Unknown message kind {kind}", error.Message);
    }

    [Fact]
    public void AChannelNameThatIsNotUtf8IsRefused()
    {
        byte[] bytes = Frames.Header(MessageKind.Send, 1, "ab");
        bytes[13] = 0xFF; // never valid in UTF-8

        Assert.Throws<InvalidDataException>(() => Frame.Decode(bytes));
    }

    [Fact]
    public void AChannelNameDecodedAgainIsTheSameStringAndOtherNamesStayDistinct()
    {
        Frame first = Frame.Decode(Frames.Header(MessageKind.Send, 0, "repeated-channel"));
        Frame other = Frame.Decode(Frames.Header(MessageKind.Send, 0, "repeated-channeL"));
        Frame again = Frame.Decode(Frames.Header(MessageKind.Send, 0, "repeated-channel"));

        Assert.Same(first.Channel, again.Channel);
        Assert.Equal("repeated-channeL", other.Channel);
        Assert.Equal("repeated-channel", again.Channel);
    }

    [Fact]
    public void AChannelNameIsStillCheckedWhenANameOfThePrefixWasDecodedBefore()
    {
        Frame.Decode(Frames.Header(MessageKind.Send, 0, "ab"));
        byte[] bytes = Frames.Header(MessageKind.Send, 0, "ab");
        bytes[^1] = 0xFF; // "a" and an invalid byte, with the same length as the name seen before

        Assert.Throws<InvalidDataException>(() => Frame.Decode(bytes));
    }

    [Fact]
    public void AStringWhoseLengthIsCutOffIsRefused()
    {
        int offset = 0;

        Assert.Throws<InvalidDataException>(() => Frame.ReadString(new byte[3], ref offset));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    public void AStringAnnouncingMoreBytesThanRemainOrANegativeCountIsRefused(int announced)
    {
        // Two bytes of something before the string, so the check must count from the string's own offset.
        byte[] bytes = new byte[2 + 4 + 2];
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), announced);
        int offset = 2;

        Assert.Throws<InvalidDataException>(() => Frame.ReadString(bytes, ref offset));
    }

    [Fact]
    public void AStringThatFillsTheRestOfTheFrameIsRead()
    {
        byte[] bytes = new byte[2 + 4 + 2];
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), 2);
        Encoding.UTF8.GetBytes("ok", bytes.AsSpan(6));
        int offset = 2;

        Assert.Equal("ok", Frame.ReadString(bytes, ref offset));
        Assert.Equal(bytes.Length, offset);
    }

    public static TheoryData<int[], int> MalformedSections => new()
    {
        { [-8], 0 },        // a negative count
        { [1], 0 },         // one argument announced, no room for its length
        { [1], 1 },         // one argument announced, less than a length's room
        { [2, 1, -8], 0 },  // a negative length on the last argument
        { [3, -1, -8, -8], 0 }, // a negative length on an earlier argument
        { [2, 1, 5], 0 },   // an argument longer than the section
        { [1, 0], 3 },      // bytes trailing the last argument
    };

    [Theory, MemberData(nameof(MalformedSections))]
    public void AMalformedArgumentSectionIsRefused(int[] ints, int trailingBytes)
    {
        byte[] section = Section(ints, trailingBytes);

        Assert.Throws<InvalidDataException>(() => ArgumentSection.Validate(section));
    }

    [Fact]
    public void AnArgumentSectionShorterThanItsCountIsRefused()
    {
        Assert.Throws<InvalidDataException>(() => ArgumentSection.Validate(new byte[3]));
    }

    [Theory]
    [InlineData(new[] { 0 }, 0)]
    [InlineData(new[] { 1, 0 }, 1)]
    [InlineData(new[] { 2, 0, 0 }, 2)]
    [InlineData(new[] { 3, 0, 0, 0 }, 3)]
    public void ArgumentSectionsOfEmptyArgumentsAreValid(int[] ints, int count)
    {
        Assert.Equal(count, ArgumentSection.Validate(Section(ints, 0)));
    }

    [Fact]
    public void TheLengthPrefixMayAnnounceUpToTheMaximumSize()
    {
        byte[] prefix = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, 100);

        Assert.Equal(100, Framing.ReadPrefix(prefix, maxMessageSize: 100));
        Assert.Throws<InvalidDataException>(() => Framing.ReadPrefix(prefix, maxMessageSize: 99));
    }

    [Fact]
    public void ANegativeLengthPrefixIsRefused()
    {
        byte[] prefix = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, -1);

        Assert.Throws<InvalidDataException>(() => Framing.ReadPrefix(prefix, maxMessageSize: 100));
    }

    [Fact]
    public void AnEmptyFrameIsAllowedByTheLengthPrefix()
    {
        Assert.Equal(0, Framing.ReadPrefix(new byte[4], maxMessageSize: 100));
    }

    [Fact]
    public void AStreamThatEndsBetweenFramesEndsCleanly()
    {
        Assert.Equal(-1, Framing.ReadLength(new MemoryStream(), maxMessageSize: 100));
    }

    [Fact]
    public void AStreamThatEndsInsideALengthPrefixIsAnError()
    {
        Assert.Throws<EndOfStreamException>(() => Framing.ReadLength(new MemoryStream([7, 0]), maxMessageSize: 100));
    }

    [Fact]
    public void AWholeLengthPrefixIsReadFromAStream()
    {
        Assert.Equal(7, Framing.ReadLength(new MemoryStream([7, 0, 0, 0, 1]), maxMessageSize: 100));
    }

    private static byte[] Section(int[] ints, int trailingBytes)
    {
        byte[] section = new byte[(ints.Length * 4) + trailingBytes];
        for (int i = 0; i < ints.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(section.AsSpan(i * 4), ints[i]);
        }

        return section;
    }

    [Fact]
    public void AChannelNameOfTheMaximumLengthDecodesAndALongerOneIsRefused()
    {
        string longest = new('é', ChannelName.MaxLength);

        Assert.Equal(longest, Frame.Decode(Frames.Header(MessageKind.Send, 1, longest)).Channel);
        var error = Assert.Throws<InvalidDataException>(() => Frame.Decode(Frames.Header(MessageKind.Send, 1, longest + "é")));
        Assert.Contains($"maximum of {ChannelName.MaxLength} characters", error.Message);
    }

    [Fact]
    public void AChannelNameAnnouncingMoreBytesThanAnyAllowedNameIsRefusedBeforeItIsDecoded()
    {
        byte[] bytes = Frames.Header(MessageKind.Send, 1, new string('a', ChannelName.MaxEncodedLength + 1));
        long before = GC.GetAllocatedBytesForCurrentThread();

        Assert.Throws<InvalidDataException>(() => Frame.Decode(bytes));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < ChannelName.MaxEncodedLength, "the name was decoded");
    }
}
