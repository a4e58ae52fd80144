// A fake IpcGen main process behind a fake WebSocket class, for the tests. It has its own encoder and decoder,
// written from docs/transports.md and the C# sources, so the client's bytes are checked against an independent
// reading of the format rather than against themselves.

export const Kind = { Send: 1, SendSync: 2, Invoke: 3, Cancel: 4, Reply: 5, MainSend: 6, NestedInvoke: 7 };
export const Status = { Value: 0, NoReply: 1, RemoteError: 2, NoHandler: 3, Cancelled: 4, Refused: 5 };

const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { fatal: true });

/** Little-endian writer over a growable byte array. */
export class Bytes {
  constructor() {
    this.parts = [];
  }
  raw(bytes) {
    this.parts.push(Uint8Array.from(bytes));
    return this;
  }
  u8(v) {
    return this.raw([v]);
  }
  u16(v) {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, v, true);
    return this.raw(b);
  }
  i32(v) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, v, true);
    return this.raw(b);
  }
  i64(v) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigInt64(0, BigInt(v), true);
    return this.raw(b);
  }
  str(s) {
    const b = enc.encode(s);
    return this.i32(b.length).raw(b);
  }
  /** An argument section from JSON texts. */
  args(jsonTexts) {
    this.i32(jsonTexts.length);
    for (const t of jsonTexts) this.str(t);
    return this;
  }
  bytes() {
    const total = this.parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
  /** With the int32 length prefix, as an ArrayBuffer: one WebSocket message. */
  message() {
    const frame = this.bytes();
    const out = new Uint8Array(4 + frame.length);
    new DataView(out.buffer).setInt32(0, frame.length, true);
    out.set(frame, 4);
    return out.buffer;
  }
}

export const header = (kind, id, channel) => new Bytes().u8(kind).i64(id).str(channel);
export const welcome = (rendererId = 7, mainProcessId = 4321, features = 0) =>
  new Bytes().raw([0x49, 0x50, 0x43, 0x47]).u16(1).u8(1).i32(rendererId).i32(mainProcessId).i32(features);
export const refusal = (reason) => new Bytes().raw([0x49, 0x50, 0x43, 0x47]).u16(1).u8(0).str(reason);

/** Reads one message the client sent: checks the prefix and that the message holds exactly one frame. */
export function unprefix(data) {
  if (!(data instanceof ArrayBuffer)) throw new Error(`the client sent a ${typeof data}, not an ArrayBuffer`);
  const view = new DataView(data);
  const length = view.getInt32(0, true);
  if (length !== data.byteLength - 4) throw new Error(`prefix says ${length}, message holds ${data.byteLength - 4}`);
  return new Uint8Array(data, 4);
}

class Reader {
  constructor(bytes) {
    this.b = bytes;
    this.v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.o = 0;
  }
  u8() {
    return this.v.getUint8(this.o++);
  }
  u16() {
    const x = this.v.getUint16(this.o, true);
    this.o += 2;
    return x;
  }
  i32() {
    const x = this.v.getInt32(this.o, true);
    this.o += 4;
    return x;
  }
  i64() {
    const x = this.v.getBigInt64(this.o, true);
    this.o += 8;
    return x;
  }
  take(n) {
    if (n > this.b.length - this.o) throw new Error("cut off");
    const x = this.b.subarray(this.o, this.o + n);
    this.o += n;
    return x;
  }
  str() {
    return dec.decode(this.take(this.i32()));
  }
  get rest() {
    return this.b.length - this.o;
  }
}

export function decodeHello(frame) {
  const r = new Reader(frame);
  const magic = String.fromCharCode(...r.take(4));
  return { magic, version: r.u16(), processId: r.i32(), launchId: r.i64(), token: r.str(), features: r.i32(), trailing: r.rest };
}

/** Decodes a client's message frame; `args` for sections, `reply` for replies. */
export function decodeFrame(frame) {
  const r = new Reader(frame);
  const kind = r.u8();
  const id = r.i64();
  const channel = r.str();
  const out = { kind, id, channel, bodyLength: r.rest };
  if (kind === Kind.Send || kind === Kind.Invoke) {
    out.args = readArgs(r);
  } else if (kind === Kind.Reply) {
    const status = r.u8();
    out.status = status;
    if (status === Status.Value) out.args = readArgs(r);
    else if (status === Status.RemoteError) out.strings = [r.str(), r.str()];
    else out.strings = [r.str()];
  }
  if (r.rest !== 0) throw new Error(`${r.rest} bytes trail the frame`);
  return out;
}

function readArgs(r) {
  const count = r.i32();
  const args = [];
  for (let i = 0; i < count; i++) {
    const written = r.i32();
    // Raw bytes (binary arguments) have their length written as ~length; anything else is JSON text.
    args.push(written < 0 ? Uint8Array.from(r.take(~written)) : JSON.parse(dec.decode(r.take(written))));
  }
  return args;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Plays main. `main.WebSocket` is the class to pass to connect(); each `new` makes `main.socket`.
 * Deliveries are asynchronous (setImmediate), as a browser's WebSocket events are tasks.
 */
export class FakeMain {
  constructor({ accept = true, reason = "The client presented a wrong token.", rendererId = 7, mainProcessId = 4321, welcomeFrame, open = "open" } = {}) {
    this.hello = null;
    this.frames = [];
    this.waiters = [];
    this.urls = [];
    this.closedWith = null;
    const main = this;
    this.WebSocket = class FakeWebSocket {
      constructor(url) {
        main.urls.push(url);
        main.socket = this;
        this.url = url;
        this.readyState = 0;
        this.binaryType = "blob";
        this.onopen = this.onmessage = this.onerror = this.onclose = null;
        setImmediate(() => {
          if (open === "open") {
            this.readyState = 1;
            this.onopen?.({});
          } else if (open === "error") {
            this.readyState = 3;
            this.onerror?.({});
            this.onclose?.({ code: 1006, reason: "" });
          } else if (open === "close") {
            this.readyState = 3;
            this.onclose?.({ code: 1008, reason: "policy" });
          }
        });
      }
      send(data) {
        if (this.readyState !== 1) throw new Error("InvalidStateError: not open");
        const frame = unprefix(data);
        if (!main.hello) {
          main.hello = decodeHello(frame);
          if (main.binaryTypeAtHello === undefined) main.binaryTypeAtHello = this.binaryType;
          if (welcomeFrame !== null) {
            main.deliver((welcomeFrame ?? (accept ? welcome(rendererId, mainProcessId) : refusal(reason))).message());
          }
          return;
        }
        const decoded = decodeFrame(frame);
        main.frames.push(decoded);
        const waiters = main.waiters;
        main.waiters = [];
        for (const w of waiters) w();
      }
      close(code, reason) {
        if (this.readyState === 3) return;
        main.closedWith = { code, reason };
        this.readyState = 3;
        setImmediate(() => this.onclose?.({ code: code ?? 1005, reason: reason ?? "" }));
      }
    };
  }

  /** Delivers one WebSocket message (anything: an ArrayBuffer, a string…) to the client, as a task. */
  deliver(data) {
    const socket = this.socket;
    setImmediate(() => {
      if (socket.readyState === 1) socket.onmessage?.({ data });
    });
  }

  /** Sends a frame built with Bytes. */
  sendFrame(bytes) {
    this.deliver(bytes.message());
  }

  mainSend(channel, ...args) {
    this.sendFrame(header(Kind.MainSend, 0, channel).args(args.map((a) => JSON.stringify(a) ?? "null")));
  }

  invoke(id, channel, ...args) {
    this.sendFrame(header(Kind.Invoke, id, channel).args(args.map((a) => JSON.stringify(a) ?? "null")));
  }

  replyValue(id, channel, value) {
    this.sendFrame(header(Kind.Reply, id, channel).u8(Status.Value).args([JSON.stringify(value)]));
  }

  /** Main goes away: the socket closes from its side. */
  drop(code = 1006, reason = "") {
    const socket = this.socket;
    socket.readyState = 3;
    setImmediate(() => socket.onclose?.({ code, reason }));
  }

  /** Waits until main has received `count` frames after the Hello (or throws after a while). */
  async waitFrames(count, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length < count) {
      if (Date.now() > deadline) throw new Error(`main got ${this.frames.length} frames, expected ${count}`);
      await new Promise((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 20);
      });
    }
    return this.frames;
  }

  /** Lets every queued delivery and its consequences run. */
  async settle(rounds = 5) {
    for (let i = 0; i < rounds; i++) await tick();
  }
}
