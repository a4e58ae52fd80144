namespace Ipc;

/// <summary>
/// Where and how a renderer connects to a main process over the platform's local transport: the
/// address (a Unix domain socket path, or a named pipe name on Windows) and the token main checks in the
/// handshake (a launch's own, or that of <see cref="IpcMain.Listen"/>). Get one from <see cref="IpcMain.Listen"/>, or in a child process from the
/// environment main started it with (<see cref="FromEnvironment"/>).
/// Immutable, so thread-safe.
/// </summary>
public sealed class IpcEndpoint
{
    /// <summary>The environment variable that carries <see cref="Address"/> to a renderer process main starts.</summary>
    public const string AddressVariable = "IPCGEN_ENDPOINT";

    /// <summary>The environment variable that carries <see cref="Token"/> to a renderer process main starts.</summary>
    public const string TokenVariable = "IPCGEN_TOKEN";

    /// <summary>The environment variable that tells a started renderer which launch it is, so main can match the connection to the process it started.</summary>
    internal const string LaunchIdVariable = "IPCGEN_LAUNCH_ID";

    /// <summary>Describes an endpoint.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> or <paramref name="token"/> is null or empty.</exception>
    /// <param name="address">A Unix domain socket path, or a named pipe name on Windows.</param>
    /// <param name="token">The token main checks in the handshake.</param>
    public IpcEndpoint(string address, string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentException.ThrowIfNullOrEmpty(token);
        Address = address;
        Token = token;
    }

    internal IpcEndpoint(string address, string token, IpcMain main)
        : this(address, token)
    {
        Main = main;
    }

    /// <summary>A Unix domain socket path, or a named pipe name on Windows.</summary>
    public string Address { get; }

    /// <summary>The secret a renderer must present. Treat it like a password: it is not included in <see cref="ToString"/>.</summary>
    public string Token { get; }

    /// <summary>The main of this process the endpoint came from, if any: a renderer in the same process must not block it with SendSync.</summary>
    internal IpcMain? Main { get; }

    /// <summary>Reads the endpoint main passed to this process through <see cref="AddressVariable"/> and <see cref="TokenVariable"/>.</summary>
    /// <exception cref="InvalidOperationException">A variable is missing: this process was not started by <see cref="IpcMain.StartRendererAsync"/>.</exception>
    /// <returns>The endpoint of the main process that started this one.</returns>
    public static IpcEndpoint FromEnvironment()
    {
        string? address = Environment.GetEnvironmentVariable(AddressVariable);
        string? token = Environment.GetEnvironmentVariable(TokenVariable);
        if (string.IsNullOrEmpty(address) || string.IsNullOrEmpty(token))
        {
            throw new InvalidOperationException(
                $"This process has no IPC parent: the environment variables {AddressVariable} and {TokenVariable} must both be set. " +
                "Start the renderer with IpcMain.StartRendererAsync, or connect with IpcRenderer.ConnectAsync and an explicit IpcEndpoint.");
        }

        return new IpcEndpoint(address, token);
    }

    /// <inheritdoc />
    public override string ToString() => Address;
}
