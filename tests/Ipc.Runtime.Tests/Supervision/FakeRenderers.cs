using System.Diagnostics;
using Ipc.Runtime.Tests.Infrastructure;
using Ipc.Supervision;

namespace Ipc.Runtime.Tests.Supervision;

/// <summary>What one fake start does.</summary>
internal enum FakeStart
{
    /// <summary>Connects a real renderer, in the test process, and keeps running.</summary>
    Connect,

    /// <summary>Its "process" exits with <see cref="FakeRenderers.BootExitCode"/> before connecting.</summary>
    ExitBeforeConnecting,

    /// <summary>The start throws <see cref="FakeRenderers.StartError"/>, as Process.Start does for a missing executable.</summary>
    Throw,

    /// <summary>Never connects: waits until the start is cancelled (its process is then killed).</summary>
    NeverConnect,
}

/// <summary>
/// Fake renderer processes for supervision: the seam <see cref="IRendererStarter"/> with a script of what each start
/// does. A connected one is a real <see cref="IpcRenderer"/> in this process (so heartbeats, calls and disconnection
/// are the runtime's own), with a fake process around it whose exit the test decides.
/// </summary>
internal sealed class FakeRenderers(IpcMain main) : IRendererStarter
{
    private readonly Queue<FakeStart> _script = new();
    private readonly List<FakeProcess> _processes = [];
    private int _nextId = 10_000;

    /// <summary>Registers the renderer's listeners and handlers before delivery starts, for every connected instance.</summary>
    public Action<IpcRenderer, FakeProcess>? Configure { get; set; }

    /// <summary>Whether a connected instance's process exits with code 0 when main closes its connection (a well-behaved renderer).</summary>
    public bool ExitWhenDisconnected { get; set; } = true;

    public int BootExitCode { get; set; } = 5;

    public Exception StartError { get; set; } = new System.ComponentModel.Win32Exception(2, "No such file or directory");

    /// <summary>What starts do once the script is used up.</summary>
    public FakeStart Otherwise { get; set; } = FakeStart.Connect;

    /// <summary>How many starts were made.</summary>
    public int Starts
    {
        get
        {
            lock (_processes)
            {
                return _starts;
            }
        }
    }

    private int _starts;

    /// <summary>The processes started so far, in order (throwing starts have none).</summary>
    public IReadOnlyList<FakeProcess> Processes
    {
        get
        {
            lock (_processes)
            {
                return [.. _processes];
            }
        }
    }

    /// <summary>Queues what the next starts do, in order.</summary>
    public FakeRenderers Then(params FakeStart[] starts)
    {
        lock (_processes)
        {
            foreach (FakeStart start in starts)
            {
                _script.Enqueue(start);
            }
        }

        return this;
    }

    /// <summary>Waits (boundedly) until the <paramref name="count"/>th process was started, and returns it.</summary>
    public async Task<FakeProcess> ProcessAsync(int count)
    {
        await Waiting.UntilAsync(() => Processes.Count >= count);
        return Processes[count - 1];
    }

    public async Task<RendererStart> StartAsync(ProcessStartInfo startInfo, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested(); // as the launcher does, before starting anything
        FakeStart what;
        FakeProcess? process = null;
        lock (_processes)
        {
            _starts++;
            what = _script.Count > 0 ? _script.Dequeue() : Otherwise;
            if (what != FakeStart.Throw)
            {
                process = new FakeProcess(_nextId++);
                _processes.Add(process);
            }
        }

        switch (what)
        {
            case FakeStart.Throw:
                throw StartError;
            case FakeStart.ExitBeforeConnecting:
                process!.Exit(BootExitCode);
                return new RendererStart(process, null, BootExitCode);
            case FakeStart.NeverConnect:
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                finally
                {
                    process!.Kill();
                }

                throw new UnreachableException();
            default:
                IpcRenderer renderer = main.ConnectInProcess(r =>
                {
                    if (ExitWhenDisconnected)
                    {
                        r.Disconnected += (_, _) => process!.Exit(0);
                    }

                    Configure?.Invoke(r, process!);
                });
                process!.Renderer = renderer;
                return new RendererStart(process, main.Renderers.Single(s => s.Id == renderer.Id), null);
        }
    }
}

/// <summary>A fake renderer process: it exits when the test says so, or when killed (with 137, as after SIGKILL on Linux).</summary>
internal sealed class FakeProcess(int id) : IRendererProcess
{
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _killed;

    public int Id => id;

    public Task<int> Exited => _exited.Task;

    /// <summary>The renderer it runs, once connected.</summary>
    public IpcRenderer? Renderer { get; set; }

    /// <summary>Whether <see cref="Kill"/> was called while it ran.</summary>
    public bool Killed => Volatile.Read(ref _killed) != 0;

    /// <summary>Whether <see cref="Kill"/> does nothing (a process that cannot be killed at once).</summary>
    public bool IgnoresKill { get; set; }

    /// <summary>
    /// The process ends and its connection closes with it. The exit is known first: otherwise supervision, seeing the
    /// connection end alone, would arm the grace timer of a process that keeps running, which a test could mistake for
    /// the back-off timer it waits for.
    /// </summary>
    public void Exit(int code)
    {
        _exited.TrySetResult(code);
        Renderer?.Dispose();
    }

    /// <summary>The renderer closes its connection but the process goes on running.</summary>
    public void Disconnect() => Renderer?.Dispose();

    public void Kill()
    {
        if (_exited.Task.IsCompleted || IgnoresKill)
        {
            return;
        }

        Volatile.Write(ref _killed, 1);
        Exit(137);
    }
}
