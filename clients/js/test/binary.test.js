import { test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "../ipc-renderer.js";
import { FakeMain, Kind, Status, header, welcome, unprefix } from "../testing/fake-main.js";

/** A page connected to a fake main that agreed (features = 2) or not to binary arguments; frames recorded raw. */
async function connected(features) {
  const main = new FakeMain({ welcomeFrame: welcome(7, 4321, features) });
  const ipc = await connect({ url: "ws://127.0.0.1:1/ipcgen", token: "t", WebSocket: main.WebSocket });
  const raw = [];
  const send = main.socket.send.bind(main.socket);
  main.socket.send = (data) => {
    raw.push(new Uint8Array(unprefix(data)));
    send(data);
  };
  return { main, ipc, raw };
}

/** The argument section of a Send frame to channel "bin": count, then each argument's length field and bytes. */
function argumentsOf(frame) {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  let offset = 1 + 8 + 4 + 3; // kind, id, channel "bin"
  const count = view.getInt32(offset, true);
  offset += 4;
  const args = [];
  for (let i = 0; i < count; i++) {
    const written = view.getInt32(offset, true);
    const length = written < 0 ? ~written : written;
    args.push({ written, bytes: frame.slice(offset + 4, offset + 4 + length) });
    offset += 4 + length;
  }
  return args;
}

test("where main agreed, a Uint8Array or ArrayBuffer argument is its raw bytes behind ~length", async () => {
  const { ipc, raw } = await connected(2);
  ipc.send("bin", Uint8Array.of(9, 8, 7), Uint8Array.of(1, 2).buffer, "text");
  const [bytes, buffer, text] = argumentsOf(raw.at(-1));
  assert.equal(bytes.written, ~3);
  assert.deepEqual([...bytes.bytes], [9, 8, 7]);
  assert.equal(buffer.written, ~2);
  assert.deepEqual([...buffer.bytes], [1, 2]);
  assert.equal(text.written, 6);
  assert.equal(new TextDecoder().decode(text.bytes), '"text"');
  ipc.close();
});

test("where main did not agree, a Uint8Array argument is base64 text, which main reads as byte[] too", async () => {
  const { ipc, raw } = await connected(0);
  ipc.send("bin", Uint8Array.of(9, 8, 7));
  const [bytes] = argumentsOf(raw.at(-1));
  assert.equal(new TextDecoder().decode(bytes.bytes), '"CQgH"');
  ipc.close();
});

test("raw bytes from main arrive as a Uint8Array, in messages, invokes' arguments and replies", async () => {
  const { main, ipc } = await connected(2);
  const rawArgument = (bytes) => {
    const b = header(Kind.MainSend, 0, "bin");
    b.i32(1).i32(~bytes.length).raw(bytes);
    return b;
  };
  const received = new Promise((resolve) => ipc.on("bin", (_event, value) => resolve(value)));
  main.sendFrame(rawArgument([5, 6, 7]));
  assert.deepEqual(await received, Uint8Array.of(5, 6, 7));

  const call = ipc.invoke("get");
  await main.waitFrames(1);
  const reply = header(Kind.Reply, 1, "get").u8(Status.Value).i32(1).i32(~2).raw([250, 251]);
  main.sendFrame(reply);
  assert.deepEqual(await call, Uint8Array.of(250, 251));
  ipc.close();
});

test("a length field of int32's minimum closes the connection as malformed", async () => {
  const { main, ipc } = await connected(2);
  const errors = [];
  ipc.onerror = (e) => errors.push(e);
  main.sendFrame(header(Kind.MainSend, 0, "bin").i32(1).i32(-2147483648));
  const reason = await ipc.closed;
  assert.match(String(reason.cause?.message ?? reason.message), /announces/);
});
