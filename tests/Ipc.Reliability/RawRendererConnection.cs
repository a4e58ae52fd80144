using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Ipc.Reliability;

/// <summary>What a renderer process main started finds in its environment (docs/transports.md).</summary>
public sealed record LaunchEnvironment(string Address, string Token, long LaunchId)
{
    public static LaunchEnvironment Read() => new(
        Environment.GetEnvironmentVariable(IpcEndpoint.AddressVariable) ?? throw new InvalidOperationException("IPCGEN_ENDPOINT is not set."),
        Environment.GetEnvironmentVariable(IpcEndpoint.TokenVariable) ?? throw new InvalidOperationException("IPCGEN_TOKEN is not set."),
        long.Parse(Environment.GetEnvironmentVariable("IPCGEN_LAUNCH_ID") ?? "0", CultureInfo.InvariantCulture));
}

/// <summary>
/// A renderer connection spoken by hand, as an attacker would, from the wire format in docs/transports.md
/// (not the runtime's encoders): length-prefixed frames, a Hello that says whatever the caller likes, and
/// message frames with any channel. Unix domain sockets only.
/// </summary>
public sealed class RawRendererConnection : IDisposable
{
    public const byte Send = 1;
    public const byte SendSync = 2;
    public const byte Invoke = 3;
    public const byte Reply = 5;

    private readonly Socket _socket;

    private RawRendererConnection(Socket socket)
    {
        _socket = socket;
    }

    /// <summary>Connects and says hello; returns the connection if main welcomed it, null if main refused or closed it.</summary>
    public static RawRendererConnection? TryOpen(LaunchEnvironment launch, int processId, long launchId)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var connection = new RawRendererConnection(socket);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(launch.Address));
            connection.SendBytes(Hello(processId, launchId, launch.Token));
            byte[] welcome = connection.ReadFrame(maxLength: 4096);
            if (welcome.Length > 6 && welcome[6] == 1) // magic, version, accepted
            {
                return connection;
            }
        }
        catch (Exception e) when (e is SocketException or EndOfStreamException or InvalidDataException)
        {
            // Refused without a welcome: closed at once.
        }

        connection.Dispose();
        return null;
    }

    /// <summary>A message frame (without its length prefix): kind, id, channel, then each argument as JSON.</summary>
    public static byte[] Message(byte kind, long id, string channel, params object[] args)
    {
        var frame = new List<byte> { kind };
        frame.AddRange(Int64(id));
        AddString(frame, channel);
        frame.AddRange(Int32(args.Length));
        foreach (object arg in args)
        {
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(arg);
            frame.AddRange(Int32(json.Length));
            frame.AddRange(json);
        }

        return [.. frame];
    }

    /// <summary>Writes a length prefix and the frame, as one write.</summary>
    public void SendFrame(ReadOnlySpan<byte> frame)
    {
        byte[] framed = new byte[4 + frame.Length];
        BinaryPrimitives.WriteInt32LittleEndian(framed, frame.Length);
        frame.CopyTo(framed.AsSpan(4));
        SendBytes(framed);
    }

    public void SendBytes(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes.Slice(_socket.Send(bytes));
        }
    }

    /// <summary>Gives up on a write that makes no progress for this long (main may stop reading, by design).</summary>
    public TimeSpan SendTimeout
    {
        set => _socket.SendTimeout = (int)value.TotalMilliseconds;
    }

    /// <summary>Reads one frame's length prefix.</summary>
    public int ReadLength() => BinaryPrimitives.ReadInt32LittleEndian(ReadExactly(4));

    /// <summary>Reads one frame whole; a length outside [0, <paramref name="maxLength"/>] throws.</summary>
    public byte[] ReadFrame(int maxLength)
    {
        int length = ReadLength();
        return length >= 0 && length <= maxLength
            ? ReadExactly(length)
            : throw new InvalidDataException($"main announced a frame of {length} bytes");
    }

    /// <summary>Reads frames until the reply to <paramref name="id"/>: returns its length (prefix excluded) and status, reading at most <paramref name="maxLength"/> bytes of it.</summary>
    public (int Length, byte Status) ReadReply(long id, int maxLength)
    {
        while (true)
        {
            int length = ReadLength();
            if (length < 13 || length > maxLength)
            {
                return (length, 0xFF); // not read: the caller reports the length and stops using the connection
            }

            byte[] frame = ReadExactly(length);
            if (frame[0] == Reply && BinaryPrimitives.ReadInt64LittleEndian(frame.AsSpan(1)) == id)
            {
                int channelLength = BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(9));
                int statusAt = 13 + channelLength;
                return (length, statusAt < frame.Length ? frame[statusAt] : (byte)0xFE);
            }
        }
    }

    /// <summary>True when main's end reads as closed (end of stream or reset) within <paramref name="wait"/>; whatever main sent before is discarded.</summary>
    public bool IsClosedByPeer(TimeSpan wait)
    {
        _socket.ReceiveTimeout = (int)wait.TotalMilliseconds;
        byte[] buffer = new byte[64 * 1024];
        try
        {
            while (_socket.Receive(buffer) > 0)
            {
            }

            return true;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode is not (SocketError.TimedOut or SocketError.WouldBlock);
        }
    }

    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    public void Dispose() => _socket.Dispose();

    private static byte[] Hello(int processId, long launchId, string token)
    {
        var hello = new List<byte>();
        hello.AddRange("IPCG"u8.ToArray());
        hello.AddRange(BitConverter.GetBytes((ushort)1));
        hello.AddRange(Int32(processId));
        hello.AddRange(Int64(launchId));
        AddString(hello, token);
        return [.. Int32(hello.Count), .. hello];
    }

    private static void AddString(List<byte> bytes, string value)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        bytes.AddRange(Int32(utf8.Length));
        bytes.AddRange(utf8);
    }

    private static byte[] Int32(int value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Int64(long value)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    private byte[] ReadExactly(int count)
    {
        byte[] buffer = new byte[count];
        int read = 0;
        while (read < count)
        {
            int n = _socket.Receive(buffer, read, count - read, SocketFlags.None);
            if (n == 0)
            {
                throw new EndOfStreamException("main closed the connection");
            }

            read += n;
        }

        return buffer;
    }
}
