using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ipc.Benchmarks.Peer.Grpc;

/// <summary>
/// The gRPC peer, as Microsoft documents inter-process communication with gRPC: an ASP.NET Core app whose
/// Kestrel listens on a Unix domain socket (HTTP/2 only, no TLS), serving <see cref="BenchPeerService"/>.
/// Everything else is left at its defaults (message size limits, HTTP/2 flow-control windows), as a user
/// following the documentation would have it.
/// </summary>
internal sealed class GrpcPeer : IPeerServer
{
    private readonly DirectoryInfo _directory;
    private readonly WebApplication _app;

    public GrpcPeer()
    {
        _directory = Directory.CreateTempSubdirectory("ipcgen-bench-grpc-");
        Address = Path.Combine(_directory.FullName, "grpc.sock");

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();

        // Standard output carries the READY line the benchmark waits for: no console logging.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.ListenUnixSocket(Address, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();

        _app = builder.Build();
        _app.MapGrpcService<BenchPeerService>();
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public string Address { get; }

    public string Token => "-";

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _directory.Delete(recursive: true);
    }
}
