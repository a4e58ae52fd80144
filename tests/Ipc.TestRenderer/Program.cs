// A child process for the cross-process tests. The first argument selects what it does:
//   ping          renderer: Electron's ping/pong (sync, then async); exits 0 when both answers are "pong", else 2
//   echo          renderer: answers "echo-request" by asking main "sync-echo" with SendSync and sending the answer
//                 back on "echo-reply"; exits 0 when main disconnects
//   hold          renderer: SendSync("hold") and wait for it (the tests kill it meanwhile)
//   exit <code>   renderer: connects, then exits with <code>
//   exit-now <code>  exits with <code> without connecting
//   silent <file> writes its process id to <file> and never connects
//   connect <address> <token>  connects as a renderer to the given endpoint; prints "CONNECTED" and exits 0,
//                 or prints "REFUSED <exception type>: <message>" and exits 1 (the security tests run it as another user)
//   serve [answer|hang]  renderer: registers, before delivery starts, the handlers and listeners main invokes and
//                 messages in MainInvokesRendererTests (scale, never, wait-for-cancel, status, once, remove-handler, throw-sync,
//                 throw-async, order-send/-invoke/-report, renderer-inner, outer-b, start-nested-a, start-sendsync, dispose, exit);
//                 "status" answers "ok", or with "hang" waits until its token is cancelled; exits 0 when main disconnects
//   startup-early renderer: does 200 ms of set-up work in the ConnectToParentAsync callback, then registers "burst" there;
//                 "burst-report" answers what arrived; exits 0 when main disconnects
//   startup-late  renderer: with a logger, registers the "late" listener only when main invokes "register-late";
//                 "late-report" answers what arrived, the log lines and the Error count; exits 0 when main disconnects
//   traced [propagation|no-propagation]  renderer: with OpenTelemetry's SDK listening to IpcGen in its own process,
//                 invokes main's typed IGreeter.Greet ("greet"), then reports the spans it exported with
//                 SendSync("trace-report"); "no-propagation" turns IpcRendererOptions.PropagateTraceContext off;
//                 exits 0 when main disconnects
//   connect-twice renderer: connects to its parent, then tries a second connection with the same environment and
//                 reports "CONNECTED" or "REFUSED <message>" with SendSync("second-result"); exits 0
//   unresponsive  renderer: answers "status" with "ok"; its "block" listener sleeps forever, blocking its dispatcher while
//                 its process runs on (the supervision tests' hung renderer); exits 0 when main disconnects, if not blocked
//   hosted        renderer on the generic host: serves IStartupProbe through AddService and injects the IGreeter proxy
//                 into a hosted service's constructor (connecting while the host builds); exits 0 when main disconnects
//   main          main: listens, prints "ENDPOINT <address> <token>", answers "sync-echo", never answers
//                 "never" (handler) or "block" (listener prints "BLOCKED" and blocks); runs until killed
using System.Globalization;
using Ipc;
using Ipc.TestRenderer;

string mode = args.Length > 0 ? args[0] : "";
int code = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out int number) ? number : 0;
switch (mode)
{
    case "ping":
        return await PingAsync();
    case "echo":
        return await EchoAsync();
    case "hold":
        using (IpcRenderer renderer = await IpcRenderer.ConnectToParentAsync(new IpcRendererOptions { SendSyncTimeout = Timeout.InfiniteTimeSpan }))
        {
            renderer.SendSync<string>("hold", "waiting");
            return 3;
        }

    case "exit":
        await IpcRenderer.ConnectToParentAsync();
        return code;
    case "exit-now":
        return code;
    case "silent":
        File.WriteAllText(args[1], Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Thread.Sleep(Timeout.Infinite);
        return 0;
    case "connect":
        return await ConnectAsync(args[1], args[2]);
    case "connect-twice":
        return await ConnectTwiceAsync();
    case "serve":
        return await ServeMode.RunAsync(args.Length > 1 ? args[1] : "answer");
    case "traced":
        return await TracedMode.RunAsync(args.Length > 1 ? args[1] : "propagation");
    case "unresponsive":
        return await UnresponsiveMode.RunAsync();
    case "startup-early":
        return await StartupModes.EarlyAsync();
    case "startup-late":
        return await StartupModes.LateAsync();
    case "hosted":
        return await HostedMode.RunAsync();
    case "main":
        return RunMain();
    default:
        Console.Error.WriteLine($"unknown mode '{mode}'");
        return 64;
}

static async Task<int> ConnectTwiceAsync()
{
    using IpcRenderer first = await IpcRenderer.ConnectToParentAsync();
    string result;
    try
    {
        using IpcRenderer second = await IpcRenderer.ConnectToParentAsync();
        result = "CONNECTED";
    }
    catch (IpcConnectionRefusedException e)
    {
        result = "REFUSED " + e.Message;
    }

    first.SendSync<string>("second-result", result);
    return 0;
}

static async Task<int> PingAsync()
{
    using IpcRenderer renderer = await IpcRenderer.ConnectToParentAsync();
    var reply = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
    renderer.On("asynchronous-reply", (e, args) => reply.TrySetResult(args.Get<string>(0)));
    string? syncReply = renderer.SendSync<string>("synchronous-message", "ping");
    renderer.Send("asynchronous-message", "ping");
    string? asyncReply = await reply.Task.WaitAsync(TimeSpan.FromSeconds(10));
    Console.WriteLine($"[renderer {Environment.ProcessId}] sync: {syncReply}, async: {asyncReply}");
    return syncReply == "pong" && asyncReply == "pong" ? 0 : 2;
}

static async Task<int> EchoAsync()
{
    using IpcRenderer renderer = await IpcRenderer.ConnectToParentAsync();
    var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    renderer.Disconnected += (_, _) => disconnected.TrySetResult();
    renderer.On("echo-request", (e, args) =>
    {
        string? answer = renderer.SendSync<string>("sync-echo", args.Get<string>(0));
        renderer.Send("echo-reply", answer);
    });
    await disconnected.Task;
    return 0;
}

static async Task<int> ConnectAsync(string address, string token)
{
    try
    {
        using IpcRenderer renderer = await IpcRenderer.ConnectAsync(new IpcEndpoint(address, token));
        Console.WriteLine("CONNECTED");
        return 0;
    }
    catch (Exception e)
    {
        Console.WriteLine($"REFUSED {e.GetType().Name}: {e.Message}");
        return 1;
    }
}

static int RunMain()
{
    var main = new IpcMain();
    main.Handle("never", (e, args) => new TaskCompletionSource<object?>().Task);
    main.On("block", (e, args) =>
    {
        Console.WriteLine("BLOCKED");
        Thread.Sleep(Timeout.Infinite);
    });
    main.On("sync-echo", (e, args) => e.ReturnValue = args.Get<string>(0));
    IpcEndpoint endpoint = main.Listen();
    Console.WriteLine($"ENDPOINT {endpoint.Address} {endpoint.Token}");
    Thread.Sleep(Timeout.Infinite);
    return 0;
}
