import { test } from "node:test";
import assert from "node:assert/strict";
import { connect, IpcDisconnectedError } from "../ipc-renderer.js";
import { FakeMain, Bytes, Kind, Status, header } from "../testing/fake-main.js";

async function connected(options = {}) {
  const main = new FakeMain();
  const ipc = await connect({ url: "ws://127.0.0.1:1/ipcgen", token: "t", WebSocket: main.WebSocket, ...options });
  return { main, ipc };
}

test("main going away rejects pending invokes at once; later calls fail with IpcDisconnectedError", async () => {
  const { main, ipc } = await connected();
  const a = ipc.invoke("a");
  const b = ipc.invokeWith({ signal: new AbortController().signal }, "b");
  await main.waitFrames(2);
  main.drop(1006);
  const reason = await ipc.closed;
  assert.ok(reason instanceof IpcDisconnectedError);
  assert.match(reason.message, /closed \(code 1006\)/);
  await assert.rejects(a, (e) => e instanceof IpcDisconnectedError && e.channel === "a" && /before 'a' was answered/.test(e.message) && e.cause === reason);
  await assert.rejects(b, IpcDisconnectedError);
  assert.equal(ipc.isConnected, false);
  assert.throws(() => ipc.send("x"), IpcDisconnectedError);
  await assert.rejects(ipc.invoke("x"), IpcDisconnectedError);
  // Registering listeners and handlers still works (nothing will arrive); a bad channel is still a TypeError.
  ipc.on("x", () => {});
  assert.throws(() => ipc.send(""), TypeError);
});

test("close() rejects pending invokes at once, closes the socket with 1000 and resolves closed", async () => {
  const { main, ipc } = await connected();
  const pending = ipc.invoke("a");
  await main.waitFrames(1);
  ipc.close();
  await assert.rejects(pending, IpcDisconnectedError);
  assert.deepEqual(main.closedWith, { code: 1000, reason: "" });
  assert.match((await ipc.closed).message, /This renderer closed its connection/);
  ipc.close(); // twice is fine
  main.replyValue(1n, "a", "after close");
  await main.settle();
});

test("a write on a socket that is no longer open fails the call and ends the connection", async () => {
  const { main, ipc } = await connected();
  const pending = ipc.invoke("first");
  await main.waitFrames(1);
  main.socket.readyState = 2; // closing, before the close event
  await assert.rejects(ipc.invoke("x"), IpcDisconnectedError);
  await assert.rejects(pending, IpcDisconnectedError);
  assert.equal(ipc.isConnected, false);
  assert.throws(() => ipc.send("x"), IpcDisconnectedError);
  await main.settle(); // no unhandled rejection from the refused invoke
});

/** Each garbage message main might send, and what the error should say. */
const garbage = [
  ["a text message", () => "not binary", /text WebSocket message/],
  ["a message shorter than a prefix", () => new Uint8Array([1, 2]).buffer, /too short for a frame's length prefix/],
  ["a prefix that does not match the message", () => new Uint8Array([9, 0, 0, 0, 1, 2]).buffer, /exactly one frame/],
  ["two frames in one message", () => concat(header(Kind.MainSend, 0, "a").args([]).message(), header(Kind.MainSend, 0, "a").args([]).message()), /exactly one frame/],
  ["a negative length", () => new Uint8Array([0xff, 0xff, 0xff, 0xff]).buffer, /announced a frame of -1 bytes/],
  ["a header cut short", () => new Bytes().u8(Kind.MainSend).i32(0).message(), /too short for a header/],
  ["an unknown kind", () => header(9, 0, "a").args([]).message(), /kind 9/],
  ["a SendSync from main", () => header(Kind.SendSync, 1, "a").args([]).message(), /kind 2/],
  ["a Send from main", () => header(Kind.Send, 1, "a").args([]).message(), /kind 1/],
  ["the trace bit, never agreed", () => header(0x80 | Kind.MainSend, 0, "a").str("00-x").str("").args([]).message(), /kind 134/],
  ["a channel length past the frame", () => new Bytes().u8(Kind.MainSend).i64(0).i32(100).raw([0x61]).message(), /announces 100 bytes/],
  ["a channel that is not UTF-8", () => new Bytes().u8(Kind.MainSend).i64(0).i32(2).raw([0xc3, 0x28]).args([]).message(), /not valid UTF-8/],
  ["a channel name too long", () => header(Kind.MainSend, 0, "x".repeat(1025)).args([]).message(), /longer than the maximum of 1024/],
  ["arguments that are not JSON", () => header(Kind.MainSend, 0, "m").args(["{nope"]).message(), /Argument 0 on 'm' is not valid JSON/],
  ["an argument count past the frame", () => header(Kind.MainSend, 0, "m").i32(1000).message(), /announces 1000 arguments/],
  ["an argument length past the frame", () => header(Kind.MainSend, 0, "m").i32(1).i32(50).raw([0x31]).message(), /announces 50 bytes/],
  ["bytes after the arguments", () => header(Kind.MainSend, 0, "m").args(["1"]).raw([0]).message(), /1 bytes trail/],
  ["an invoke with bad JSON", () => header(Kind.Invoke, 5, "h").args(["nope"]).message(), /not valid JSON/],
  ["a reply with an unknown status", () => header(Kind.Reply, 1, "p").u8(9).message(), /Unknown reply status 9/],
  ["a reply whose value is not JSON", () => header(Kind.Reply, 1, "p").u8(Status.Value).args(["{"]).message(), /not valid JSON/],
  ["a reply cut short", () => header(Kind.Reply, 1, "p").u8(Status.RemoteError).str("T").message(), /cut off/],
];

function concat(a, b) {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(new Uint8Array(a), 0);
  out.set(new Uint8Array(b), a.byteLength);
  return out.buffer;
}

for (const [what, make, expected] of garbage) {
  test(`garbage from main closes the connection cleanly: ${what}`, async () => {
    const { main, ipc } = await connected();
    const reported = [];
    ipc.onerror = (error) => reported.push(error);
    let delivered = 0;
    ipc.on("m", () => delivered++);
    ipc.handle("h", () => "x");
    const pending = ipc.invoke("p");
    await main.waitFrames(1);
    main.deliver(make());
    const reason = await ipc.closed;
    assert.ok(reason instanceof IpcDisconnectedError);
    assert.match(reason.message, /malformed frame/);
    assert.match(reason.message, expected);
    assert.equal(reason.cause?.name, "ProtocolError");
    await assert.rejects(pending, (e) => e instanceof IpcDisconnectedError && e.cause === reason);
    assert.deepEqual(reported, [reason]);
    assert.deepEqual(main.closedWith, { code: 4002, reason: "IpcGen: malformed frame" });
    assert.equal(delivered, 0);
    // Nothing was answered to the malformed frame, and nothing more is read.
    main.mainSend("m", 1);
    await main.settle();
    assert.equal(delivered, 0);
    assert.equal(main.frames.length, 1);
  });
}

test("a frame above maxMessageSize from main closes the connection before it is read", async () => {
  const { main, ipc } = await connected({ maxMessageSize: 100 });
  ipc.onerror = () => {};
  main.mainSend("m", "x".repeat(200));
  const reason = await ipc.closed;
  assert.match(reason.message, /above the maximum of 100 bytes/);
});

test("a listener that closes the connection stops the delivery of later messages", async () => {
  const { main, ipc } = await connected();
  let n = 0;
  ipc.on("m", () => {
    n++;
    ipc.close();
  });
  main.mainSend("m");
  main.mainSend("m");
  await main.settle();
  assert.equal(n, 1);
});
