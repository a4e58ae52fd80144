// The ping/pong example from Electron's ipcMain documentation, in C#, across two real processes.
// Run without arguments, this program is the main process: it starts itself again with --renderer.
// Main answers an asynchronous "ping" with a "pong" sent back through event.Sender,
// and a synchronous "ping" by setting event.ReturnValue; then it goes past Electron and asks the
// renderer a question (a main → renderer invoke) that the renderer's handler answers. The channels are
// the typed contracts of Contracts.cs: the generator turns them into the calls below, so no channel
// string is written here.
using System.Diagnostics;
using Ipc;
using PingPong;

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
    using var main = new IpcMain(new IpcMainOptions { Serializer = PingPongSerializer.Instance });
    var rendererGone = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
    main.RendererGone += (_, e) => rendererGone.TrySetResult(e.ExitCode);

    PingPongMain ping = main.PingPong();
    ping.AsynchronousMessage.On((e, arg) =>
    {
        Print("main", $"asynchronous-message from process {e.Sender.ProcessId}: {arg}");
        e.Sender.PingPongReplies().AsynchronousReply("pong");
    });

    ping.SynchronousMessage.On((e, arg) =>
    {
        Print("main", $"synchronous-message from process {e.Sender.ProcessId}: {arg}");
        e.ReturnValue = "pong";
    });

    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
    IpcSender renderer = await main.StartRendererAsync(StartInfoForThisProgram("--renderer"), timeout.Token);
    Print("main", $"started renderer {renderer.Id} as process {renderer.ProcessId}");

    // Main asks the renderer: the proxy implements IPingPongReplies for this one renderer.
    string status = await renderer.PingPongReplies().Status(timeout.Token);
    Print("main", $"renderer status: {status}");

    int? exitCode = await rendererGone.Task.WaitAsync(timeout.Token);
    Print("main", $"renderer exited with code {exitCode}");
}

static async Task RunRendererAsync()
{
    var replied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    // Listeners and handlers are registered before main's first message is delivered, so none is missed.
    using IpcRenderer renderer = await IpcRenderer.ConnectToParentAsync(
        r =>
        {
            PingPongRepliesRenderer replies = r.PingPongReplies();
            replies.AsynchronousReply.On((e, arg) =>
            {
                Print("renderer", $"asynchronous-reply: {arg}");
                replied.SetResult();
            });
            replies.Status.Handle((e, ct) => Task.FromResult($"listening as renderer {e.Sender.Id}"));
        },
        new IpcRendererOptions { Serializer = PingPongSerializer.Instance });

    IPingPong toMain = renderer.PingPong();
    Print("renderer", $"synchronous reply: {toMain.SynchronousMessage("ping")}");
    toMain.AsynchronousMessage("ping");
    await replied.Task.WaitAsync(TimeSpan.FromSeconds(10));
}

// Runs this program again: through its apphost, or through `dotnet PingPong.dll` when started that way.
static ProcessStartInfo StartInfoForThisProgram(string argument)
{
    string host = Environment.ProcessPath!;
    var startInfo = new ProcessStartInfo(host) { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
    {
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PingPong.dll"));
    }

    startInfo.ArgumentList.Add(argument);
    return startInfo;
}

static void Print(string side, string line) => Console.WriteLine($"[{side} {Environment.ProcessId}] {line}");
