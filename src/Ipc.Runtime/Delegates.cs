namespace Ipc;

/// <summary>A main-process listener: Electron's <c>(event, ...args) =&gt; {}</c> for <c>ipcMain.on</c>. Called on main's dispatcher, one listener at a time.</summary>
/// <param name="e">The message's event: its sender, channel and, for a sync message, its <see cref="IpcMainEvent.ReturnValue"/>.</param>
/// <param name="args">The message's arguments, read on demand.</param>
public delegate void IpcMainListener(IpcMainEvent e, IpcArgs args);

/// <summary>A main-process handler: Electron's <c>ipcMain.handle</c> callback. Started on main's dispatcher; its result is the invocation's reply.</summary>
/// <param name="e">The invocation's event: its sender, channel and cancellation token.</param>
/// <param name="args">The invocation's arguments, read on demand.</param>
/// <returns>The reply; a faulted task is the caller's <see cref="IpcRemoteException"/>.</returns>
public delegate Task<object?> IpcMainHandler(IpcMainInvokeEvent e, IpcArgs args);

/// <summary>A renderer listener: Electron's <c>(event, ...args) =&gt; {}</c> for <c>ipcRenderer.on</c>. Called on the renderer's dispatcher, one listener at a time.</summary>
/// <param name="e">The message's event: the renderer and the channel.</param>
/// <param name="args">The message's arguments, read on demand.</param>
public delegate void IpcRendererListener(IpcRendererEvent e, IpcArgs args);

/// <summary>
/// A renderer handler, answering main's <see cref="IpcSender.InvokeAsync{T}(string, object?[], CancellationToken)"/>:
/// what Electron's <c>ipcMain.handle</c> is for the other direction. Started on the renderer's dispatcher; its result is
/// the invocation's reply.
/// </summary>
/// <param name="e">The invocation's event: the renderer, the channel and the cancellation token.</param>
/// <param name="args">The invocation's arguments, read on demand.</param>
/// <returns>The reply; a faulted task is main's <see cref="IpcRemoteException"/>.</returns>
public delegate Task<object?> IpcRendererHandler(IpcRendererInvokeEvent e, IpcArgs args);
