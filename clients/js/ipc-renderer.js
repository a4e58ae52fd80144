// @ts-check
/**
 * IpcGen's renderer for web pages: Electron's `ipcRenderer`, spoken over a WebSocket to an IpcGen main process.
 *
 * One ES module, no dependencies, no build step. The bytes are those of the Unix-socket transport
 * (docs/transports.md, "Wire format"): every WebSocket message, both ways, is one binary message carrying exactly
 * one length-prefixed frame. The first frame each way is the handshake (Hello, Welcome); message frames follow.
 *
 * @module @ipcgen/client
 */

// ---------------------------------------------------------------------------------------------------------------
// Wire constants (src/Ipc.Runtime/Protocol/MessageKind.cs, Transport/Handshake.cs, ChannelName.cs)
// ---------------------------------------------------------------------------------------------------------------

/** Frame kinds. The page sends Send, Invoke, Cancel and Reply; it accepts MainSend, Invoke, NestedInvoke, Cancel, Reply. */
const Kind = Object.freeze({ Send: 1, SendSync: 2, Invoke: 3, Cancel: 4, Reply: 5, MainSend: 6, NestedInvoke: 7 });

/** What main may send a renderer (InboundPolicy.ForRenderer); anything else is malformed. @type {readonly number[]} */
const ACCEPTED_KINDS = [Kind.MainSend, Kind.Invoke, Kind.NestedInvoke, Kind.Cancel, Kind.Reply];

/** The status byte that opens a Reply's body. */
const Status = Object.freeze({ Value: 0, NoReply: 1, RemoteError: 2, NoHandler: 3, Cancelled: 4, Refused: 5 });

const MAGIC = [0x49, 0x50, 0x43, 0x47]; // "IPCG"
const PROTOCOL_VERSION = 1;
/** Handshake feature bit 1: Uint8Array arguments and results travel as raw bytes, their length written as ~length. */
const FEATURE_BINARY_ARGUMENTS = 2;
const PREFIX_SIZE = 4;
/** Main caps handshake frames at 4096 bytes; so does the page. */
const MAX_HANDSHAKE_FRAME = 4096;
/** IpcOptions.MaxMessageSize's default, on main and here: the largest frame either end sends or accepts. */
const DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;
/** Channel names: at most 1,024 UTF-16 characters, so at most 3,072 UTF-8 bytes on the wire. */
const MAX_CHANNEL_LENGTH = 1024;
const MAX_CHANNEL_BYTES = MAX_CHANNEL_LENGTH * 3;
/** IpcGen keeps these channels for itself (ChannelName.ReservedPrefix). */
const RESERVED_PREFIX = "ipcgen:";
/** Main's supervision invokes this; every renderer answers it with null, as the .NET renderer does. */
const HEARTBEAT_CHANNEL = "ipcgen:heartbeat";
/** Texts in error replies are cut to this many characters, as main's ReplySlot does. */
const MAX_REPLY_TEXT = 64 * 1024;
/** Where the token lives between reloads, and its name in the URL fragment. */
const TOKEN_KEY = "ipcgen-token";
/** WebSocket close codes: 1000 for an orderly close, an application code (4000–4999) for a protocol violation. */
const CLOSE_NORMAL = 1000;
const CLOSE_PROTOCOL_ERROR = 4002;
/** WebSocket.readyState values (spelled out: a WebSocket class passed in need not have the static constants). */
const WS_OPEN = 1;

const utf8Encoder = new TextEncoder();
/** Fatal, so a string that is not valid UTF-8 is a malformed frame, as on main (Frame.ReadString). */
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

// ---------------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------------

/** The base of every error this module makes for a call or the connection. */
export class IpcError extends Error {
  /**
   * @param {string} message
   * @param {{ channel?: string, cause?: unknown }} [options]
   */
  constructor(message, options = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "IpcError";
    /** The channel of the call this error is about, if any. @type {string | undefined} */
    this.channel = options.channel;
  }
}

/** Main's handler threw or rejected. The message reads like main's IpcRemoteException: "The handler for 'x' threw System.InvalidOperationException: boom". */
export class IpcRemoteError extends IpcError {
  /**
   * @param {string} channel
   * @param {string} remoteType
   * @param {string} remoteMessage
   */
  constructor(channel, remoteType, remoteMessage) {
    super(`The handler for '${channel}' threw ${remoteType}: ${remoteMessage}`, { channel });
    this.name = "IpcRemoteError";
    /** The full name of the exception type thrown on main, e.g. `System.InvalidOperationException`. */
    this.remoteType = remoteType;
    /** That exception's own message. */
    this.remoteMessage = remoteMessage;
  }
}

/** Main has no handler for the invoked channel. */
export class IpcNoHandlerError extends IpcError {
  /**
   * @param {string} channel
   * @param {string} message
   */
  constructor(channel, message) {
    super(message, { channel });
    this.name = "IpcNoHandlerError";
  }
}

/** A call got no reply (main's NoReply status; a web page never sends the sync messages it is meant for). */
export class IpcNoReplyError extends IpcError {
  /**
   * @param {string} channel
   * @param {string} message
   */
  constructor(channel, message) {
    super(message, { channel });
    this.name = "IpcNoReplyError";
  }
}

/** The connection to main is gone, or broke: pending invokes reject with it, later calls throw or reject with it. */
export class IpcDisconnectedError extends IpcError {
  /**
   * @param {string} message
   * @param {{ channel?: string, cause?: unknown }} [options]
   */
  constructor(message, options) {
    super(message, options);
    this.name = "IpcDisconnectedError";
  }
}

/** Main refused the handshake (a wrong or spent token, another protocol version); `reason` is main's text. */
export class IpcConnectionRefusedError extends IpcError {
  /** @param {string} reason */
  constructor(reason) {
    super(`The main process refused the connection: ${reason}`);
    this.name = "IpcConnectionRefusedError";
    this.reason = reason;
  }
}

/** A message is larger than the maximum message size; nothing was sent. */
export class IpcMessageTooLargeError extends IpcError {
  /**
   * @param {string} channel
   * @param {number} size
   * @param {number} max
   */
  constructor(channel, size, max) {
    super(`The message on '${channel}' is ${size} bytes, above the maximum of ${max} bytes; nothing was sent.`, { channel });
    this.name = "IpcMessageTooLargeError";
  }
}

/** A frame from main that cannot be read. Internal: it closes the connection and becomes an IpcDisconnectedError's cause. */
class ProtocolError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "ProtocolError";
  }
}

/**
 * @param {string} message
 * @returns {Error}
 */
function abortError(message) {
  return typeof DOMException === "function" ? new DOMException(message, "AbortError") : Object.assign(new Error(message), { name: "AbortError" });
}

/**
 * What an aborted signal rejects with: its reason when it has one, else an AbortError.
 * @param {AbortSignal} signal
 * @returns {unknown}
 */
function abortReason(signal) {
  return signal.reason !== undefined ? signal.reason : abortError("The operation was aborted.");
}

// ---------------------------------------------------------------------------------------------------------------
// Encoding: frames are built from pieces and joined once, so a large argument is copied once, not per append.
// ---------------------------------------------------------------------------------------------------------------

class FrameWriter {
  constructor() {
    /** @type {Uint8Array[]} */
    this.pieces = [];
    this.length = 0;
  }

  /** @param {Uint8Array} bytes */
  bytes(bytes) {
    this.pieces.push(bytes);
    this.length += bytes.length;
    return this;
  }

  /** @param {number} value */
  u8(value) {
    return this.bytes(Uint8Array.of(value));
  }

  /** @param {number} value */
  u16(value) {
    const piece = new Uint8Array(2);
    new DataView(piece.buffer).setUint16(0, value, true);
    return this.bytes(piece);
  }

  /** @param {number} value */
  i32(value) {
    const piece = new Uint8Array(4);
    new DataView(piece.buffer).setInt32(0, value, true);
    return this.bytes(piece);
  }

  /** @param {bigint} value */
  i64(value) {
    const piece = new Uint8Array(8);
    new DataView(piece.buffer).setBigInt64(0, value, true);
    return this.bytes(piece);
  }

  /** A string: int32 byte count, then the UTF-8 bytes. @param {string} value */
  string(value) {
    const encoded = utf8Encoder.encode(value);
    return this.i32(encoded.length).bytes(encoded);
  }

  /**
   * An argument section: count, then each argument's length and bytes; raw bytes have their length written as
   * ~length (negative), which no JSON payload can have.
   * @param {SerializedArgument[]} args
   */
  section(args) {
    this.i32(args.length);
    for (const arg of args) {
      this.i32(arg.binary ? ~arg.bytes.length : arg.bytes.length).bytes(arg.bytes);
    }
    return this;
  }

  /**
   * The frame with its int32 little-endian length prefix: one WebSocket message.
   * @returns {ArrayBuffer}
   */
  framed() {
    const out = new Uint8Array(PREFIX_SIZE + this.length);
    new DataView(out.buffer).setInt32(0, this.length, true);
    let offset = PREFIX_SIZE;
    for (const piece of this.pieces) {
      out.set(piece, offset);
      offset += piece.length;
    }
    return out.buffer;
  }
}

/**
 * A message frame's header: kind, id, channel. The 0x80 trace bit is never set: the page offers no trace context.
 * @param {number} kind
 * @param {bigint} id
 * @param {string} channel
 */
function header(kind, id, channel) {
  return new FrameWriter().u8(kind).i64(id).string(channel);
}

/** @typedef {{ bytes: Uint8Array, binary: boolean }} SerializedArgument */

/**
 * Serialises arguments, each its own payload: a Uint8Array or ArrayBuffer as raw bytes where main agreed to binary
 * arguments (else as base64 text, which main reads as a byte[] too); anything else as JSON, `undefined` (and
 * whatever JSON.stringify drops) as null. Everything is serialised before anything is sent, so an argument that
 * cannot travel sends nothing.
 * @param {string} channel
 * @param {readonly unknown[]} args
 * @param {boolean} binary whether main agreed to raw-byte arguments
 * @param {string} what "Argument" or "The return value", for the error text
 * @returns {SerializedArgument[]}
 */
function serialize(channel, args, binary, what = "Argument") {
  return args.map((arg, index) => {
    const bytes = arg instanceof Uint8Array ? arg : arg instanceof ArrayBuffer ? new Uint8Array(arg) : null;
    if (bytes && binary) {
      return { bytes, binary: true };
    }
    let json;
    try {
      json = bytes ? JSON.stringify(toBase64(bytes)) : JSON.stringify(arg);
    } catch (e) {
      const which = what === "Argument" ? `Argument ${index}` : what;
      throw new TypeError(`${which} of '${channel}' cannot be serialized as JSON; nothing was sent. ${errorMessage(e)}`, { cause: e });
    }
    return { bytes: utf8Encoder.encode(json === undefined ? "null" : json), binary: false };
  });
}

/** @param {Uint8Array} bytes */
function toBase64(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000)); // in chunks: a spread of millions would overflow the stack
  }
  return btoa(text);
}

/**
 * The Hello: magic, version, processId (0: a page has none), launchId (0), token, features (binary arguments; no trace context).
 * @param {string} token
 */
function encodeHello(token) {
  return new FrameWriter().bytes(Uint8Array.from(MAGIC)).u16(PROTOCOL_VERSION).i32(0).i64(0n).string(token).i32(FEATURE_BINARY_ARGUMENTS).framed();
}

// ---------------------------------------------------------------------------------------------------------------
// Decoding: every read checks what remains, so a short or lying frame is a ProtocolError, never a RangeError.
// ---------------------------------------------------------------------------------------------------------------

class FrameReader {
  /** @param {Uint8Array} frame the frame without its length prefix */
  constructor(frame) {
    this.frame = frame;
    this.view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    this.offset = 0;
  }

  get remaining() {
    return this.frame.length - this.offset;
  }

  /** @param {number} count @param {string} what */
  need(count, what) {
    if (this.remaining < count) {
      throw new ProtocolError(`${what} is cut off.`);
    }
  }

  /** @param {string} what */
  u8(what) {
    this.need(1, what);
    return this.view.getUint8(this.offset++);
  }

  /** @param {string} what */
  u16(what) {
    this.need(2, what);
    const value = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return value;
  }

  /** @param {string} what */
  i32(what) {
    this.need(4, what);
    const value = this.view.getInt32(this.offset, true);
    this.offset += 4;
    return value;
  }

  /** @param {string} what */
  i64(what) {
    this.need(8, what);
    const value = this.view.getBigInt64(this.offset, true);
    this.offset += 8;
    return value;
  }

  /** @param {number} count @param {string} what */
  bytes(count, what) {
    this.need(count, what);
    const value = this.frame.subarray(this.offset, this.offset + count);
    this.offset += count;
    return value;
  }

  /**
   * An int32-counted UTF-8 string; `maxBytes` refuses a huge one before it is decoded.
   * @param {string} what
   * @param {number} [maxBytes]
   */
  string(what, maxBytes = Infinity) {
    const length = this.i32(`${what}'s length`);
    if (length < 0 || length > this.remaining) {
      throw new ProtocolError(`${what} announces ${length} bytes but ${this.remaining} remain.`);
    }
    if (length > maxBytes) {
      throw new ProtocolError(`${what} is ${length} bytes, above the maximum of ${maxBytes}.`);
    }
    try {
      return utf8Decoder.decode(this.bytes(length, what));
    } catch {
      throw new ProtocolError(`${what} is not valid UTF-8.`);
    }
  }

  /** The rest of the frame. */
  rest() {
    return this.bytes(this.remaining, "The body");
  }
}

/**
 * Unwraps one WebSocket message into its frame: it must be binary and hold exactly one length-prefixed frame.
 * @param {unknown} data
 * @param {number} maxSize
 * @returns {Uint8Array}
 */
function unwrapMessage(data, maxSize) {
  /** @type {Uint8Array} */
  let bytes;
  if (data instanceof ArrayBuffer) {
    bytes = new Uint8Array(data);
  } else if (ArrayBuffer.isView(data)) {
    bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } else {
    throw new ProtocolError(`The main process sent a ${typeof data === "string" ? "text" : "non-binary"} WebSocket message; IpcGen sends binary frames only.`);
  }
  if (bytes.length < PREFIX_SIZE) {
    throw new ProtocolError(`A WebSocket message of ${bytes.length} bytes is too short for a frame's length prefix.`);
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset, PREFIX_SIZE).getInt32(0, true);
  if (length < 0 || length > maxSize) {
    throw new ProtocolError(`The main process announced a frame of ${length} bytes, above the maximum of ${maxSize} bytes.`);
  }
  if (length !== bytes.length - PREFIX_SIZE) {
    throw new ProtocolError(`A WebSocket message announces a frame of ${length} bytes but carries ${bytes.length - PREFIX_SIZE}; each message must hold exactly one frame.`);
  }
  return bytes.subarray(PREFIX_SIZE);
}

/**
 * @typedef {{ accepted: true, version: number, rendererId: number, mainProcessId: number, features: number }
 *         | { accepted: false, version: number, reason: string }} Welcome
 */

/**
 * Reads main's Welcome (or refusal).
 * @param {Uint8Array} frame without its length prefix
 * @returns {Welcome}
 */
function decodeWelcome(frame) {
  const reader = new FrameReader(frame);
  const magic = reader.bytes(MAGIC.length, "The Welcome's magic");
  if (!MAGIC.every((byte, i) => magic[i] === byte)) {
    throw new ProtocolError("The Welcome frame does not start with the IpcGen magic 'IPCG'.");
  }
  const version = reader.u16("The Welcome's version");
  if (version !== PROTOCOL_VERSION) {
    // Main would refuse us anyway; say why in the terms of its own refusal.
    return { accepted: false, version, reason: `The other end speaks IpcGen protocol version ${version}; this end speaks version ${PROTOCOL_VERSION}.` };
  }
  if (reader.u8("The Welcome") !== 1) {
    return { accepted: false, version, reason: reader.string("The refusal's reason") };
  }
  const rendererId = reader.i32("The Welcome's renderer id");
  const mainProcessId = reader.i32("The Welcome's process id");
  // The features field is last and optional: an older main omits it, which means none.
  const features = reader.remaining >= 4 ? reader.i32("The Welcome's features") : 0;
  return { accepted: true, version, rendererId, mainProcessId, features };
}

/**
 * @typedef {{ kind: number, id: bigint, channel: string, body: Uint8Array }} Frame
 */

/**
 * Decodes a message frame's header. A kind the page does not accept (SendSync, Send) or the trace bit (never
 * agreed: the page offers no trace context) makes the frame malformed.
 * @param {Uint8Array} bytes
 * @returns {Frame}
 */
function decodeFrame(bytes) {
  const reader = new FrameReader(bytes);
  if (bytes.length < 1 + 8 + 4) {
    throw new ProtocolError(`A frame of ${bytes.length} bytes is too short for a header.`);
  }
  const kind = reader.u8("The kind");
  if (!ACCEPTED_KINDS.includes(kind)) {
    throw new ProtocolError(`The main process may not send frames of kind ${kind} to a renderer.`);
  }
  const id = reader.i64("The id");
  const channel = reader.string("The channel name", MAX_CHANNEL_BYTES);
  if (channel.length > MAX_CHANNEL_LENGTH) {
    throw new ProtocolError(`The channel name is longer than the maximum of ${MAX_CHANNEL_LENGTH} characters.`);
  }
  return { kind, id, channel, body: reader.rest() };
}

/**
 * Reads an argument section and parses each argument's JSON.
 * @param {Uint8Array} section
 * @param {string} channel for the error text
 * @returns {unknown[]}
 */
function decodeArguments(section, channel) {
  const reader = new FrameReader(section);
  const count = reader.i32("The argument section");
  if (count < 0 || count > reader.remaining / 4) {
    throw new ProtocolError(`The argument section on '${channel}' announces ${count} arguments in ${section.length} bytes.`);
  }
  const args = [];
  for (let i = 0; i < count; i++) {
    const written = reader.i32(`Argument ${i}'s length`);
    const binary = written < 0; // raw bytes, written as ~length
    const length = binary ? ~written : written;
    if (written === -2147483648 || length > reader.remaining) {
      throw new ProtocolError(`Argument ${i} on '${channel}' announces ${length} bytes, more than the frame holds.`);
    }
    const bytes = reader.bytes(length, `Argument ${i}`);
    args.push(binary ? bytes.slice() : parseJson(bytes, channel, i));
  }
  if (reader.remaining !== 0) {
    throw new ProtocolError(`${reader.remaining} bytes trail the argument section on '${channel}'.`);
  }
  return args;
}

/**
 * @param {Uint8Array} bytes
 * @param {string} channel
 * @param {number} index
 */
function parseJson(bytes, channel, index) {
  let text;
  try {
    text = utf8Decoder.decode(bytes);
  } catch {
    throw new ProtocolError(`Argument ${index} on '${channel}' is not valid UTF-8.`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ProtocolError(`Argument ${index} on '${channel}' is not valid JSON: ${errorMessage(e)}`);
  }
}

/**
 * @typedef {{ ok: true, value: unknown } | { ok: false, error: unknown }} ReplyOutcome
 */

/**
 * Turns a Reply's body into the invoke's value or error, as main's ReplyReader does.
 * @param {Uint8Array} body
 * @param {string} channel the call's channel (a reply may leave its own empty)
 * @returns {ReplyOutcome}
 */
function decodeReply(body, channel) {
  const reader = new FrameReader(body);
  const status = reader.u8("The reply's status");
  switch (status) {
    case Status.Value: {
      const values = decodeArguments(reader.rest(), channel);
      return { ok: true, value: values.length === 0 ? undefined : values[0] };
    }
    case Status.NoReply:
      return { ok: false, error: new IpcNoReplyError(channel, reader.string("The reason")) };
    case Status.RemoteError: {
      const type = reader.string("The error's type");
      return { ok: false, error: new IpcRemoteError(channel, type, reader.string("The error's message")) };
    }
    case Status.NoHandler:
      return { ok: false, error: new IpcNoHandlerError(channel, reader.string("The reason")) };
    case Status.Cancelled: {
      // Main sends a reason; an older main may not.
      const reason = reader.remaining > 0 ? reader.string("The reason") : `The handler for '${channel}' was cancelled.`;
      return { ok: false, error: abortError(reason) };
    }
    case Status.Refused:
      return { ok: false, error: new IpcError(reader.string("The reason"), { channel }) };
    default:
      throw new ProtocolError(`Unknown reply status ${status} on '${channel}'.`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------------

/** @param {unknown} e */
function errorMessage(e) {
  return e instanceof Error ? e.message : String(e);
}

/** @param {string} text */
function shorten(text) {
  return text.length <= MAX_REPLY_TEXT ? text : `${text.slice(0, MAX_REPLY_TEXT)}…`;
}

/**
 * The rule main applies to channel names (ChannelName.Validate), checked before anything is sent.
 * @param {unknown} channel
 * @returns {asserts channel is string}
 */
function validateChannel(channel) {
  if (typeof channel !== "string" || channel.trim() === "") {
    throw new TypeError(`The channel must be a non-empty string; got ${describe(channel)}.`);
  }
  if (channel.length > MAX_CHANNEL_LENGTH) {
    throw new TypeError(`The channel name is ${channel.length} characters long; the maximum is ${MAX_CHANNEL_LENGTH}.`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(channel)) {
    throw new TypeError(`The channel name ${JSON.stringify(channel)} contains a control character.`);
  }
  if (channel.startsWith(RESERVED_PREFIX)) {
    throw new TypeError(`The channel name "${channel}" starts with "${RESERVED_PREFIX}", which IpcGen reserves for its own channels; choose another name.`);
  }
}

/**
 * @param {unknown} fn
 * @param {string} what
 * @returns {asserts fn is Function}
 */
function validateFunction(fn, what) {
  if (typeof fn !== "function") {
    throw new TypeError(`The ${what} must be a function; got ${describe(fn)}.`);
  }
}

/** @param {unknown} value */
function describe(value) {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  return typeof value;
}

// ---------------------------------------------------------------------------------------------------------------
// The renderer
// ---------------------------------------------------------------------------------------------------------------

/**
 * @typedef {{ sender: IpcRenderer, senderId: 0, channel: string }} IpcRendererEvent
 * @typedef {IpcRendererEvent & { signal: AbortSignal }} IpcRendererInvokeEvent
 * @typedef {(event: IpcRendererEvent, ...args: any[]) => void} Listener
 * @typedef {(event: IpcRendererInvokeEvent, ...args: any[]) => unknown} Handler
 * @typedef {{ listener: Listener, once: boolean }} ListenerEntry
 * @typedef {{ handler: Handler, once: boolean }} HandlerEntry
 * @typedef {{ channel: string, resolve: (value: any) => void, reject: (error: unknown) => void, dispose: () => void }} PendingCall
 * @typedef {{ send(data: ArrayBuffer): void, close(code?: number, reason?: string): void, readyState: number,
 *             binaryType: string, onopen: ((ev: any) => any) | null, onmessage: ((ev: any) => any) | null,
 *             onerror: ((ev: any) => any) | null, onclose: ((ev: any) => any) | null }} SocketLike
 */

/** A renderer connected to an IpcGen main process: Electron's `ipcRenderer`, plus `handle` for main's invokes. */
export class IpcRenderer {
  /** @type {SocketLike} */
  #socket;
  #maxMessageSize;
  /** @type {Map<string, ListenerEntry[]>} */
  #listeners = new Map();
  /** @type {Map<string, HandlerEntry>} */
  #handlers = new Map();
  /** This page's invokes waiting for a reply, by id. @type {Map<bigint, PendingCall>} */
  #pending = new Map();
  /** Main's invokes running in this page's handlers, by main's id: their abort controllers. @type {Map<bigint, AbortController>} */
  #running = new Map();
  /** The page numbers its own calls 1, 2, 3…; main numbers its own separately. */
  #nextId = 1n;
  /** Whether main agreed to raw-byte arguments in the handshake. */
  #binary = false;
  /** Why the connection ended, once it has. @type {IpcDisconnectedError | null} */
  #closedBy = null;
  /** @type {(reason: IpcDisconnectedError) => void} */
  #resolveClosed = () => {};

  /**
   * Called for a listener that threw and for a connection that main broke; `console.error` when unset.
   * @type {((error: unknown, channel?: string) => void) | null}
   */
  onerror = null;

  /**
   * Made by {@link connect} once main has accepted the handshake; not meant to be constructed directly.
   * @param {SocketLike} socket an open socket past the handshake
   * @param {{ rendererId: number, mainProcessId: number, features?: number }} welcome
   * @param {number} [maxMessageSize]
   */
  constructor(socket, welcome, maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE) {
    this.#socket = socket;
    this.#binary = ((welcome.features ?? 0) & FEATURE_BINARY_ARGUMENTS) !== 0;
    this.#maxMessageSize = maxMessageSize;
    /** This renderer's id, given by main's Welcome (`IpcSender.Id` on main). @type {number} */
    this.id = welcome.rendererId;
    /** The main process's pid, from the Welcome. @type {number} */
    this.mainProcessId = welcome.mainProcessId;
    /** Resolves with the reason once the connection has ended, whoever ended it. @type {Promise<IpcDisconnectedError>} */
    this.closed = new Promise((resolve) => {
      this.#resolveClosed = resolve;
    });
    socket.onmessage = (event) => this.#receive(event.data);
    socket.onerror = () => {}; // the close event that follows says the connection ended
    socket.onclose = (event) => this.#shutdown(closeReason(event));
  }

  /** True until the connection ends. */
  get isConnected() {
    return this.#closedBy === null;
  }

  // ----- Sending -----

  /**
   * Sends a message to main's listeners on `channel`, fire-and-forget.
   * @param {string} channel
   * @param {...unknown} args JSON-serialisable arguments
   */
  send(channel, ...args) {
    validateChannel(channel);
    this.#throwIfClosed(channel);
    const frame = header(Kind.Send, 0n, channel).section(serialize(channel, args, this.#binary));
    this.#write(frame, channel);
  }

  /**
   * Invokes main's handler on `channel` and resolves with its result.
   * @param {string} channel
   * @param {...unknown} args
   * @returns {Promise<any>}
   */
  invoke(channel, ...args) {
    return this.invokeWith({}, channel, ...args);
  }

  /**
   * As {@link invoke}, with an AbortSignal: aborting sends main a Cancel and rejects with the signal's reason.
   * @param {{ signal?: AbortSignal }} options
   * @param {string} channel
   * @param {...unknown} args
   * @returns {Promise<any>}
   */
  invokeWith(options, channel, ...args) {
    // A promise-returning call reports every failure, bad arguments included, through its promise.
    try {
      const signal = options?.signal;
      validateChannel(channel);
      this.#throwIfClosed(channel);
      if (signal?.aborted) {
        return Promise.reject(abortReason(signal));
      }
      const id = this.#nextId++;
      const frame = header(Kind.Invoke, id, channel).section(serialize(channel, args, this.#binary));
      const promise = this.#expectReply(id, channel, signal);
      try {
        this.#write(frame, channel);
      } catch (e) {
        // Nothing was sent: forget the call, and keep its promise (perhaps rejected by the connection's end
        // meanwhile) from reporting an unhandled rejection; the caller gets this error instead.
        this.#pending.get(id)?.dispose();
        this.#pending.delete(id);
        promise.catch(() => {});
        throw e;
      }
      return promise;
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * Registers the call before its frame leaves, so even a reply that comes at once finds it.
   * @param {bigint} id
   * @param {string} channel
   * @param {AbortSignal | undefined} signal
   * @returns {Promise<any>}
   */
  #expectReply(id, channel, signal) {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (!this.#pending.delete(id)) {
          return;
        }
        // Main's handler gets its token cancelled; its late reply finds no pending call and is dropped.
        if (this.isConnected) {
          this.#tryWrite(header(Kind.Cancel, id, channel));
        }
        reject(abortReason(/** @type {AbortSignal} */ (signal)));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#pending.set(id, {
        channel,
        resolve,
        reject,
        dispose: () => signal?.removeEventListener("abort", onAbort),
      });
    });
  }

  // ----- Listening -----

  /**
   * Listens to main's messages on `channel`.
   * @param {string} channel
   * @param {Listener} listener `(event, ...args)`
   * @returns {this}
   */
  on(channel, listener) {
    return this.#addListener(channel, listener, false);
  }

  /**
   * As {@link on}, for the next message only.
   * @param {string} channel
   * @param {Listener} listener
   * @returns {this}
   */
  once(channel, listener) {
    return this.#addListener(channel, listener, true);
  }

  /**
   * Removes one registration of `listener` on `channel` (the latest, as Node's EventEmitter does).
   * @param {string} channel
   * @param {Listener} listener
   * @returns {this}
   */
  removeListener(channel, listener) {
    validateChannel(channel);
    validateFunction(listener, "listener");
    const entries = this.#listeners.get(channel);
    if (entries) {
      for (let i = entries.length - 1; i >= 0; i--) {
        if (entries[i].listener === listener) {
          entries.splice(i, 1);
          break;
        }
      }
      if (entries.length === 0) {
        this.#listeners.delete(channel);
      }
    }
    return this;
  }

  /**
   * Alias of {@link removeListener}.
   * @param {string} channel
   * @param {Listener} listener
   * @returns {this}
   */
  off(channel, listener) {
    return this.removeListener(channel, listener);
  }

  /**
   * Removes every listener on `channel`, or on every channel when none is given.
   * @param {string} [channel]
   * @returns {this}
   */
  removeAllListeners(channel) {
    if (channel === undefined) {
      this.#listeners.clear();
    } else {
      validateChannel(channel);
      this.#listeners.delete(channel);
    }
    return this;
  }

  /**
   * How many listeners `channel` has.
   * @param {string} channel
   * @returns {number}
   */
  listenerCount(channel) {
    return this.#listeners.get(channel)?.length ?? 0;
  }

  /**
   * @param {string} channel
   * @param {Listener} listener
   * @param {boolean} once
   */
  #addListener(channel, listener, once) {
    validateChannel(channel);
    validateFunction(listener, "listener");
    let entries = this.#listeners.get(channel);
    if (!entries) {
      entries = [];
      this.#listeners.set(channel, entries);
    }
    entries.push({ listener, once });
    return this;
  }

  // ----- Handling main's invokes -----

  /**
   * Answers main's invokes on `channel` with `handler`'s result (a value or a promise of one). A handler that
   * throws or rejects answers with its error; `event.signal` aborts when main cancels or the connection ends.
   * @param {string} channel
   * @param {Handler} handler `(event, ...args) => value | Promise<value>`
   */
  handle(channel, handler) {
    this.#addHandler(channel, handler, false);
  }

  /**
   * As {@link handle}, for the next invoke only.
   * @param {string} channel
   * @param {Handler} handler
   */
  handleOnce(channel, handler) {
    this.#addHandler(channel, handler, true);
  }

  /**
   * Removes the handler on `channel`, if any.
   * @param {string} channel
   */
  removeHandler(channel) {
    validateChannel(channel);
    this.#handlers.delete(channel);
  }

  /**
   * @param {string} channel
   * @param {Handler} handler
   * @param {boolean} once
   */
  #addHandler(channel, handler, once) {
    validateChannel(channel);
    validateFunction(handler, "handler");
    if (this.#handlers.has(channel)) {
      // As Electron: a second handler would silently shadow the first.
      throw new Error(`Attempted to register a second handler for '${channel}'.`);
    }
    this.#handlers.set(channel, { handler, once });
  }

  // ----- Closing -----

  /** Closes the connection. Pending invokes reject with {@link IpcDisconnectedError}; running handlers' signals abort. */
  close() {
    if (this.#shutdown(new IpcDisconnectedError("This renderer closed its connection to the main process."))) {
      closeSocket(this.#socket, CLOSE_NORMAL, "");
    }
  }

  /**
   * Ends the connection once: fails pending invokes at once, aborts running handlers, resolves `closed`.
   * @param {IpcDisconnectedError} reason
   * @returns {boolean} false when it had ended already
   */
  #shutdown(reason) {
    if (this.#closedBy) {
      return false;
    }
    this.#closedBy = reason;
    this.#socket.onmessage = null; // nothing read after the end is acted on

    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of pending) {
      call.dispose();
      call.reject(
        new IpcDisconnectedError(`The connection to the main process closed before '${call.channel}' was answered.`, {
          channel: call.channel,
          cause: reason,
        }),
      );
    }

    const running = [...this.#running.values()];
    this.#running.clear();
    for (const controller of running) {
      controller.abort(reason);
    }

    this.#resolveClosed(reason);
    return true;
  }

  /**
   * A frame main sent that cannot be read: a working main never sends one, so the connection is closed.
   * @param {unknown} error
   */
  #protocolViolation(error) {
    const reason = new IpcDisconnectedError(
      `The main process sent a malformed frame; the connection was closed. ${errorMessage(error)}`,
      { cause: error },
    );
    if (this.#shutdown(reason)) {
      closeSocket(this.#socket, CLOSE_PROTOCOL_ERROR, "IpcGen: malformed frame");
      this.#report(reason);
    }
  }

  /** @param {string} [channel] */
  #throwIfClosed(channel) {
    if (this.#closedBy) {
      throw new IpcDisconnectedError(`The connection to the main process is closed. ${this.#closedBy.message}`, {
        channel,
        cause: this.#closedBy,
      });
    }
  }

  // ----- Writing -----

  /**
   * Writes one frame as one binary WebSocket message, at once: send and invoke share the socket, in call order.
   * @param {FrameWriter} frame
   * @param {string} channel
   */
  #write(frame, channel) {
    if (frame.length > this.#maxMessageSize) {
      throw new IpcMessageTooLargeError(channel, frame.length, this.#maxMessageSize);
    }
    if (this.#socket.readyState !== WS_OPEN) {
      // The close event has not run yet, but nothing written now would arrive.
      this.#shutdown(new IpcDisconnectedError("The WebSocket to the main process is no longer open."));
      this.#throwIfClosed(channel);
    }
    try {
      this.#socket.send(frame.framed());
    } catch (e) {
      this.#shutdown(new IpcDisconnectedError(`Writing to the main process failed: ${errorMessage(e)}`, { cause: e }));
      this.#throwIfClosed(channel);
    }
  }

  /**
   * Writes a frame nobody waits on (a reply, a cancel): a failure has already ended the connection.
   * @param {FrameWriter} frame
   */
  #tryWrite(frame) {
    try {
      this.#write(frame, "");
    } catch {
      // The connection is closed, and `closed` says why.
    }
  }

  // ----- Receiving -----

  /**
   * One WebSocket message from main: one frame. A frame that cannot be read closes the connection; what user
   * code throws never reaches here (listeners and handlers are guarded where they are called).
   * @param {unknown} data
   */
  #receive(data) {
    if (this.#closedBy) {
      return;
    }
    try {
      const frame = decodeFrame(unwrapMessage(data, this.#maxMessageSize));
      switch (frame.kind) {
        case Kind.MainSend:
          this.#deliver(frame.channel, decodeArguments(frame.body, frame.channel));
          break;
        case Kind.Invoke:
        case Kind.NestedInvoke:
          this.#runHandler(frame.id, frame.channel, decodeArguments(frame.body, frame.channel));
          break;
        case Kind.Cancel:
          this.#running.get(frame.id)?.abort(abortError(`The main process cancelled its invoke on '${frame.channel}'.`));
          break;
        case Kind.Reply:
          this.#settle(frame.id, frame.body);
          break;
      }
    } catch (e) {
      this.#protocolViolation(e);
    }
  }

  /**
   * Calls each listener on the channel with its own guard, so one that throws does not keep the message from the others.
   * @param {string} channel
   * @param {unknown[]} args
   */
  #deliver(channel, args) {
    const entries = this.#listeners.get(channel);
    if (!entries) {
      return; // as in Electron, a message nobody listens to is dropped
    }
    /** @type {IpcRendererEvent} */
    const event = { sender: this, senderId: 0, channel };
    for (const entry of [...entries]) {
      if (entry.once) {
        // Removed before it runs, so a listener that sends and receives again is not called twice.
        const index = entries.indexOf(entry);
        if (index < 0) continue; // removed by an earlier listener of this same message
        entries.splice(index, 1);
        if (entries.length === 0) this.#listeners.delete(channel);
      } else if (!entries.includes(entry)) {
        continue;
      }
      try {
        entry.listener(event, ...args);
      } catch (e) {
        this.#report(e, channel);
      }
    }
  }

  /**
   * Runs the handler for one of main's invokes and replies exactly once: the value, the error, "cancelled" or
   * "no handler".
   * @param {bigint} id main's id for the call
   * @param {string} channel
   * @param {unknown[]} args
   */
  #runHandler(id, channel, args) {
    if (channel === HEARTBEAT_CHANNEL) {
      this.#reply(header(Kind.Reply, id, channel).u8(Status.Value).section([{ bytes: utf8Encoder.encode("null"), binary: false }]));
      return;
    }
    const entry = this.#handlers.get(channel);
    if (!entry) {
      this.#replyStatus(id, channel, Status.NoHandler, `No handler registered for '${channel}'.`);
      return;
    }
    if (entry.once) {
      this.#handlers.delete(channel);
    }

    const controller = new AbortController();
    this.#running.set(id, controller);
    /** @type {IpcRendererInvokeEvent} */
    const event = { sender: this, senderId: 0, channel, signal: controller.signal };
    new Promise((resolve) => resolve(entry.handler(event, ...args))).then(
      (value) => this.#finish(id, channel, controller, { ok: true, value }),
      (error) => this.#finish(id, channel, controller, { ok: false, error }),
    );
  }

  /**
   * @param {bigint} id
   * @param {string} channel
   * @param {AbortController} controller
   * @param {ReplyOutcome} outcome
   */
  #finish(id, channel, controller, outcome) {
    if (this.#running.get(id) === controller) {
      this.#running.delete(id);
    }
    if (!this.isConnected) {
      return; // nobody is left to answer
    }
    if (outcome.ok) {
      this.#replyValue(id, channel, outcome.value);
    } else if (controller.signal.aborted) {
      this.#replyStatus(id, channel, Status.Cancelled, `The handler for '${channel}' was cancelled.`);
    } else {
      this.#replyError(id, channel, outcome.error);
    }
  }

  /**
   * @param {bigint} id
   * @param {string} channel
   * @param {unknown} value
   */
  #replyValue(id, channel, value) {
    let frame;
    try {
      frame = header(Kind.Reply, id, channel).u8(Status.Value).section(serialize(channel, [value], this.#binary, "The return value"));
      if (frame.length > this.#maxMessageSize) {
        throw new IpcMessageTooLargeError(channel, frame.length, this.#maxMessageSize);
      }
    } catch (e) {
      // The result cannot travel: tell main, rather than leave its caller waiting.
      this.#replyError(id, channel, e);
      return;
    }
    this.#reply(frame);
  }

  /**
   * Answers with RemoteError: the error's name as its type ("Error", "TypeError"…) and its message.
   * @param {bigint} id
   * @param {string} channel
   * @param {unknown} error
   */
  #replyError(id, channel, error) {
    const type = error instanceof Error || (typeof error === "object" && error !== null && "name" in error) ? String(/** @type {any} */ (error).name || "Error") : "Error";
    const message = errorMessage(error);
    this.#reply(header(Kind.Reply, id, channel).u8(Status.RemoteError).string(shorten(type)).string(shorten(message)));
  }

  /**
   * @param {bigint} id
   * @param {string} channel
   * @param {number} status
   * @param {string} reason
   */
  #replyStatus(id, channel, status, reason) {
    this.#reply(header(Kind.Reply, id, channel).u8(status).string(reason));
  }

  /** @param {FrameWriter} frame */
  #reply(frame) {
    if (this.isConnected) {
      this.#tryWrite(frame);
    }
  }

  /**
   * Settles this page's invoke that the reply answers. A reply for an unknown id answers a call cancelled
   * meanwhile, and is dropped.
   * @param {bigint} id
   * @param {Uint8Array} body
   */
  #settle(id, body) {
    const call = this.#pending.get(id);
    if (!call) {
      return;
    }
    const outcome = decodeReply(body, call.channel); // may throw: the connection then closes and rejects the call
    this.#pending.delete(id);
    call.dispose();
    if (outcome.ok) {
      call.resolve(outcome.value);
    } else {
      call.reject(outcome.error);
    }
  }

  /**
   * Reports an error no caller can catch: to `onerror` when set, else to the console.
   * @param {unknown} error
   * @param {string} [channel]
   */
  #report(error, channel) {
    const handler = this.onerror;
    if (typeof handler === "function") {
      try {
        handler.call(this, error, channel);
        return;
      } catch (e) {
        console.error("IpcGen: the onerror handler threw", e);
      }
    }
    console.error(channel ? `IpcGen: a listener on '${channel}' threw` : "IpcGen:", error);
  }
}

/**
 * The reason for a close event: a clean close by main, or one the browser reports with a code.
 * @param {any} event
 */
function closeReason(event) {
  const code = event && typeof event.code === "number" ? event.code : undefined;
  const detail = event && event.reason ? `: ${event.reason}` : "";
  return new IpcDisconnectedError(`The connection to the main process closed${code !== undefined ? ` (code ${code}${detail})` : detail}.`);
}

/**
 * @param {SocketLike} socket
 * @param {number} code
 * @param {string} reason
 */
function closeSocket(socket, code, reason) {
  try {
    socket.close(code, reason);
  } catch {
    // Already closing: nothing more to do.
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Connecting
// ---------------------------------------------------------------------------------------------------------------

/**
 * @typedef {object} ConnectOptions
 * @property {string} [url] the WebSocket address; defaults to `ws(s)://<this page's host>/ipcgen`
 * @property {string} [token] the token; defaults to the page's `#ipcgen-token=…` fragment, then sessionStorage
 * @property {AbortSignal} [signal] aborts the connection attempt
 * @property {new (url: string) => any} [WebSocket] the WebSocket class; defaults to the global one
 * @property {number} [maxMessageSize] the largest frame sent or accepted, in bytes; main's default, 16 MiB
 */

/**
 * Connects this page to its IpcGen main process and resolves once main has accepted it.
 * Register listeners and handlers right after the `await`, before awaiting anything else: main may send at once.
 * @param {ConnectOptions} [options]
 * @returns {Promise<IpcRenderer>}
 */
export async function connect(options = {}) {
  const signal = options.signal;
  if (signal?.aborted) {
    throw abortReason(signal);
  }
  const Socket = options.WebSocket ?? /** @type {any} */ (globalThis).WebSocket;
  if (typeof Socket !== "function") {
    throw new Error("IpcGen: there is no WebSocket class here; pass one as options.WebSocket.");
  }
  const url = resolveUrl(options.url);
  const token = options.token ?? takeToken();
  if (typeof token !== "string" || token === "") {
    throw new Error(
      "IpcGen: no token to connect with. Open the page with the token in its fragment (#ipcgen-token=…), as the main process hands it out, or pass options.token.",
    );
  }
  const maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
  return handshake(new Socket(url), url, token, maxMessageSize, signal);
}

/**
 * Opens the socket, sends the Hello, waits for the Welcome; on success the renderer takes the socket over.
 * @param {SocketLike} socket
 * @param {string} url
 * @param {string} token
 * @param {number} maxMessageSize
 * @param {AbortSignal | undefined} signal
 * @returns {Promise<IpcRenderer>}
 */
function handshake(socket, url, token, maxMessageSize, signal) {
  socket.binaryType = "arraybuffer";
  return new Promise((resolve, reject) => {
    let settled = false;
    /**
     * Ends the attempt once; a failure closes the socket and leaves nothing listening.
     * @param {IpcRenderer | null} renderer
     * @param {unknown} [error]
     */
    const finish = (renderer, error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      if (renderer) {
        resolve(renderer);
        return;
      }
      socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
      closeSocket(socket, CLOSE_NORMAL, "");
      reject(error);
    };
    const onAbort = () => finish(null, abortReason(/** @type {AbortSignal} */ (signal)));
    signal?.addEventListener("abort", onAbort, { once: true });

    socket.onopen = () => {
      try {
        socket.send(encodeHello(token));
      } catch (e) {
        finish(null, new Error(`IpcGen: could not send the handshake to ${url}: ${errorMessage(e)}`, { cause: e }));
      }
    };
    socket.onmessage = (event) => {
      try {
        const welcome = decodeWelcome(unwrapMessage(event.data, MAX_HANDSHAKE_FRAME));
        if (!welcome.accepted) {
          finish(null, new IpcConnectionRefusedError(welcome.reason));
          return;
        }
        socket.onopen = null;
        // The renderer replaces the socket's handlers before this event ends, so no later message is missed.
        finish(new IpcRenderer(socket, welcome, maxMessageSize));
      } catch (e) {
        finish(null, new Error(`IpcGen: the main process at ${url} answered the handshake with a malformed frame: ${errorMessage(e)}`, { cause: e }));
      }
    };
    socket.onerror = () => {
      // Browsers say nothing more about a failed WebSocket, on purpose; the close event may add a code.
      finish(null, new Error(`IpcGen: could not connect to the main process at ${url}.`));
    };
    socket.onclose = (event) => {
      finish(null, new Error(`IpcGen: the main process at ${url} closed the connection during the handshake${event?.code ? ` (code ${event.code}${event.reason ? `: ${event.reason}` : ""})` : ""}.`));
    };
  });
}

/**
 * The WebSocket address: the one given (relative ones resolve against the page, http(s) becomes ws(s)), or this
 * page's host at /ipcgen. The token never goes into it.
 * @param {string | undefined} url
 * @returns {string}
 */
function resolveUrl(url) {
  const location = /** @type {any} */ (globalThis).location;
  if (url === undefined) {
    if (!location?.host) {
      throw new Error("IpcGen: this page has no location to derive the WebSocket address from; pass options.url.");
    }
    return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/ipcgen`;
  }
  const resolved = new URL(url, location?.href);
  if (resolved.protocol === "http:") resolved.protocol = "ws:";
  if (resolved.protocol === "https:") resolved.protocol = "wss:";
  return resolved.href;
}

/**
 * Finds the token: in the address's fragment (`#ipcgen-token=…`), which is then moved to sessionStorage and
 * taken out of the address bar (so it is neither bookmarked, shared nor kept in history); or in sessionStorage,
 * where an earlier load of this tab put it. A fragment never reaches a server, unlike a query string.
 * @returns {string | null}
 */
function takeToken() {
  const g = /** @type {any} */ (globalThis);
  const location = g.location;
  const hash = typeof location?.hash === "string" ? location.hash : "";
  if (hash.length > 1) {
    const params = new URLSearchParams(hash.slice(1));
    const token = params.get(TOKEN_KEY);
    if (token) {
      storeToken(token);
      params.delete(TOKEN_KEY);
      stripFragment(params.toString());
      return token;
    }
  }
  try {
    return g.sessionStorage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    return null; // storage blocked (privacy settings, sandboxed frame)
  }
}

/** @param {string} token */
function storeToken(token) {
  try {
    /** @type {any} */ (globalThis).sessionStorage?.setItem(TOKEN_KEY, token);
  } catch {
    // Storage blocked: this load still connects; a reload will need the fragment again.
  }
}

/**
 * Replaces the address with one whose fragment has no token, keeping the rest of the fragment.
 * @param {string} rest the fragment's other parameters
 */
function stripFragment(rest) {
  const g = /** @type {any} */ (globalThis);
  try {
    const address = new URL(g.location.href);
    address.hash = rest;
    g.history?.replaceState(g.history.state, "", address.href);
  } catch {
    // No history API here (not a browser page): nothing shows the address anyway.
  }
}
