// @ts-check
// The page is a renderer: it connects with the JavaScript client main serves, and talks to main through the
// modules the build writes from Contracts.cs (tsc checks this file against them: see tsconfig.json).
import { connect } from "/ipcgen/client.js";
import { notes } from "./generated/Notes.js";
import { notesEvents, Priority } from "./generated/NotesEvents.js";

const ipc = await connect(); // the token comes from this page's address (#ipcgen-token=…)

// Listeners and handlers first: main may send as soon as the page is connected.
const fromMain = notesEvents(ipc);
fromMain.added.on((_event, note) => show(note));
fromMain.title.handle(() => document.title);

const toMain = notes(ipc);
toMain.log("ready");
for (const note of await toMain.list()) {
  show(note);
}

const form = /** @type {HTMLFormElement} */ (document.getElementById("add"));
const text = /** @type {HTMLInputElement} */ (document.getElementById("text"));
const priority = /** @type {HTMLSelectElement} */ (document.getElementById("priority"));
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  await toMain.add({ text: text.value, priority: Number(priority.value) });
  text.value = "";
});

setStatus(`connected as renderer ${ipc.id}`);
ipc.closed.then((reason) => setStatus(`disconnected: ${reason.message}`));

// Opened as index.html?demo (the sample's --headless does), the page does what a user would, then tells main.
if (new URLSearchParams(location.search).has("demo")) {
  const added = await toMain.add({ text: "written by the page", priority: Priority.High });
  try {
    await toMain.remove(added.id + 1000);
  } catch (error) {
    toMain.log(`removing an unknown note failed as it should: ${/** @type {Error} */ (error).message}`);
  }
  await toMain.remove(added.id);
  toMain.log("done");
}

/** @param {import("./generated/NotesEvents.js").Note} note */
function show(note) {
  const item = document.createElement("li");
  item.textContent = `${note.text} (${new Date(note.created).toLocaleTimeString()})`;
  item.className = note.priority === Priority.High ? "high" : "";
  document.getElementById("notes")?.append(item);
}

/** @param {string} message */
function setStatus(message) {
  const status = document.getElementById("status");
  if (status) {
    status.textContent = message;
  }
}
