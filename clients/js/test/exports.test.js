import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as client from "../ipc-renderer.js";

const typings = readFileSync(new URL("../ipc-renderer.d.ts", import.meta.url), "utf8");

test("the typings declare exactly the module's runtime exports", () => {
  const declared = [...typings.matchAll(/^export (?:declare )?(?:class|function) (\w+)/gm)].map((m) => m[1]).sort();
  assert.deepEqual(declared, Object.keys(client).sort());
});

test("the typings declare every public method of IpcRenderer", () => {
  const body = typings.slice(typings.indexOf("export class IpcRenderer"), typings.indexOf("export function connect"));
  const declared = new Set([...body.matchAll(/^  (\w+)(?:<[^>]*>)?\(/gm)].map((m) => m[1]));
  const runtime = Object.getOwnPropertyNames(client.IpcRenderer.prototype).filter((n) => n !== "constructor");
  for (const name of runtime) assert.ok(declared.has(name) || new RegExp(`readonly ${name}:`).test(body), name);
});

test("the error classes carry their names", () => {
  for (const [Class, args] of [
    [client.IpcRemoteError, ["c", "System.Exception", "m"]],
    [client.IpcNoHandlerError, ["c", "m"]],
    [client.IpcNoReplyError, ["c", "m"]],
    [client.IpcDisconnectedError, ["m"]],
    [client.IpcConnectionRefusedError, ["r"]],
    [client.IpcMessageTooLargeError, ["c", 2, 1]],
  ]) {
    const e = new Class(...args);
    assert.equal(e.name, Class.name);
    assert.ok(e instanceof client.IpcError && e instanceof Error);
  }
});
