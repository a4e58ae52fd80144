using System.Buffers.Binary;
using Ipc.Protocol;

namespace Ipc.Transport;

/// <summary>
/// The first exchange on a new OS connection, before any message frame (see docs/transports.md):
/// the renderer sends a Hello (protocol version, its process id, its launch id, the token, the features it
/// offers), main answers with a Welcome (accepted + the renderer's id, main's process id and the features both
/// ends agreed to, or refused + the reason). Both are ordinary length-prefixed frames, capped at
/// <see cref="MaxFrameSize"/>. The features field is last, so an end that predates it ignores it, and one that
/// reads a frame without it takes it as no feature. Reads block: callers bound them with a <see cref="HandshakeDeadline"/>.
/// </summary>
internal static class Handshake
{
    /// <summary>The version of the wire format this build speaks; both ends must agree exactly.</summary>
    public const ushort ProtocolVersion = 1;

    /// <summary>How long either end waits for the other's handshake frame, so a silent peer cannot hold a connection.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private const int MaxFrameSize = 4096;

    private static ReadOnlySpan<byte> Magic => "IPCG"u8;

    public static void WriteHello(Stream stream, int processId, long launchId, string token, Features offered)
    {
        FrameBuilder frame = BeginFrame();
        frame.WriteInt32(processId);
        frame.WriteInt64(launchId);
        frame.WriteString(token);
        frame.WriteInt32((int)offered);
        EndFrame(stream, frame);
    }

    /// <summary>Reads a Hello and checks it against one token; a bad one throws <see cref="IpcConnectionRefusedException"/> with the reason to send back.</summary>
    public static Hello ReadHello(Stream stream, string expectedToken)
    {
        Hello hello = ReadHello(stream);
        if (!AdmissionToken.SameSecret(hello.Token, expectedToken))
        {
            throw new IpcConnectionRefusedException("The client presented a wrong token.");
        }

        return hello;
    }

    /// <summary>
    /// Reads a Hello; a malformed one throws (<see cref="IpcConnectionRefusedException"/> for a wrong protocol version).
    /// The token is checked by the caller, which knows which tokens are live.
    /// </summary>
    public static Hello ReadHello(Stream stream)
    {
        byte[] frame = ReadFrame(stream);
        int offset = ReadHeader(frame, "Hello");
        int processId = ReadInt32(frame, ref offset);
        long launchId = ReadInt64(frame, ref offset);
        string token = Frame.ReadString(frame, ref offset);
        return new Hello(processId, launchId, token, ReadFeatures(frame, ref offset));
    }

    public static void WriteWelcome(Stream stream, int rendererId, int mainProcessId, Features agreed)
    {
        FrameBuilder frame = BeginFrame();
        frame.WriteByte(1);
        frame.WriteInt32(rendererId);
        frame.WriteInt32(mainProcessId);
        frame.WriteInt32((int)agreed);
        EndFrame(stream, frame);
    }

    public static void WriteRefusal(Stream stream, string reason)
    {
        FrameBuilder frame = BeginFrame();
        frame.WriteByte(0);
        frame.WriteString(reason);
        EndFrame(stream, frame);
    }

    /// <summary>Reads main's answer; a refusal throws <see cref="IpcConnectionRefusedException"/> carrying main's reason.</summary>
    public static Welcome ReadWelcome(Stream stream)
    {
        byte[] frame = ReadFrame(stream);
        int offset = ReadHeader(frame, "Welcome");
        if (frame.Length <= offset)
        {
            throw new InvalidDataException("The Welcome frame is cut off.");
        }

        bool accepted = frame[offset++] == 1;
        if (!accepted)
        {
            throw new IpcConnectionRefusedException($"The main process refused the connection: {Frame.ReadString(frame, ref offset)}");
        }

        int rendererId = ReadInt32(frame, ref offset);
        int mainProcessId = ReadInt32(frame, ref offset);
        return new Welcome(rendererId, mainProcessId, ReadFeatures(frame, ref offset));
    }

    /// <summary>The trailing features field; absent (an end that predates it) means none. Unknown bits are kept out.</summary>
    private static Features ReadFeatures(byte[] frame, ref int offset) =>
        frame.Length - offset >= 4 ? (Features)ReadInt32(frame, ref offset) & Features.All : Features.None;

    /// <summary>Checks the magic and the version; a version mismatch is a refusal, anything else malformed data.</summary>
    private static int ReadHeader(byte[] frame, string what)
    {
        if (frame.Length < Magic.Length + 2 || !frame.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"The {what} frame does not start with the IpcGen magic 'IPCG'.");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(frame.AsSpan(Magic.Length));
        if (version != ProtocolVersion)
        {
            throw new IpcConnectionRefusedException($"The other end speaks IpcGen protocol version {version}; this end speaks version {ProtocolVersion}.");
        }

        return Magic.Length + 2;
    }

    private static byte[] ReadFrame(Stream stream)
    {
        int length = Framing.ReadLength(stream, MaxFrameSize);
        if (length < 0)
        {
            throw new EndOfStreamException("The other end closed the connection during the handshake.");
        }

        byte[] frame = new byte[length];
        stream.ReadExactly(frame);
        return frame;
    }

    /// <summary>Starts a handshake frame (its length prefix is reserved by the builder): the magic and the version.</summary>
    private static FrameBuilder BeginFrame()
    {
        FrameBuilder frame = FrameBuilder.Rent();
        Magic.CopyTo(frame.GetSpan(Magic.Length));
        frame.Advance(Magic.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(frame.GetSpan(2), ProtocolVersion);
        frame.Advance(2);
        return frame;
    }

    /// <summary>Fills the length slot and writes the frame; handshake frames are small, so the write never blocks for long.</summary>
    private static void EndFrame(Stream stream, FrameBuilder frame)
    {
        try
        {
            stream.Write(frame.Framed);
            stream.Flush();
        }
        finally
        {
            frame.Return();
        }
    }

    private static int ReadInt32(byte[] frame, ref int offset)
    {
        if (frame.Length - offset < 4)
        {
            throw new InvalidDataException("A handshake frame is cut off.");
        }

        offset += 4;
        return BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(offset - 4));
    }

    private static long ReadInt64(byte[] frame, ref int offset)
    {
        if (frame.Length - offset < 8)
        {
            throw new InvalidDataException("A handshake frame is cut off.");
        }

        offset += 8;
        return BinaryPrimitives.ReadInt64LittleEndian(frame.AsSpan(offset - 8));
    }

    /// <summary>
    /// What a renderer said about itself. Its process id is informational only: main reads the connecting process's
    /// id from the OS (<see cref="PeerCredentials"/>).
    /// </summary>
    public readonly record struct Hello(int ProcessId, long LaunchId, string Token, Features Offered)
    {
        /// <inheritdoc />
        public override string ToString() => $"Hello from process {ProcessId}, launch {LaunchId}"; // never the token
    }

    /// <summary>What main told an accepted renderer.</summary>
    public readonly record struct Welcome(int RendererId, int MainProcessId, Features Agreed);

    /// <summary>What an end offers in its Hello, and what main's Welcome says both ends agreed to.</summary>
    [Flags]
    public enum Features
    {
        None = 0,

        /// <summary>Calls and messages may carry the sender's W3C trace context (see <see cref="Protocol.TraceContext"/>).</summary>
        TraceContext = 1,

        /// <summary>A <c>byte[]</c> argument or result may travel as raw bytes (see <see cref="Protocol.ArgumentSection"/>).</summary>
        BinaryArguments = 2,

        All = TraceContext | BinaryArguments,
    }

    /// <summary>The features an end offers with the given options: binary arguments always, trace context when allowed.</summary>
    public static Features Offered(IpcOptions options) =>
        Features.BinaryArguments | (options.PropagateTraceContext ? Features.TraceContext : Features.None);
}
