import { test } from "node:test";
import assert from "node:assert/strict";
import {
  connect,
  IpcError,
  IpcRemoteError,
  IpcNoHandlerError,
  IpcNoReplyError,
  IpcMessageTooLargeError,
} from "../ipc-renderer.js";
import { FakeMain, Kind, Status, header } from "../testing/fake-main.js";

async function connected(options = {}) {
  const main = new FakeMain();
  const ipc = await connect({ url: "ws://127.0.0.1:1/ipcgen", token: "t", WebSocket: main.WebSocket, ...options });
  return { main, ipc };
}

test("send writes a Send frame: kind 1, id 0, the channel, each argument as JSON, undefined as null", async () => {
  const { main, ipc } = await connected();
  ipc.send("greet", "hi", 2, { a: [1, true, null] }, undefined);
  ipc.send("empty");
  const [frame, empty] = await main.waitFrames(2);
  assert.equal(frame.kind, Kind.Send);
  assert.equal(frame.id, 0n);
  assert.equal(frame.channel, "greet");
  assert.deepEqual(frame.args, ["hi", 2, { a: [1, true, null] }, null]);
  assert.deepEqual(empty.args, []);
  ipc.close();
});

test("bad channels and listeners throw TypeError; invoke rejects with it", async () => {
  const { main, ipc } = await connected();
  for (const bad of ["", "   ", 42, null, undefined, "ipcgen:heartbeat", "a\nb", "x".repeat(1025)]) {
    assert.throws(() => ipc.send(/** @type {any} */ (bad)), TypeError, String(bad));
    assert.throws(() => ipc.on(/** @type {any} */ (bad), () => {}), TypeError);
    await assert.rejects(ipc.invoke(/** @type {any} */ (bad)), TypeError);
  }
  assert.throws(() => ipc.on("ok", /** @type {any} */ ("not a function")), TypeError);
  assert.throws(() => ipc.handle("ok", /** @type {any} */ (null)), TypeError);
  ipc.send("x".repeat(1024)); // the longest name is fine
  await main.waitFrames(1);
  ipc.close();
});

test("an argument JSON cannot serialise throws TypeError and sends nothing", async () => {
  const { main, ipc } = await connected();
  const circular = {};
  circular.self = circular;
  assert.throws(() => ipc.send("x", 1, 2n), /Argument 1 of 'x' cannot be serialized/);
  assert.throws(() => ipc.send("x", circular), TypeError);
  await assert.rejects(ipc.invoke("x", circular), TypeError);
  ipc.send("after");
  const frames = await main.waitFrames(1);
  await main.settle();
  assert.deepEqual(frames.map((f) => f.channel), ["after"]);
  ipc.close();
});

test("invoke numbers its calls 1, 2, 3 and resolves with main's value", async () => {
  const { main, ipc } = await connected();
  const a = ipc.invoke("add", 1, 2);
  const b = ipc.invoke("obj");
  const c = ipc.invoke("none");
  const frames = await main.waitFrames(3);
  assert.deepEqual(frames.map((f) => [f.kind, f.id, f.channel]), [
    [Kind.Invoke, 1n, "add"],
    [Kind.Invoke, 2n, "obj"],
    [Kind.Invoke, 3n, "none"],
  ]);
  assert.deepEqual(frames[0].args, [1, 2]);
  // Out of order, and one with an empty argument section (no value).
  main.replyValue(2n, "obj", { name: "x", list: [1, 2] });
  main.replyValue(1n, "add", 3);
  main.sendFrame(header(Kind.Reply, 3n, "none").u8(Status.Value).args([]));
  assert.equal(await a, 3);
  assert.deepEqual(await b, { name: "x", list: [1, 2] });
  assert.equal(await c, undefined);
  ipc.close();
});

test("each reply status rejects with its error", async () => {
  const { main, ipc } = await connected();
  const remote = ipc.invoke("boom");
  const typeError = ipc.invoke("types");
  const noHandler = ipc.invoke("nobody");
  const noReply = ipc.invoke("quiet");
  const cancelled = ipc.invoke("cancelled");
  const refused = ipc.invoke("refused");
  const emptyChannel = ipc.invoke("long-channel");
  await main.waitFrames(7);
  main.sendFrame(header(Kind.Reply, 1n, "boom").u8(Status.RemoteError).str("System.InvalidOperationException").str("boom"));
  main.sendFrame(header(Kind.Reply, 2n, "types").u8(Status.RemoteError).str("System.ArgumentException").str("bad \u2603"));
  main.sendFrame(header(Kind.Reply, 3n, "nobody").u8(Status.NoHandler).str("No handler registered for 'nobody'."));
  main.sendFrame(header(Kind.Reply, 4n, "quiet").u8(Status.NoReply).str("Nobody answered 'quiet'."));
  main.sendFrame(header(Kind.Reply, 5n, "cancelled").u8(Status.Cancelled).str("The handler for 'cancelled' was cancelled."));
  main.sendFrame(header(Kind.Reply, 6n, "refused").u8(Status.Refused).str("It would deadlock."));
  // A reply too large for its channel comes with an empty one: the call's channel is used.
  main.sendFrame(header(Kind.Reply, 7n, "").u8(Status.RemoteError).str("System.Exception").str("…"));

  await assert.rejects(remote, (e) => {
    assert.ok(e instanceof IpcRemoteError && e instanceof IpcError && e instanceof Error);
    assert.equal(e.name, "IpcRemoteError");
    assert.equal(e.remoteType, "System.InvalidOperationException");
    assert.equal(e.remoteMessage, "boom");
    assert.equal(e.channel, "boom");
    assert.equal(e.message, "The handler for 'boom' threw System.InvalidOperationException: boom");
    return true;
  });
  await assert.rejects(typeError, { name: "IpcRemoteError", remoteMessage: "bad \u2603" });
  await assert.rejects(noHandler, (e) => e instanceof IpcNoHandlerError && e.message === "No handler registered for 'nobody'." && e.channel === "nobody");
  await assert.rejects(noReply, (e) => e instanceof IpcNoReplyError && e.name === "IpcNoReplyError");
  await assert.rejects(cancelled, { name: "AbortError", message: "The handler for 'cancelled' was cancelled." });
  await assert.rejects(refused, (e) => e instanceof IpcError && e.message === "It would deadlock." && e.channel === "refused");
  await assert.rejects(emptyChannel, (e) => e instanceof IpcRemoteError && e.channel === "long-channel");
  assert.equal(ipc.isConnected, true);
  ipc.close();
});

test("aborting invokeWith sends a Cancel with the invoke's id and rejects with the signal's reason; the late reply is dropped", async () => {
  const { main, ipc } = await connected();
  const controller = new AbortController();
  const call = ipc.invokeWith({ signal: controller.signal }, "slow", 5);
  await main.waitFrames(1);
  controller.abort(new Error("user gave up"));
  await assert.rejects(call, /user gave up/);
  const frames = await main.waitFrames(2);
  assert.deepEqual(
    { kind: frames[1].kind, id: frames[1].id, channel: frames[1].channel, body: frames[1].bodyLength },
    { kind: Kind.Cancel, id: 1n, channel: "slow", body: 0 },
  );
  main.sendFrame(header(Kind.Reply, 1n, "slow").u8(Status.Cancelled).str("The handler for 'slow' was cancelled."));
  main.replyValue(1n, "slow", "too late");

  // Without a reason: an AbortError. The connection is still usable.
  const second = new AbortController();
  const call2 = ipc.invokeWith({ signal: second.signal }, "slow");
  await main.waitFrames(3);
  second.abort();
  await assert.rejects(call2, { name: "AbortError" });
  const ok = ipc.invoke("fast");
  await main.waitFrames(5);
  main.replyValue(3n, "fast", "yes");
  assert.equal(await ok, "yes");
  assert.equal(ipc.isConnected, true);
  ipc.close();
});

test("an already aborted signal rejects at once and sends nothing; a completed call ignores a later abort", async () => {
  const { main, ipc } = await connected();
  await assert.rejects(ipc.invokeWith({ signal: AbortSignal.abort(new Error("before")) }, "x"), /before/);
  const controller = new AbortController();
  const call = ipc.invokeWith({ signal: controller.signal }, "y");
  await main.waitFrames(1);
  main.replyValue(1n, "y", 1);
  assert.equal(await call, 1);
  controller.abort();
  await main.settle();
  assert.deepEqual(main.frames.map((f) => f.kind), [Kind.Invoke]);
  ipc.close();
});

test("1,000 interleaved sends and invokes leave in call order", async () => {
  const { main, ipc } = await connected();
  const calls = [];
  for (let i = 0; i < 1000; i++) {
    if (i % 3 === 0) calls.push(ipc.invoke("seq", i));
    else ipc.send("seq", i);
  }
  const frames = await main.waitFrames(1000);
  assert.deepEqual(frames.map((f) => f.args[0]), Array.from({ length: 1000 }, (_, i) => i));
  assert.deepEqual(
    frames.filter((f) => f.kind === Kind.Invoke).map((f) => f.id),
    Array.from({ length: calls.length }, (_, i) => BigInt(i + 1)),
  );
  for (const f of frames.filter((f) => f.kind === Kind.Invoke)) main.replyValue(f.id, "seq", f.args[0] * 2);
  const results = await Promise.all(calls);
  assert.deepEqual(results, Array.from({ length: calls.length }, (_, i) => i * 3 * 2));
  ipc.close();
});

test("a 3 MiB argument round-trips both ways", async () => {
  const { main, ipc } = await connected();
  const big = "ab\u00e9\u{1F600}".repeat((3 * 1024 * 1024) / 8);
  const received = new Promise((resolve) => ipc.once("big", (_e, value) => resolve(value)));
  const call = ipc.invoke("echo", big);
  const [frame] = await main.waitFrames(1);
  assert.equal(frame.args[0], big);
  main.replyValue(frame.id, "echo", frame.args[0]);
  main.mainSend("big", big);
  assert.equal(await call, big);
  assert.equal(await received, big);
  ipc.close();
});

test("a message above maxMessageSize is refused before anything is sent", async () => {
  const { main, ipc } = await connected({ maxMessageSize: 1024 });
  assert.throws(() => ipc.send("x", "y".repeat(2000)), IpcMessageTooLargeError);
  await assert.rejects(ipc.invoke("x", "y".repeat(2000)), (e) => e instanceof IpcMessageTooLargeError && e.channel === "x");
  ipc.send("small");
  const frames = await main.waitFrames(1);
  await main.settle();
  assert.deepEqual(frames.map((f) => f.channel), ["small"]);
  // The refused invoke left nothing pending: the next call gets the next id and its own reply.
  const next = ipc.invoke("n");
  await main.waitFrames(2);
  main.replyValue(main.frames[1].id, "n", 1);
  assert.equal(await next, 1);
  ipc.close();
});
