import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { connect, IpcConnectionRefusedError, IpcError } from "../ipc-renderer.js";
import { FakeMain, Bytes, refusal } from "../testing/fake-main.js";

const url = "ws://127.0.0.1:5000/ipcgen";

afterEach(() => {
  delete globalThis.location;
  delete globalThis.sessionStorage;
  delete globalThis.history;
});

test("the Hello carries magic, version 1, pid 0, launch 0, the token and binary arguments (no trace context), in one binary message", async () => {
  const main = new FakeMain();
  const ipc = await connect({ url, token: "s3cret-tökén", WebSocket: main.WebSocket });
  assert.deepEqual(main.hello, { magic: "IPCG", version: 1, processId: 0, launchId: 0n, token: "s3cret-tökén", features: 2, trailing: 0 });
  assert.equal(main.binaryTypeAtHello, "arraybuffer");
  assert.deepEqual(main.urls, [url]);
  ipc.close();
});

test("the Hello's exact bytes", async () => {
  let sent;
  const main = new FakeMain();
  const Base = main.WebSocket;
  main.WebSocket = class extends Base {
    send(data) {
      sent ??= new Uint8Array(data.slice(0));
      super.send(data);
    }
  };
  const ipc = await connect({ url, token: "ab", WebSocket: main.WebSocket });
  // prefix 4+2+4+8+4+2+4 = 28 bytes
  assert.deepEqual(
    [...sent],
    [28, 0, 0, 0, 0x49, 0x50, 0x43, 0x47, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0x61, 0x62, 2, 0, 0, 0],
  );
  ipc.close();
});

test("an accepted Welcome gives the renderer id and main's process id", async () => {
  const main = new FakeMain({ rendererId: 42, mainProcessId: 999 });
  const ipc = await connect({ url, token: "t", WebSocket: main.WebSocket });
  assert.equal(ipc.id, 42);
  assert.equal(ipc.mainProcessId, 999);
  assert.equal(ipc.isConnected, true);
  ipc.close();
  assert.equal(ipc.isConnected, false);
});

test("a Welcome without the features field (an older main) is accepted", async () => {
  const frame = new Bytes().raw([0x49, 0x50, 0x43, 0x47]).u16(1).u8(1).i32(3).i32(10);
  const main = new FakeMain({ welcomeFrame: frame });
  const ipc = await connect({ url, token: "t", WebSocket: main.WebSocket });
  assert.equal(ipc.id, 3);
  ipc.close();
});

test("a refusal rejects with main's reason", async () => {
  const main = new FakeMain({ accept: false, reason: "The client presented a wrong token." });
  await assert.rejects(connect({ url, token: "bad", WebSocket: main.WebSocket }), (e) => {
    assert.ok(e instanceof IpcConnectionRefusedError);
    assert.ok(e instanceof IpcError);
    assert.equal(e.reason, "The client presented a wrong token.");
    assert.match(e.message, /The client presented a wrong token\./);
    return true;
  });
  assert.equal(main.socket.readyState, 3);
});

test("another protocol version is a refusal that says so", async () => {
  const main = new FakeMain({ welcomeFrame: new Bytes().raw([0x49, 0x50, 0x43, 0x47]).u16(2).u8(1).i32(1).i32(1).i32(0) });
  await assert.rejects(connect({ url, token: "t", WebSocket: main.WebSocket }), /protocol version 2/);
});

test("a malformed Welcome rejects with a clear error", async () => {
  const main = new FakeMain({ welcomeFrame: new Bytes().raw([1, 2, 3, 4, 5, 6, 7]) });
  await assert.rejects(connect({ url, token: "t", WebSocket: main.WebSocket }), /malformed frame.*magic/);
  const cut = new FakeMain({ welcomeFrame: new Bytes().raw([0x49, 0x50, 0x43, 0x47]).u16(1).u8(0).i32(50) });
  await assert.rejects(connect({ url, token: "t", WebSocket: cut.WebSocket }), /malformed frame/);
  const text = new FakeMain({ welcomeFrame: null });
  const pending = connect({ url, token: "t", WebSocket: text.WebSocket });
  await text.settle();
  text.deliver("hello");
  await assert.rejects(pending, /text WebSocket message/);
});

test("no token: rejects before opening a socket", async () => {
  const main = new FakeMain();
  await assert.rejects(connect({ url, WebSocket: main.WebSocket }), /no token.*#ipcgen-token=/);
  assert.equal(main.urls.length, 0);
});

test("a socket that fails to open rejects", async () => {
  const main = new FakeMain({ open: "error" });
  await assert.rejects(connect({ url, token: "t", WebSocket: main.WebSocket }), /could not connect to the main process at ws:\/\/127\.0\.0\.1:5000\/ipcgen/);
});

test("a socket closed during the handshake rejects with the code", async () => {
  const main = new FakeMain({ open: "close" });
  await assert.rejects(connect({ url, token: "t", WebSocket: main.WebSocket }), /closed the connection during the handshake \(code 1008: policy\)/);
});

test("the signal aborts a connection attempt and closes the socket", async () => {
  const main = new FakeMain({ welcomeFrame: null });
  const controller = new AbortController();
  const pending = connect({ url, token: "t", WebSocket: main.WebSocket, signal: controller.signal });
  await main.settle();
  controller.abort(new Error("gave up"));
  await assert.rejects(pending, /gave up/);
  assert.equal(main.socket.readyState, 3);

  const already = AbortSignal.abort();
  await assert.rejects(connect({ url, token: "t", WebSocket: main.WebSocket, signal: already }), { name: "AbortError" });
});

test("without a WebSocket class it says so", async () => {
  const saved = globalThis.WebSocket;
  globalThis.WebSocket = undefined;
  try {
    await assert.rejects(connect({ url, token: "t" }), /no WebSocket class/);
  } finally {
    globalThis.WebSocket = saved;
  }
});

/** A minimal browser page: location, sessionStorage, history. */
function fakePage(href) {
  const store = new Map();
  const page = { replaced: [] };
  const setHref = (value) => {
    const u = new URL(value);
    globalThis.location = { href: u.href, protocol: u.protocol, host: u.host, hash: u.hash };
  };
  setHref(href);
  globalThis.sessionStorage = {
    getItem: (k) => (store.has(k) ? store.get(k) : null),
    setItem: (k, v) => store.set(k, String(v)),
  };
  globalThis.history = {
    state: { page: 1 },
    replaceState(state, _title, value) {
      page.replaced.push({ state, value });
      setHref(value);
    },
  };
  page.store = store;
  return page;
}

test("the token comes from the fragment, moves to sessionStorage and leaves the address bar; the URL never carries it", async () => {
  const page = fakePage("http://127.0.0.1:5123/app/index.html?x=1#ipcgen-token=abc123&view=main");
  const main = new FakeMain();
  const ipc = await connect({ WebSocket: main.WebSocket });
  assert.equal(main.hello.token, "abc123");
  assert.deepEqual(main.urls, ["ws://127.0.0.1:5123/ipcgen"]);
  assert.equal(page.store.get("ipcgen-token"), "abc123");
  assert.equal(page.replaced.length, 1);
  assert.equal(page.replaced[0].value, "http://127.0.0.1:5123/app/index.html?x=1#view=main");
  assert.deepEqual(page.replaced[0].state, { page: 1 });
  assert.ok(!main.urls[0].includes("abc123"));
  ipc.close();

  // A reload: no fragment any more, the token is in sessionStorage.
  globalThis.location = { ...globalThis.location, hash: "" };
  const again = new FakeMain();
  const ipc2 = await connect({ WebSocket: again.WebSocket });
  assert.equal(again.hello.token, "abc123");
  assert.equal(page.replaced.length, 1);
  ipc2.close();
});

test("an https page connects with wss; a relative or http url resolves to ws(s)", async () => {
  fakePage("https://example.test:8443/#ipcgen-token=zz");
  const main = new FakeMain();
  (await connect({ WebSocket: main.WebSocket })).close();
  assert.deepEqual(main.urls, ["wss://example.test:8443/ipcgen"]);
  assert.equal(globalThis.location.hash, "");

  const relative = new FakeMain();
  (await connect({ url: "/other", WebSocket: relative.WebSocket })).close();
  assert.deepEqual(relative.urls, ["wss://example.test:8443/other"]);

  const http = new FakeMain();
  (await connect({ url: "http://127.0.0.1:1/ipcgen", WebSocket: http.WebSocket })).close();
  assert.deepEqual(http.urls, ["ws://127.0.0.1:1/ipcgen"]);
});

test("an explicit token wins over the fragment, which is then left alone", async () => {
  const page = fakePage("http://h/#ipcgen-token=fromhash");
  const main = new FakeMain();
  (await connect({ token: "explicit", WebSocket: main.WebSocket })).close();
  assert.equal(main.hello.token, "explicit");
  assert.equal(page.replaced.length, 0);
});

test("refusal frames are parsed by the fake the same way (sanity of the fake)", () => {
  const bytes = refusal("why").bytes();
  assert.equal(bytes.length, 4 + 2 + 1 + 4 + 3);
});
