namespace Ipc.Runtime.Tests.Infrastructure;

/// <summary>A typed listener delegate as generated code declares one.</summary>
internal delegate void ProbeListener(IpcMainEvent e);

/// <summary>A typed handler delegate as generated code declares one.</summary>
internal delegate Task ProbeHandler(IpcMainInvokeEvent e);

/// <summary>A typed listener channel as generated code writes one.</summary>
internal sealed class ProbeListenerChannel(IpcMain main) : IpcMainListenerChannel<ProbeListener>(main, Name)
{
    public const string Name = "probe-message";

    protected override IpcMainListener Adapt(ProbeListener listener) => (e, _) => listener(e);
}

/// <summary>A typed invocation channel as generated code writes one.</summary>
internal sealed class ProbeHandlerChannel(IpcMain main) : IpcMainInvokeChannel<ProbeHandler>(main, Name)
{
    public const string Name = "probe-call";

    protected override IpcMainHandler Adapt(ProbeHandler handler) => (e, _) => IpcHandlerResult.From(handler(e));
}
