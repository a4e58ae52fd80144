import { test } from "node:test";
import assert from "node:assert/strict";
import { connect, IpcDisconnectedError } from "../ipc-renderer.js";
import { FakeMain, Kind, Status, header } from "../testing/fake-main.js";

async function connected() {
  const main = new FakeMain();
  const ipc = await connect({ url: "ws://127.0.0.1:1/ipcgen", token: "t", WebSocket: main.WebSocket });
  return { main, ipc };
}

test("handle answers main's Invoke with the value, echoing main's id and channel", async () => {
  const { main, ipc } = await connected();
  let seen;
  ipc.handle("add", (event, a, b) => {
    seen = event;
    return a + b;
  });
  ipc.handle("later", async (_event, x) => {
    await new Promise((r) => setTimeout(r, 5));
    return { doubled: x * 2 };
  });
  ipc.handle("nothing", () => undefined);
  main.invoke(10n, "add", 2, 3);
  main.invoke(11n, "later", 21);
  main.invoke(12n, "nothing");
  const frames = await main.waitFrames(3);
  const byId = new Map(frames.map((f) => [f.id, f]));
  assert.deepEqual(byId.get(10n), { kind: Kind.Reply, id: 10n, channel: "add", bodyLength: byId.get(10n).bodyLength, status: Status.Value, args: [5] });
  assert.deepEqual(byId.get(11n).args, [{ doubled: 42 }]);
  assert.deepEqual(byId.get(12n).args, [null]);
  assert.equal(seen.sender, ipc);
  assert.equal(seen.senderId, 0);
  assert.equal(seen.channel, "add");
  assert.equal(seen.signal.aborted, false);
  ipc.close();
});

test("main's ids may be any int64: the reply carries the same one", async () => {
  const { main, ipc } = await connected();
  ipc.handle("id", () => "ok");
  const ids = [9223372036854775807n, -9223372036854775808n, -1n, 2n ** 53n + 1n];
  for (const id of ids) main.invoke(id, "id");
  const frames = await main.waitFrames(ids.length);
  assert.deepEqual(frames.map((f) => f.id), ids);
  ipc.close();
});

test("a NestedInvoke is answered like an Invoke", async () => {
  const { main, ipc } = await connected();
  ipc.handle("nested", () => "n");
  main.sendFrame(header(Kind.NestedInvoke, 5n, "nested").args([]));
  const [frame] = await main.waitFrames(1);
  assert.deepEqual([frame.id, frame.status, frame.args], [5n, Status.Value, ["n"]]);
  ipc.close();
});

test("a handler that throws or rejects answers RemoteError with the error's name and message", async () => {
  const { main, ipc } = await connected();
  ipc.handle("throws", () => {
    throw new Error("boom");
  });
  ipc.handle("rejects", async () => {
    throw new TypeError("not a number");
  });
  ipc.handle("string", () => Promise.reject("plain string"));
  ipc.handle("custom", () => {
    const e = new Error("mine");
    e.name = "ValidationError";
    throw e;
  });
  ipc.handle("unserializable", () => 10n);
  main.invoke(1n, "throws");
  main.invoke(2n, "rejects");
  main.invoke(3n, "string");
  main.invoke(4n, "custom");
  main.invoke(5n, "unserializable");
  const frames = await main.waitFrames(5);
  const byId = new Map(frames.map((f) => [f.id, f]));
  assert.deepEqual([byId.get(1n).status, byId.get(1n).strings], [Status.RemoteError, ["Error", "boom"]]);
  assert.deepEqual(byId.get(2n).strings, ["TypeError", "not a number"]);
  assert.deepEqual(byId.get(3n).strings, ["Error", "plain string"]);
  assert.deepEqual(byId.get(4n).strings, ["ValidationError", "mine"]);
  assert.equal(byId.get(5n).strings[0], "TypeError");
  assert.match(byId.get(5n).strings[1], /The return value of 'unserializable' cannot be serialized/);
  ipc.close();
});

test("no handler answers NoHandler with main's wording; the heartbeat is answered with null", async () => {
  const { main, ipc } = await connected();
  main.invoke(1n, "missing", 1);
  main.invoke(2n, "ipcgen:heartbeat");
  main.invoke(3n, "ipcgen:other");
  const frames = await main.waitFrames(3);
  assert.deepEqual([frames[0].status, frames[0].strings], [Status.NoHandler, ["No handler registered for 'missing'."]]);
  assert.deepEqual([frames[1].id, frames[1].status, frames[1].args], [2n, Status.Value, [null]]);
  assert.equal(frames[2].status, Status.NoHandler);
  ipc.close();
});

test("handleOnce answers once; removeHandler removes; a second handle throws", async () => {
  const { main, ipc } = await connected();
  ipc.handleOnce("one", () => "first");
  assert.throws(() => ipc.handle("one", () => "second"), /second handler for 'one'/);
  main.invoke(1n, "one");
  main.invoke(2n, "one");
  ipc.handle("gone", () => 1);
  ipc.removeHandler("gone");
  main.invoke(3n, "gone");
  const frames = await main.waitFrames(3);
  assert.deepEqual(frames.map((f) => f.status), [Status.Value, Status.NoHandler, Status.NoHandler]);
  ipc.handle("one", () => "again"); // free again after handleOnce ran
  main.invoke(4n, "one");
  const after = await main.waitFrames(4);
  assert.deepEqual(after[3].args, ["again"]);
  ipc.close();
});

test("main's Cancel aborts the handler's signal, and the handler's rejection answers Cancelled", async () => {
  const { main, ipc } = await connected();
  let signal;
  ipc.handle("slow", (event) => {
    signal = event.signal;
    return new Promise((_resolve, reject) => {
      event.signal.addEventListener("abort", () => reject(event.signal.reason));
    });
  });
  main.invoke(77n, "slow");
  await main.settle();
  assert.equal(signal.aborted, false);
  main.sendFrame(header(Kind.Cancel, 77n, "slow"));
  const [frame] = await main.waitFrames(1);
  assert.equal(signal.aborted, true);
  assert.equal(signal.reason.name, "AbortError");
  assert.deepEqual([frame.id, frame.status, frame.strings], [77n, Status.Cancelled, ["The handler for 'slow' was cancelled."]]);
  // A Cancel for an id that is not running is ignored.
  main.sendFrame(header(Kind.Cancel, 78n, "slow"));
  await main.settle();
  assert.equal(ipc.isConnected, true);
  ipc.close();
});

test("the connection's end aborts running handlers' signals and nothing is answered", async () => {
  const { main, ipc } = await connected();
  let signal;
  ipc.handle("slow", (event) => {
    signal = event.signal;
    return new Promise(() => {});
  });
  main.invoke(1n, "slow");
  await main.settle();
  main.drop();
  await ipc.closed;
  assert.equal(signal.aborted, true);
  assert.ok(signal.reason instanceof IpcDisconnectedError);
});
