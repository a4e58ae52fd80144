// The ping/pong example from Electron's ipcMain documentation, in C#.
// Main answers an asynchronous "ping" with a "pong" sent back through event.Sender,
// and a synchronous "ping" by setting event.ReturnValue.
using Ipc;

using var main = new IpcMain();

main.On("asynchronous-message", (e, args) =>
{
    Console.WriteLine($"[main] asynchronous-message: {args.Get<string>(0)}");
    e.Sender.Send("asynchronous-reply", "pong");
});

main.On("synchronous-message", (e, args) =>
{
    Console.WriteLine($"[main] synchronous-message: {args.Get<string>(0)}");
    e.ReturnValue = "pong";
});

using IpcRenderer renderer = main.ConnectInProcess();
var replied = new TaskCompletionSource();

renderer.On("asynchronous-reply", (e, args) =>
{
    Console.WriteLine($"[renderer] asynchronous-reply: {args.Get<string>(0)}");
    replied.SetResult();
});

Console.WriteLine($"[renderer] synchronous reply: {renderer.SendSync<string>("synchronous-message", "ping")}");
renderer.Send("asynchronous-message", "ping");
await replied.Task.WaitAsync(TimeSpan.FromSeconds(10));
