// Compile-time checks of ipc-renderer.d.ts (run by `npm run typecheck`, never executed).
import {
  connect,
  IpcRenderer,
  IpcRemoteError,
  IpcNoHandlerError,
  IpcDisconnectedError,
  IpcNoReplyError,
  IpcConnectionRefusedError,
  IpcError,
  type ConnectOptions,
  type IpcRendererEvent,
  type IpcRendererInvokeEvent,
} from "../ipc-renderer.js";

export async function example(): Promise<void> {
  const options: ConnectOptions = { url: "/ipcgen", token: "t", signal: AbortSignal.timeout(5000), WebSocket };
  const ipc: IpcRenderer = await connect(options);
  const id: number = ipc.id;
  ipc.send("ping", 1, "two", { three: 3 });
  const n = await ipc.invoke<number>("add", 1, 2);
  const sum: number = n + id;
  const s: unknown = await ipc.invokeWith({ signal: new AbortController().signal }, "slow");
  ipc
    .on("tick", (event: IpcRendererEvent, count: number) => {
      const same: IpcRenderer = event.sender;
      const zero: 0 = event.senderId;
      void [same, zero, count, event.channel];
    })
    .once("tick", () => {})
    .off("tick", () => {})
    .removeListener("tick", () => {})
    .removeAllListeners("tick")
    .removeAllListeners();
  ipc.handle("status", async (event: IpcRendererInvokeEvent, who: string) => {
    event.signal.throwIfAborted();
    return `ready for ${who}`;
  });
  ipc.handleOnce("once", () => 42);
  ipc.removeHandler("status");
  ipc.onerror = (error, channel) => console.log(error, channel);
  const reason: IpcDisconnectedError = await ipc.closed;
  const connected: boolean = ipc.isConnected;
  ipc.close();
  try {
    await ipc.invoke("x");
  } catch (e) {
    if (e instanceof IpcRemoteError) {
      const t: string = e.remoteType;
      const m: string = e.remoteMessage;
      void [t, m, e.channel];
    } else if (e instanceof IpcNoHandlerError || e instanceof IpcNoReplyError || e instanceof IpcDisconnectedError) {
      const base: IpcError = e;
      void base;
    } else if (e instanceof IpcConnectionRefusedError) {
      const r: string = e.reason;
      void r;
    }
  }
  void [sum, s, reason, connected];
  // @ts-expect-error the renderer is made by connect(), not constructed
  new IpcRenderer();
  // @ts-expect-error a channel is a string
  ipc.send(42);
}
