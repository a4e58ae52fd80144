// The benchmark's peer process. Usage: Ipc.Benchmarks.Peer <ipcgen|ipcgen-renderer|raw|jsonrpc|jsonrpc-msgpack|jsonrpc-nerdbank|grpc>
using Ipc.Benchmarks.Peer;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Ipc.Benchmarks.Peer <ipcgen|ipcgen-renderer|raw|jsonrpc|jsonrpc-msgpack|jsonrpc-nerdbank|grpc>");
    return 2;
}

BenchTelemetry.StartIfRequested();
using IPeerServer server = args[0] switch
{
    "ipcgen" => new IpcGenPeer(),
    "ipcgen-renderer" => new IpcGenRendererPeer(),
    "raw" => new RawSocketPeer(),
    "jsonrpc" => new JsonRpcPeer(JsonRpcFormat.Json),
    "jsonrpc-msgpack" => new JsonRpcPeer(JsonRpcFormat.MessagePack),
    "jsonrpc-nerdbank" => new JsonRpcPeer(JsonRpcFormat.NerdbankMessagePack),
    "grpc" => new Ipc.Benchmarks.Peer.Grpc.GrpcPeer(),
    _ => throw new ArgumentException($"Unknown peer kind '{args[0]}'.", nameof(args)),
};

Console.Out.WriteLine($"{PeerProtocol.ReadyLine} {server.Address} {server.Token}");
Console.Out.Flush();

// The benchmark holds our standard input open for as long as it needs us.
while (Console.In.ReadLine() is not null)
{
}

return 0;
