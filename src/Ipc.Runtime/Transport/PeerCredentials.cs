using System.IO.Pipes;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Ipc.Transport;

/// <summary>
/// The process id at the other end of an accepted connection, as the operating system reports it: the peer
/// credentials of a Unix domain socket (SO_PEERCRED on Linux, LOCAL_PEERPID on macOS) or the client process id
/// of a Windows named pipe (on Windows a Unix domain socket is asked with SIO_AF_UNIX_GETPEERPID). A renderer's Hello also names a process id, but anyone can write any number there.
/// </summary>
internal static class PeerCredentials
{
    private const int LinuxSolSocket = 1;
    private const int MacSolLocal = 0;
    private const int MacLocalPeerPid = 2;

    /// <summary>SIO_AF_UNIX_GETPEERPID: a Unix domain socket's peer process id on Windows.</summary>
    private const int WindowsGetPeerPid = 0x58000100;

    /// <summary>SO_PEERCRED is 17 on Linux except on Power, where it is 21.</summary>
    private static int LinuxSoPeerCred =>
        RuntimeInformation.ProcessArchitecture is Architecture.Ppc64le ? 21 : 17;

    /// <summary>The peer's process id, or null where the platform or the stream cannot tell.</summary>
    public static int? ProcessIdOf(Stream stream) => stream switch
    {
        NetworkStream network => ProcessIdOf(network.Socket),
        NamedPipeServerStream pipe when OperatingSystem.IsWindows() => WindowsClientProcessId(pipe),
        NamedPipeServerStream pipe => ProcessIdOfPipeSocket(pipe),
        _ => null,
    };

    private static int? ProcessIdOf(Socket socket)
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
                Span<byte> ucred = stackalloc byte[12];
                return socket.GetRawSocketOption(LinuxSolSocket, LinuxSoPeerCred, ucred) == 12 ? PositiveOrNull(MemoryMarshal.Read<int>(ucred)) : null;
            }

            if (OperatingSystem.IsMacOS())
            {
                Span<byte> pid = stackalloc byte[4];
                return socket.GetRawSocketOption(MacSolLocal, MacLocalPeerPid, pid) == 4 ? PositiveOrNull(MemoryMarshal.Read<int>(pid)) : null;
            }

            if (OperatingSystem.IsWindows() && socket.AddressFamily == AddressFamily.Unix)
            {
                byte[] pid = new byte[4];
                return socket.IOControl(WindowsGetPeerPid, null, pid) == 4 ? PositiveOrNull(BitConverter.ToInt32(pid)) : null;
            }
        }
        catch (SocketException)
        {
            // Not a Unix domain socket, or the option is not supported here.
        }

        return null;
    }

    /// <summary>On Unix, .NET implements a named pipe over a Unix domain socket: ask that socket.</summary>
    private static int? ProcessIdOfPipeSocket(NamedPipeServerStream pipe)
    {
        bool added = false;
        try
        {
            pipe.SafePipeHandle.DangerousAddRef(ref added); // the descriptor stays ours while the socket looks at it
            using var socket = new Socket(new SafeSocketHandle(pipe.SafePipeHandle.DangerousGetHandle(), ownsHandle: false));
            return ProcessIdOf(socket);
        }
        catch (Exception e) when (e is SocketException or ArgumentException or InvalidOperationException or ObjectDisposedException)
        {
            return null;
        }
        finally
        {
            if (added)
            {
                pipe.SafePipeHandle.DangerousRelease();
            }
        }
    }

    private static int? WindowsClientProcessId(NamedPipeServerStream pipe) =>
        GetNamedPipeClientProcessId(pipe.SafePipeHandle, out uint processId) ? PositiveOrNull((int)processId) : null;

    private static int? PositiveOrNull(int pid) => pid > 0 ? pid : null;

    [DllImport("kernel32.dll", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GetNamedPipeClientProcessId(Microsoft.Win32.SafeHandles.SafePipeHandle pipe, out uint clientProcessId);
}
