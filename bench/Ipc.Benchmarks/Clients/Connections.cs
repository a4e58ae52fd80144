using System.Net.Sockets;
using Ipc.Benchmarks.Peer;
using StreamJsonRpc;

namespace Ipc.Benchmarks.Clients;

/// <summary>Opens the benchmark's end of the IpcGen and StreamJsonRpc connections.</summary>
internal static class Connections
{
    /// <summary>Connects this process as an IpcGen renderer to the main process running in the peer.</summary>
    public static IpcRenderer ConnectIpcGen(string address, string token) =>
        IpcRenderer.ConnectAsync(new IpcEndpoint(address, token)).GetAwaiter().GetResult();

    /// <summary>Connects a StreamJsonRpc client in <paramref name="format"/> (by default its defaults: header-delimited, JsonMessageFormatter).</summary>
    public static JsonRpc ConnectJsonRpc(string address, JsonRpcFormat format = JsonRpcFormat.Json)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(address));
        return JsonRpcWire.Attach(new NetworkStream(socket, ownsSocket: true), format);
    }
}
