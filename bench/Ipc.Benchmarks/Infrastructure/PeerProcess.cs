using System.Diagnostics;
using Ipc.Benchmarks.Peer;

namespace Ipc.Benchmarks.Infrastructure;

/// <summary>
/// A peer server in a process of its own (bench/Ipc.Benchmarks.Peer), started from a benchmark's global
/// setup. Disposing closes its standard input, on which it exits, and kills it if it lingers.
/// </summary>
internal sealed class PeerProcess : IDisposable
{
    /// <summary>Set by the host for the benchmark processes it launches: the peer's assembly.</summary>
    public const string PeerPathVariable = "IPCGEN_BENCH_PEER";

    private readonly Process _process;

    private PeerProcess(Process process, string address, string token)
    {
        _process = process;
        Address = address;
        Token = token;
    }

    public string Address { get; }

    public string Token { get; }

    public int ProcessId => _process.Id;

    /// <summary>The peer's assembly next to this one, for the host to pass on to the benchmark processes.</summary>
    public static string DefaultPeerPath => Path.Combine(AppContext.BaseDirectory, "Ipc.Benchmarks.Peer.dll");

    /// <summary>Starts a peer of <paramref name="kind"/> (ipcgen, ipcgen-renderer, raw, jsonrpc) and waits for its READY line.</summary>
    /// <param name="kind">The server the peer runs.</param>
    /// <param name="environment">Variables to add to the peer's environment (an IpcGen renderer peer finds its main there).</param>
    public static PeerProcess Start(string kind, IReadOnlyDictionary<string, string>? environment = null)
    {
        string peer = Environment.GetEnvironmentVariable(PeerPathVariable) is { Length: > 0 } configured ? configured : DefaultPeerPath;
        if (!File.Exists(peer))
        {
            throw new FileNotFoundException($"The benchmark peer was not found at {peer}; build bench/Ipc.Benchmarks.Peer.", peer);
        }

        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        startInfo.ArgumentList.Add(peer);
        startInfo.ArgumentList.Add(kind);
        startInfo.Environment["DOTNET_TieredPGO"] = "1";
        foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[variable.Key] = variable.Value;
        }

        Process process = Process.Start(startInfo) ?? throw new InvalidOperationException("The peer process did not start.");
        string? line = process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        string[] words = line?.Split(' ') ?? [];
        if (words.Length != 3 || words[0] != PeerProtocol.ReadyLine)
        {
            process.Kill();
            throw new InvalidOperationException($"The {kind} peer did not report ready; it said: '{line}'.");
        }

        return new PeerProcess(process, words[1], words[2]);
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>The dotnet host running this process, or "dotnet" from PATH when this one runs from an apphost.</summary>
    private static string DotnetHost()
    {
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
