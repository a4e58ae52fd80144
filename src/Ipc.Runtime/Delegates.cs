namespace Ipc;

/// <summary>A main-process listener: Electron's <c>(event, ...args) =&gt; {}</c> for <c>ipcMain.on</c>.</summary>
public delegate void IpcMainListener(IpcMainEvent e, IpcArgs args);

/// <summary>A main-process handler: Electron's <c>ipcMain.handle</c> callback. Its result is the invocation's reply.</summary>
public delegate Task<object?> IpcMainHandler(IpcMainInvokeEvent e, IpcArgs args);

/// <summary>A renderer listener: Electron's <c>(event, ...args) =&gt; {}</c> for <c>ipcRenderer.on</c>.</summary>
public delegate void IpcRendererListener(IpcRendererEvent e, IpcArgs args);

/// <summary>
/// A renderer handler, answering main's <see cref="IpcSender.InvokeAsync{T}(string, object?[], CancellationToken)"/>:
/// what Electron's <c>ipcMain.handle</c> is for the other direction. Its result is the invocation's reply.
/// </summary>
public delegate Task<object?> IpcRendererHandler(IpcRendererInvokeEvent e, IpcArgs args);
