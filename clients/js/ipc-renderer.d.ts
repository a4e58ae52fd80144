/**
 * @ipcgen/client — IpcGen's renderer for web pages: Electron's `ipcRenderer` over a WebSocket to an IpcGen main
 * process. Hand-written typings for `ipc-renderer.js`.
 */

/** A WebSocket class: the browser's, or one with the same shape (tests pass a fake). */
export interface WebSocketConstructor {
  new (url: string): WebSocketLike;
}

/** The part of the WebSocket interface the client uses. */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  /** Each call carries exactly one length-prefixed frame. */
  send(data: ArrayBuffer): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: any) => any) | null;
  onmessage: ((event: any) => any) | null;
  onerror: ((event: any) => any) | null;
  onclose: ((event: any) => any) | null;
}

export interface ConnectOptions {
  /** The WebSocket address. Default: `ws(s)://${location.host}/ipcgen`. Relative and http(s) addresses are resolved against the page. */
  url?: string;
  /**
   * The token main handed out. Default: the `ipcgen-token` parameter of the page's URL fragment (`#ipcgen-token=…`),
   * which is then kept in sessionStorage and removed from the address bar; else what sessionStorage holds from an
   * earlier load of this tab. Never put in a query string.
   */
  token?: string;
  /** Aborts the connection attempt; `connect` then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The WebSocket class to use. Default: `globalThis.WebSocket`. */
  WebSocket?: WebSocketConstructor;
  /** The largest frame sent or accepted, in bytes. Default: 16 MiB, main's `IpcOptions.MaxMessageSize` default. */
  maxMessageSize?: number;
}

/** What a listener receives first, as Electron's `IpcRendererEvent`. */
export interface IpcRendererEvent {
  /** The renderer the message arrived on. */
  sender: IpcRenderer;
  /** Always 0: the message came from the main process. */
  senderId: 0;
  /** The channel the message arrived on. */
  channel: string;
}

/** What a handler receives first: an {@link IpcRendererEvent} with a signal. */
export interface IpcRendererInvokeEvent extends IpcRendererEvent {
  /** Aborted when main cancels its invoke or the connection ends. */
  signal: AbortSignal;
}

/** A listener for main's messages. */
export type IpcRendererListener<TArgs extends unknown[] = any[]> = (event: IpcRendererEvent, ...args: TArgs) => void;

/** A handler for main's invokes: returns the result, or a promise of it; throwing or rejecting answers with the error. */
export type IpcRendererHandler<TArgs extends unknown[] = any[], TResult = unknown> = (
  event: IpcRendererInvokeEvent,
  ...args: TArgs
) => TResult | PromiseLike<TResult>;

export interface InvokeOptions {
  /** Aborting sends main a Cancel for this invoke and rejects it with the signal's reason (an AbortError by default). */
  signal?: AbortSignal;
}

/** A renderer connected to an IpcGen main process. Made by {@link connect}. */
export class IpcRenderer {
  /** Not meant to be constructed directly: use {@link connect}. */
  private constructor();

  /** This renderer's id, from main's Welcome (`IpcSender.Id` on main). */
  readonly id: number;
  /** The main process's id, from main's Welcome. */
  readonly mainProcessId: number;
  /** True until the connection ends. */
  readonly isConnected: boolean;
  /** Resolves, never rejects, with why the connection ended, once it has. */
  readonly closed: Promise<IpcDisconnectedError>;
  /** Called for a listener that threw and for a connection main broke with a malformed frame; `console.error` when unset. */
  onerror: ((error: unknown, channel?: string) => void) | null;

  /**
   * Sends a message to main's listeners on `channel`, fire-and-forget. Arguments travel as JSON (`undefined` as null).
   * @throws {TypeError} a bad channel or an argument JSON cannot serialise; nothing was sent.
   * @throws {IpcDisconnectedError} the connection is closed.
   * @throws {IpcMessageTooLargeError} the message is above the maximum size; nothing was sent.
   */
  send(channel: string, ...args: unknown[]): void;

  /** Invokes main's handler on `channel`; resolves with its result. Every failure rejects (never throws). */
  invoke<T = unknown>(channel: string, ...args: unknown[]): Promise<T>;

  /** As {@link invoke}, cancellable with `options.signal`. */
  invokeWith<T = unknown>(options: InvokeOptions, channel: string, ...args: unknown[]): Promise<T>;

  on(channel: string, listener: IpcRendererListener): this;
  once(channel: string, listener: IpcRendererListener): this;
  /** Removes the latest registration of `listener` on `channel`. */
  removeListener(channel: string, listener: IpcRendererListener): this;
  off(channel: string, listener: IpcRendererListener): this;
  removeAllListeners(channel?: string): this;
  listenerCount(channel: string): number;

  /**
   * Answers main's invokes on `channel`.
   * @throws {Error} the channel has a handler already.
   */
  handle(channel: string, handler: IpcRendererHandler): void;
  handleOnce(channel: string, handler: IpcRendererHandler): void;
  removeHandler(channel: string): void;

  /** Closes the connection: pending invokes reject with {@link IpcDisconnectedError}, running handlers' signals abort. */
  close(): void;
}

/** Connects this page to its IpcGen main process; resolves once main has accepted it. */
export function connect(options?: ConnectOptions): Promise<IpcRenderer>;

/** The base of every error this module makes for a call or the connection. */
export class IpcError extends Error {
  constructor(message: string, options?: { channel?: string; cause?: unknown });
  /** The channel of the call the error is about, if any. */
  channel: string | undefined;
}

/** Main's handler threw. `message` reads "The handler for 'x' threw System.InvalidOperationException: boom". */
export class IpcRemoteError extends IpcError {
  constructor(channel: string, remoteType: string, remoteMessage: string);
  /** The full name of the exception type thrown on main, e.g. `System.InvalidOperationException`. */
  remoteType: string;
  /** That exception's message. */
  remoteMessage: string;
}

/** Main has no handler for the channel. */
export class IpcNoHandlerError extends IpcError {
  constructor(channel: string, message: string);
}

/** A call got no reply. */
export class IpcNoReplyError extends IpcError {
  constructor(channel: string, message: string);
}

/** The connection is gone: pending invokes reject with it at once, later calls throw or reject with it. */
export class IpcDisconnectedError extends IpcError {
  constructor(message: string, options?: { channel?: string; cause?: unknown });
}

/** Main refused the handshake; `reason` is main's text. */
export class IpcConnectionRefusedError extends IpcError {
  constructor(reason: string);
  reason: string;
}

/** A message above the maximum message size; nothing was sent. */
export class IpcMessageTooLargeError extends IpcError {
  constructor(channel: string, size: number, max: number);
}
