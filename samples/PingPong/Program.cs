// The ping/pong example from Electron's ipcMain documentation, in C#, across two real processes.
// Run without arguments, this program is the main process: it starts itself again with --renderer.
// Main answers an asynchronous "ping" with a "pong" sent back through event.Sender,
// and a synchronous "ping" by setting event.ReturnValue.
using System.Diagnostics;
using System.Reflection;
using Ipc;

if (args.Contains("--renderer"))
{
    await RunRendererAsync();
}
else
{
    await RunMainAsync();
}

static async Task RunMainAsync()
{
    using var main = new IpcMain();
    var rendererGone = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
    main.RendererGone += (_, e) => rendererGone.TrySetResult(e.ExitCode);

    main.On("asynchronous-message", (e, args) =>
    {
        Print("main", $"asynchronous-message from process {e.Sender.ProcessId}: {args.Get<string>(0)}");
        e.Sender.Send("asynchronous-reply", "pong");
    });

    main.On("synchronous-message", (e, args) =>
    {
        Print("main", $"synchronous-message from process {e.Sender.ProcessId}: {args.Get<string>(0)}");
        e.ReturnValue = "pong";
    });

    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
    IpcSender renderer = await main.StartRendererAsync(StartInfoForThisProgram("--renderer"), timeout.Token);
    Print("main", $"started renderer {renderer.Id} as process {renderer.ProcessId}");

    int? exitCode = await rendererGone.Task.WaitAsync(timeout.Token);
    Print("main", $"renderer exited with code {exitCode}");
}

static async Task RunRendererAsync()
{
    using IpcRenderer renderer = await IpcRenderer.ConnectToParentAsync();
    var replied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    renderer.On("asynchronous-reply", (e, args) =>
    {
        Print("renderer", $"asynchronous-reply: {args.Get<string>(0)}");
        replied.SetResult();
    });

    Print("renderer", $"synchronous reply: {renderer.SendSync<string>("synchronous-message", "ping")}");
    renderer.Send("asynchronous-message", "ping");
    await replied.Task.WaitAsync(TimeSpan.FromSeconds(10));
}

// Runs this program again: through its apphost, or through `dotnet PingPong.dll` when started that way.
static ProcessStartInfo StartInfoForThisProgram(string argument)
{
    string host = Environment.ProcessPath!;
    var startInfo = new ProcessStartInfo(host) { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
    {
        startInfo.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
    }

    startInfo.ArgumentList.Add(argument);
    return startInfo;
}

static void Print(string side, string line) => Console.WriteLine($"[{side} {Environment.ProcessId}] {line}");
