using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Ipc.Benchmarks.Peer;
using Ipc.Benchmarks.Peer.Grpc;

namespace Ipc.Benchmarks.Clients;

/// <summary>
/// The benchmark's end of the gRPC peer, as Microsoft documents gRPC between processes on one machine: a
/// <see cref="GrpcChannel"/> whose <see cref="SocketsHttpHandler"/> connects every HTTP/2 connection to the
/// peer's Unix domain socket instead of a TCP address. The address in the URI only names the host header.
/// </summary>
internal sealed class GrpcConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    public GrpcConnection(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (context, cancellationToken) => ConnectAsync(socketPath, cancellationToken),
        };
        _channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler });
        Client = new BenchPeer.BenchPeerClient(_channel);
    }

    /// <summary>The client generated from bench.proto.</summary>
    public BenchPeer.BenchPeerClient Client { get; }

    public void Dispose() => _channel.Dispose();

    /// <summary>
    /// Sends a throughput batch on one client-streaming call: <paramref name="count"/> messages, each made by
    /// <paramref name="message"/> as an application makes one per send, then the end of the stream, which the
    /// peer answers once it has read them all.
    /// </summary>
    public static async Task<BatchResult> StreamAsync<T>(AsyncClientStreamingCall<T, BatchReply> call, Func<T> message, int count)
    {
        using (call)
        {
            for (int i = 0; i < count; i++)
            {
                await call.RequestStream.WriteAsync(message()).ConfigureAwait(false);
            }

            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            BatchReply reply = await call.ConfigureAwait(false);
            return new BatchResult(reply.Received, reply.AllocatedBytes);
        }
    }

    private static async ValueTask<Stream> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
