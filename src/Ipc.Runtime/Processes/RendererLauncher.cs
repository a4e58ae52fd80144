using System.Diagnostics;
using System.Globalization;
using Ipc.Supervision;
using Ipc.Transport;

namespace Ipc.Processes;

/// <summary>
/// Starts renderer processes for one <see cref="IpcMain"/> (for <see cref="IpcMain.StartRendererAsync"/> and for
/// supervision, as its <see cref="IRendererStarter"/>), decides which connections it admits, and keeps the started
/// processes so a renderer that disconnects can be reported with its exit code.
/// </summary>
/// <remarks>
/// Each start gets a secret of its own (<see cref="AdmissionToken"/>), passed in the child's environment with its
/// launch id. That token admits <see cref="IpcMainOptions.MaxConnectionsPerLaunch"/> connections, from the child or
/// one of its descendants (checked where the OS tells, see <see cref="ProcessAncestry"/>), presenting that launch
/// id; then it admits nothing. <see cref="IpcMain.Listen"/> has one token of its own, for renderers main did not
/// start, admitting any number of connections. The launch id alone proves nothing: it is a counter.
/// </remarks>
internal sealed class RendererLauncher : IRendererAdmission, IRendererStarter, IDisposable
{
    /// <summary>How long a disconnected renderer's process gets to exit before it is reported gone without an exit code.</summary>
    internal static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(2);

    private readonly RendererServer _server;
    private readonly AdmissionToken _listenToken = AdmissionToken.New();
    private readonly int _connectionsPerLaunch;
    private readonly Dictionary<string, Launch> _launchesByToken = new(StringComparer.Ordinal);
    private readonly Dictionary<int, RendererProcess> _processes = new();
    private readonly HashSet<Launch> _starting = new();
    private long _lastLaunchId;
    private bool _disposed;

    public RendererLauncher(IpcMain main, int connectionsPerLaunch)
    {
        _connectionsPerLaunch = connectionsPerLaunch;
        _server = new RendererServer(main, LocalServer.Create(main.Transport), this);
        Endpoint = new IpcEndpoint(_server.Address, _listenToken.Value, main);
    }

    /// <summary>The endpoint of <see cref="IpcMain.Listen"/>: the server's address and the listen token.</summary>
    public IpcEndpoint Endpoint { get; }

    /// <summary>Starts a renderer and returns once it has connected; see <see cref="IpcMain.StartRendererAsync"/>.</summary>
    /// <exception cref="IpcException">The process exited before connecting.</exception>
    public async Task<IpcSender> StartAsync(ProcessStartInfo startInfo, CancellationToken cancellationToken)
    {
        RendererStart start = await LaunchAsync(startInfo, cancellationToken).ConfigureAwait(false);
        return start.Renderer
            ?? throw new IpcException($"The renderer process {start.Process.Id} ({startInfo.FileName}) exited with code {start.ExitCodeBeforeConnecting} before connecting to main.");
    }

    /// <summary>Starts a renderer and returns once it has connected, or has exited before connecting (no exception then).</summary>
    public async Task<RendererStart> LaunchAsync(ProcessStartInfo startInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        cancellationToken.ThrowIfCancellationRequested();
        startInfo = StartInfoCopy.Of(startInfo); // the launch's variables go into a copy: the caller's instance stays as it was
        var launch = new Launch(Interlocked.Increment(ref _lastLaunchId), AdmissionToken.New(), _connectionsPerLaunch);
        startInfo.Environment[IpcEndpoint.AddressVariable] = Endpoint.Address;
        startInfo.Environment[IpcEndpoint.TokenVariable] = launch.Token.Value;
        startInfo.Environment[IpcEndpoint.LaunchIdVariable] = launch.Id.ToString(CultureInfo.InvariantCulture);
        lock (_launchesByToken)
        {
            ObjectDisposedException.ThrowIf(_disposed, typeof(IpcMain));
            _launchesByToken.Add(launch.Token.Key, launch);
            _starting.Add(launch);
        }

        RendererProcess? process = null;
        try
        {
            process = new RendererProcess(
                Process.Start(startInfo) ?? throw new InvalidOperationException("ProcessStartInfo did not start a new process (UseShellExecute may have reused one)."));
            Attach(launch, process);
            Task<int> exited = process.Exited.WaitAsync(cancellationToken);
            await Task.WhenAny(launch.Connected.Task, exited).ConfigureAwait(false);
            if (launch.Connected.Task.IsCompleted)
            {
                return new RendererStart(process, await launch.Connected.Task.ConfigureAwait(false), null); // connected, or main was disposed meanwhile
            }

            int exitCode = await exited.ConfigureAwait(false); // rethrows the cancellation, if that is what ended the wait
            return new RendererStart(process, null, exitCode);
        }
        finally
        {
            if (!launch.Connected.Task.IsCompletedSuccessfully)
            {
                launch.Started.TrySetResult(null); // a connection still waiting for the process is refused
                Forget(launch);
                process?.Kill(); // not connected: cancelled, main disposed, or exited (then this does nothing)
            }

            lock (_launchesByToken)
            {
                _starting.Remove(launch);
            }
        }
    }

    Task<RendererStart> IRendererStarter.StartAsync(ProcessStartInfo startInfo, CancellationToken cancellationToken) =>
        LaunchAsync(startInfo, cancellationToken);

    /// <summary>The exit code of the renderer's process, if main started it and it exits within a short grace period.</summary>
    public async Task<int?> ExitCodeAsync(int rendererId)
    {
        RendererProcess? process;
        lock (_launchesByToken)
        {
            _processes.Remove(rendererId, out process);
        }

        if (process is null)
        {
            return null;
        }

        try
        {
            return await process.Exited.WaitAsync(ExitGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null; // it closed the connection but keeps running
        }
    }

    /// <summary>Stops accepting renderers and deletes the socket directory. Started processes are left to notice the disconnection.</summary>
    /// <summary>Stops admitting connections (main is draining); the renderers already connected keep theirs.</summary>
    public void StopAccepting() => _server.Dispose();

    public void Dispose()
    {
        _server.Dispose();
        lock (_launchesByToken)
        {
            _disposed = true;
            foreach (Launch launch in _starting)
            {
                launch.Connected.TrySetException(new ObjectDisposedException(nameof(IpcMain)));
                launch.Started.TrySetResult(null);
            }

            _launchesByToken.Clear();
        }
    }

    object? IRendererAdmission.Admit(Handshake.Hello hello, int? processId)
    {
        if (_listenToken.Matches(hello.Token))
        {
            return null; // Listen(): any number of connections, from any process of this user
        }

        Launch launch = FindLaunch(hello);
        int? childId = launch.Started.Task.Wait(Handshake.Timeout) ? launch.Started.Task.Result : null;
        if (childId is null)
        {
            throw new IpcConnectionRefusedException($"Launch {launch.Id} has no running process to admit a connection from.");
        }

        if (processId is int connecting && ProcessAncestry.IsSelfOrDescendant(connecting, childId.Value) == false)
        {
            throw new IpcConnectionRefusedException(
                $"The token of launch {launch.Id} was presented by process {connecting}, which is neither that launch's process ({childId}) nor one of its descendants.");
        }

        ClaimConnection(launch); // only now: a refused stranger must not spend the launch's connection
        return launch;
    }

    void IRendererAdmission.Admitting(object? ticket, int rendererId)
    {
        if (ticket is not Launch launch)
        {
            return;
        }

        lock (_launchesByToken)
        {
            if (launch.RendererId is not null)
            {
                return; // a further connection of the same launch: the first one is its renderer
            }

            launch.RendererId = rendererId;
            if (launch.Process is not null)
            {
                _processes[rendererId] = launch.Process;
            }
        }
    }

    void IRendererAdmission.Admitted(object? ticket, IpcSender sender)
    {
        if (ticket is Launch launch && launch.RendererId == sender.Id)
        {
            launch.Connected.TrySetResult(sender);
        }
    }

    /// <summary>Finds the launch a Hello's token belongs to, or refuses the Hello.</summary>
    private Launch FindLaunch(Handshake.Hello hello)
    {
        lock (_launchesByToken)
        {
            if (!_launchesByToken.TryGetValue(AdmissionToken.KeyOf(hello.Token), out Launch? launch))
            {
                throw new IpcConnectionRefusedException("The client presented a wrong token (or the token of a launch that admits no more connections).");
            }

            return hello.LaunchId == launch.Id
                ? launch
                : throw new IpcConnectionRefusedException($"The client presented the token of launch {launch.Id} with launch id {hello.LaunchId}.");
        }
    }

    /// <summary>Takes one of the launch's connections, or refuses when another connection took the last one meanwhile.</summary>
    private void ClaimConnection(Launch launch)
    {
        lock (_launchesByToken)
        {
            if (launch.ConnectionsLeft == 0)
            {
                throw new IpcConnectionRefusedException("The client presented a wrong token (or the token of a launch that admits no more connections).");
            }

            if (--launch.ConnectionsLeft == 0)
            {
                _launchesByToken.Remove(launch.Token.Key);
            }
        }
    }

    private void Forget(Launch launch)
    {
        lock (_launchesByToken)
        {
            _launchesByToken.Remove(launch.Token.Key);
        }
    }

    /// <summary>Records the started process; the child may have connected already, before Process.Start returned.</summary>
    private void Attach(Launch launch, RendererProcess process)
    {
        // A token that still admits connections dies with its process: a later process with a recycled id must not use it.
        process.Exited.ContinueWith(_ => Forget(launch), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        lock (_launchesByToken)
        {
            launch.Process = process;
            if (launch.RendererId is int rendererId)
            {
                _processes[rendererId] = process;
            }
        }

        launch.Started.TrySetResult(process.Id);
    }

    private sealed class Launch(long id, AdmissionToken token, int connections)
    {
        public long Id { get; } = id;

        public AdmissionToken Token { get; } = token;

        /// <summary>Connections the token still admits; under the launcher's lock.</summary>
        public int ConnectionsLeft { get; set; } = connections;

        public RendererProcess? Process { get; set; }

        /// <summary>The started process's id, or null when it could not start; a handshake waits for it.</summary>
        public TaskCompletionSource<int?> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The id of the launch's first renderer: the one <see cref="StartAsync"/> returns.</summary>
        public int? RendererId { get; set; }

        public TaskCompletionSource<IpcSender> Connected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
