// @ts-check
// The test page: a web renderer that connects with the JavaScript client main serves, uses the modules generated
// from Contracts/PageContracts.cs, and runs the scenarios main asks for (IMainToPage.Run), answering with what it saw.
import { connect } from "/ipcgen/client.js";
import { pageToMain } from "./generated/PageToMain.js";
import { mainToPage } from "./generated/MainToPage.js";

const ipc = await connect();
const toMain = pageToMain(ipc);
const fromMain = mainToPage(ipc);

/** @type {string[]} */
const pongs = [];
/** @type {(() => void)[]} */
const pongWaiters = [];
fromMain.pong.on((_event, text) => {
  pongs.push(text);
  pongWaiters.splice(0).forEach((wake) => wake());
});

fromMain.add.handle((_event, a, b) => a + b);
fromMain.hang.handle((event) => new Promise((_resolve, reject) => {
  event.signal.addEventListener("abort", () => reject(new Error("cancelled by main")));
}));

/** @type {Record<string, () => Promise<string>>} */
const scenarios = {
  async "ping-pong"() {
    const answered = new Promise((resolve) => pongWaiters.push(() => resolve(undefined)));
    toMain.ping("ping");
    await answered;
    return pongs.join(",");
  },

  async "invoke-error"() {
    try {
      await toMain.fail("boom");
      return "resolved";
    } catch (error) {
      const e = /** @type {any} */ (error);
      return `${e.name}|${e.remoteType}|${e.message}`;
    }
  },

  async "interleaved"() {
    /** @type {Promise<number>[]} */
    const answers = [];
    for (let i = 0; i < 1000; i++) {
      if (i % 2 === 0) {
        toMain.sequence(i);
      } else {
        answers.push(toMain.echo(i));
      }
    }
    const echoed = await Promise.all(answers);
    return echoed.every((n, k) => n === 2 * k + 1) ? "in order" : `out of order: ${echoed.join(",")}`;
  },

  async "large"() {
    const text = "0123456789abcdef".repeat(3 * 1024 * 1024 / 16);
    const back = await toMain.echoText(text);
    return back === text ? `ok ${back.length}` : `mismatch ${back.length}`;
  },

  async "bytes"() {
    const back = await toMain.reverse(Uint8Array.of(1, 2, 3, 250));
    return `${back instanceof Uint8Array}|${[...back].join(",")}`;
  },

  async "record"() {
    const back = await toMain.greet({ text: "hi", count: 41, at: "2026-12-03T10:00:00+00:00", mood: 1, tags: ["a", "b"], note: null });
    return `${back.text}|${back.count}|${back.mood}|${back.tags.join("+")}|${back.note}`;
  },

  async "abort"() {
    const controller = new AbortController();
    const call = toMain.slow({ signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    try {
      await call;
      return "resolved";
    } catch (error) {
      return /** @type {Error} */ (error).name;
    }
  },

  async "sync-left-out"() {
    return "sync" in toMain ? "present" : "absent";
  },
};

fromMain.run.handle(async (_event, scenario) => {
  const run = scenarios[scenario];
  if (!run) {
    throw new Error(`no scenario '${scenario}'`);
  }
  return run();
});

toMain.ping("ready");
const status = document.getElementById("status");
if (status) {
  status.textContent = `connected as renderer ${ipc.id}`;
}
