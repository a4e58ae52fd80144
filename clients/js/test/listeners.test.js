import { test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "../ipc-renderer.js";
import { FakeMain } from "../testing/fake-main.js";

async function connected() {
  const main = new FakeMain();
  const ipc = await connect({ url: "ws://127.0.0.1:1/ipcgen", token: "t", WebSocket: main.WebSocket });
  return { main, ipc };
}

test("on receives main's messages as (event, ...args) with Electron's event shape", async () => {
  const { main, ipc } = await connected();
  const calls = [];
  assert.equal(ipc.on("news", (event, ...args) => calls.push({ event, args })), ipc);
  main.mainSend("news", "a", 1, { b: null });
  main.mainSend("news");
  main.mainSend("nobody-listens", 1);
  await main.settle();
  assert.equal(calls.length, 2);
  assert.deepEqual(calls[0].args, ["a", 1, { b: null }]);
  assert.deepEqual(calls[1].args, []);
  assert.equal(calls[0].event.sender, ipc);
  assert.equal(calls[0].event.senderId, 0);
  assert.equal(calls[0].event.channel, "news");
  ipc.close();
});

test("registering right after await connect() catches a message main sent at once", async () => {
  const main = new FakeMain();
  const Base = main.WebSocket;
  // Main sends straight after its Welcome, as the .NET side may.
  main.WebSocket = class extends Base {
    send(data) {
      const first = !main.hello;
      super.send(data);
      if (first) main.mainSend("early", "hello");
    }
  };
  const ipc = await connect({ url: "ws://h/ipcgen", token: "t", WebSocket: main.WebSocket });
  const got = new Promise((resolve) => ipc.on("early", (_e, v) => resolve(v)));
  assert.equal(await got, "hello");
  ipc.close();
});

test("once fires once; removeListener and off remove, also a once-listener before it fires", async () => {
  const { main, ipc } = await connected();
  const seen = [];
  const a = (_e, v) => seen.push(`a${v}`);
  const b = (_e, v) => seen.push(`b${v}`);
  const c = (_e, v) => seen.push(`c${v}`);
  const d = (_e, v) => seen.push(`d${v}`);
  ipc.once("ch", a).on("ch", b).once("ch", c).on("ch", d);
  assert.equal(ipc.listenerCount("ch"), 4);
  ipc.removeListener("ch", c);
  main.mainSend("ch", 1);
  await main.settle();
  assert.equal(ipc.off("ch", d), ipc);
  main.mainSend("ch", 2);
  await main.settle();
  assert.deepEqual(seen, ["a1", "b1", "d1", "b2"]);
  assert.equal(ipc.listenerCount("ch"), 1);
  ipc.close();
});

test("removeListener removes one registration; removeAllListeners one channel or all", async () => {
  const { main, ipc } = await connected();
  let n = 0;
  const f = () => n++;
  ipc.on("x", f).on("x", f).on("y", f).on("z", f);
  ipc.removeListener("x", f);
  main.mainSend("x");
  await main.settle();
  assert.equal(n, 1);
  assert.equal(ipc.removeAllListeners("x"), ipc);
  main.mainSend("x");
  main.mainSend("y");
  await main.settle();
  assert.equal(n, 2);
  assert.equal(ipc.removeAllListeners(), ipc);
  main.mainSend("y");
  main.mainSend("z");
  await main.settle();
  assert.equal(n, 2);
  ipc.close();
});

test("a listener added or removed while a message is delivered takes effect from the next message", async () => {
  const { main, ipc } = await connected();
  const seen = [];
  const late = () => seen.push("late");
  const second = () => seen.push("second");
  ipc.on("m", () => {
    seen.push("first");
    ipc.on("m", late);
    ipc.removeListener("m", second);
  });
  ipc.on("m", second);
  main.mainSend("m");
  await main.settle();
  assert.deepEqual(seen, ["first"]);
  ipc.close();
});

test("a listener that throws does not stop the others; the error goes to onerror", async () => {
  const { main, ipc } = await connected();
  const reported = [];
  ipc.onerror = (error, channel) => reported.push([error.message, channel]);
  const seen = [];
  ipc.on("m", () => {
    throw new Error("listener bug");
  });
  ipc.on("m", (_e, v) => seen.push(v));
  main.mainSend("m", 1);
  main.mainSend("m", 2);
  await main.settle();
  assert.deepEqual(seen, [1, 2]);
  assert.deepEqual(reported, [["listener bug", "m"], ["listener bug", "m"]]);
  assert.equal(ipc.isConnected, true);
  ipc.close();
});

test("without onerror a listener's error goes to console.error", async (t) => {
  const { main, ipc } = await connected();
  const logged = t.mock.method(console, "error", () => {});
  ipc.on("m", () => {
    throw new Error("to the console");
  });
  main.mainSend("m");
  await main.settle();
  assert.equal(logged.mock.callCount(), 1);
  assert.match(String(logged.mock.calls[0].arguments[0]), /listener on 'm' threw/);
  assert.equal(logged.mock.calls[0].arguments[1].message, "to the console");
  ipc.close();
});
