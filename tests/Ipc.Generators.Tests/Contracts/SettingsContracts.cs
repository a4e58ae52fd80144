using Ipc;

namespace Ipc.Generators.Tests.Contracts;

/// <summary>A contract whose parameters have defaults, so senders may leave the trailing ones out.</summary>
[IpcChannel]
public interface ISettings
{
    void Configure(string name, int retries = 3, string? label = null, decimal factor = 1.25m);

    Task<string> Describe(string name, bool verbose = true);

    ValueTask Flush(CancellationToken ct);
}
