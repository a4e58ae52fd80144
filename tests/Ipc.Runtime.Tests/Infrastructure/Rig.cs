namespace Ipc.Runtime.Tests.Infrastructure;

/// <summary>A main process with one connected renderer over a chosen transport, torn down after the test.</summary>
public sealed class Rig : IDisposable
{
    /// <summary>The bound on any wait in a test: it proves "does not hang", it does not time anything.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private const string FlushChannel = "test:flush";
    private const string RendererFlushChannel = "test:renderer-flush";
    private readonly List<IDisposable> _owned = [];

    public Rig(TransportKind transport, IpcMainOptions? mainOptions = null, IpcRendererOptions? rendererOptions = null)
    {
        Transport = transport;
        Main = new IpcMain(Transports.MainOptionsFor(transport, mainOptions));
        Main.Error += (_, e) => { lock (MainErrors) { MainErrors.Add(e); } };
        Main.Handle(FlushChannel, (_, _) => Task.FromResult<object?>(true));
        Renderer = Connect(rendererOptions);
    }

    public TransportKind Transport { get; }

    public IpcMain Main { get; }

    public IpcRenderer Renderer { get; }

    public List<IpcErrorEventArgs> MainErrors { get; } = [];

    /// <summary>Connects one more renderer to <see cref="Main"/>; <paramref name="configure"/> runs before delivery starts.</summary>
    public IpcRenderer Connect(IpcRendererOptions? options = null, Action<IpcRenderer>? configure = null)
    {
        IpcRenderer renderer = Transports.Connect(Main, Transport, options, configure);
        _owned.Add(renderer);
        return renderer;
    }

    /// <summary>Returns once main has dispatched everything <paramref name="renderer"/> sent before this call.</summary>
    public Task FlushAsync(IpcRenderer? renderer = null) =>
        (renderer ?? Renderer).InvokeAsync<bool>(FlushChannel).WaitAsync(Patience);

    /// <summary>Returns once <see cref="Renderer"/> has dispatched everything main sent it before this call.</summary>
    public async Task FlushRendererAsync(IpcRenderer? renderer = null)
    {
        renderer ??= Renderer;
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        renderer.Once(RendererFlushChannel, (_, _) => flushed.SetResult());
        SenderOf(renderer).Send(RendererFlushChannel);
        await flushed.Task.WaitAsync(Patience);
    }

    /// <summary>Main's view of <paramref name="renderer"/>.</summary>
    public IpcSender SenderOf(IpcRenderer renderer) => Main.Renderers.Single(r => r.Id == renderer.Id);

    public void Dispose()
    {
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }

        Main.Dispose();
    }
}
