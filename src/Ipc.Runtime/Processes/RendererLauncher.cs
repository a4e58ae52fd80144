using System.Diagnostics;
using Ipc.Transport;

namespace Ipc.Processes;

/// <summary>
/// Starts renderer processes for one <see cref="IpcMain"/> and keeps their <see cref="Process"/> objects,
/// so a renderer that disconnects can be reported with its exit code. Each start gets a launch id,
/// passed in the environment and echoed in the handshake, which ties the connection to the process.
/// </summary>
internal sealed class RendererLauncher : IRendererAdmission, IDisposable
{
    /// <summary>How long a disconnected renderer's process gets to exit before it is reported gone without an exit code.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(2);

    private readonly RendererServer _server;
    private readonly Dictionary<long, Launch> _launches = new();
    private readonly Dictionary<int, Process> _processes = new();
    private long _lastLaunchId;

    public RendererLauncher(IpcMain main)
    {
        _server = new RendererServer(main, this);
    }

    public IpcEndpoint Endpoint => _server.Endpoint;

    public async Task<IpcSender> StartAsync(ProcessStartInfo startInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        cancellationToken.ThrowIfCancellationRequested();
        var launch = new Launch(Interlocked.Increment(ref _lastLaunchId));
        startInfo.Environment[IpcEndpoint.AddressVariable] = Endpoint.Address;
        startInfo.Environment[IpcEndpoint.TokenVariable] = Endpoint.Token;
        startInfo.Environment[IpcEndpoint.LaunchIdVariable] = launch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        lock (_launches)
        {
            _launches.Add(launch.Id, launch);
        }

        Process? process = null;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException("ProcessStartInfo did not start a new process (UseShellExecute may have reused one).");
            Attach(launch, process);
            Task exited = process.WaitForExitAsync(cancellationToken);
            await Task.WhenAny(launch.Connected.Task, exited).ConfigureAwait(false);
            if (launch.Connected.Task.IsCompleted)
            {
                return await launch.Connected.Task.ConfigureAwait(false); // connected, or main was disposed meanwhile
            }

            await exited.ConfigureAwait(false); // rethrows the cancellation, if that is what ended the wait
            throw new IpcException($"The renderer process {process.Id} ({startInfo.FileName}) exited with code {process.ExitCode} before connecting to main.");
        }
        catch when (process is not null && !launch.Connected.Task.IsCompletedSuccessfully)
        {
            KillQuietly(process);
            process.Dispose();
            throw;
        }
        finally
        {
            lock (_launches)
            {
                _launches.Remove(launch.Id);
            }
        }
    }

    /// <summary>The exit code of the renderer's process, if main started it and it exits within a short grace period.</summary>
    public async Task<int?> ExitCodeAsync(int rendererId)
    {
        Process? process;
        lock (_launches)
        {
            _processes.Remove(rendererId, out process);
        }

        if (process is null)
        {
            return null;
        }

        using (process)
        {
            try
            {
                await process.WaitForExitAsync().WaitAsync(ExitGrace).ConfigureAwait(false);
                return process.ExitCode;
            }
            catch (TimeoutException)
            {
                return null; // it closed the connection but keeps running
            }
            catch (InvalidOperationException)
            {
                return null; // its start was cancelled just as it connected, and the process object is disposed
            }
        }
    }

    /// <summary>Stops accepting renderers and deletes the socket directory. Started processes are left to notice the disconnection.</summary>
    public void Dispose()
    {
        _server.Dispose();
        lock (_launches)
        {
            foreach (Launch launch in _launches.Values)
            {
                launch.Connected.TrySetException(new ObjectDisposedException(nameof(IpcMain)));
            }
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // It has exited already.
        }
    }

    /// <summary>Records the started process; the child may have connected already, before Process.Start returned.</summary>
    private void Attach(Launch launch, Process process)
    {
        lock (_launches)
        {
            launch.Process = process;
            if (launch.RendererId is int rendererId)
            {
                _processes[rendererId] = process;
            }
        }
    }

    void IRendererAdmission.Admitting(long launchId, int rendererId)
    {
        lock (_launches)
        {
            if (!_launches.TryGetValue(launchId, out Launch? launch) || launch.RendererId is not null)
            {
                return; // connected through IpcMain.Listen, or a second connection from the same child
            }

            launch.RendererId = rendererId;
            if (launch.Process is not null)
            {
                _processes[rendererId] = launch.Process;
            }
        }
    }

    void IRendererAdmission.Admitted(long launchId, IpcSender sender)
    {
        Launch? launch;
        lock (_launches)
        {
            if (!_launches.TryGetValue(launchId, out launch) || launch.RendererId != sender.Id)
            {
                return;
            }
        }

        launch.Connected.TrySetResult(sender);
    }

    private sealed class Launch(long id)
    {
        public long Id { get; } = id;

        public Process? Process { get; set; }

        /// <summary>The id of the renderer that presented this launch id; the first one wins.</summary>
        public int? RendererId { get; set; }

        public TaskCompletionSource<IpcSender> Connected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
