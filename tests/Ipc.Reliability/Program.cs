// The reliability load driver and the child processes of tests/Ipc.Reliability.Tests (docs/reliability.md).
//
//   [--renderers N] [--messages M] [--max-payload B] [--seed S] [--timeout-seconds T]
//                  main: starts N renderer copies of this program, each sending M mixed messages, and prints
//                  the figures; exits 0 when nothing was lost, duplicated, reordered or corrupted
//   renderer-load <messages> <max-payload> <seed>     renderer: the load (see LoadRenderer)
//   storm          renderer: SendSync("storm-sync") and InvokeAsync("storm-invoke") in a loop, one thread
//                  each, until main goes; prints "STORMING" once both have been answered; exits 0
//   main-wait      main: listens, prints "ENDPOINT <address> <token>", answers "echo" (sync), never answers
//                  "never" (handler) and blocks in "block" (listener, after printing "BLOCKED"); runs until killed
//   renderer-steady <connect-delay-ms>
//                  renderer: checksummed Send/SendSync/InvokeAsync traffic between main's "steady-start" and
//                  "steady-stop" (see SteadyRenderer)
//   attack-forge-launch <control> <extra-connections>
//   attack-malformed-flood <control> <frames>
//   attack-huge-channel <control> <max-message-size>
//   attack-many-connections <control> <connections> <frame-size> [<token>]
//                  (with <token>, every connection after the first presents it instead of the launch's token)
//                  hostile renderers speaking the wire format by hand; each reports to the test over the Unix
//                  socket <control> (see AttackRenderer, ControlLink)
using System.Globalization;
using Ipc;
using Ipc.Reliability;

string mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "load";
switch (mode)
{
    case "load":
        return await RunLoadAsync(args);
    case "renderer-load":
        return await LoadRenderer.RunAsync(Number(args[1]), Number(args[2]), Number(args[3]));
    case "storm":
        return await StormRenderer.RunAsync();
    case "main-wait":
        return WaitingMain.Run();
    case "renderer-steady":
        return await SteadyRenderer.RunAsync(Number(args[1]));
    case "attack-forge-launch":
        return AttackRenderer.ForgeLaunch(args[1], Number(args[2]));
    case "attack-malformed-flood":
        return AttackRenderer.MalformedFlood(args[1], Number(args[2]));
    case "attack-huge-channel":
        return AttackRenderer.HugeChannel(args[1], Number(args[2]));
    case "attack-many-connections":
        return AttackRenderer.ManyConnections(args[1], Number(args[2]), Number(args[3]), args.Length > 4 ? args[4] : null);
    default:
        Console.Error.WriteLine($"unknown mode '{mode}'");
        return 64;
}

static async Task<int> RunLoadAsync(string[] args)
{
    int renderers = Option(args, "--renderers", 8);
    int messages = Option(args, "--messages", 50_000);
    int maxPayload = Option(args, "--max-payload", 64 * 1024);
    int seed = Option(args, "--seed", 7);
    int timeoutSeconds = Option(args, "--timeout-seconds", 1800);
    Console.WriteLine($"IpcGen load: {renderers} renderer processes × {messages} messages, payloads 16 B – {maxPayload} B, {Environment.ProcessorCount} cores");
    LoadReport report = await LoadScenario.RunAsync(new LoadOptions(renderers, messages, maxPayload, seed), TimeSpan.FromSeconds(timeoutSeconds));
    Console.Write(report);
    Console.WriteLine(report.IsClean ? "result                 PASS" : "result                 FAIL");
    return report.IsClean ? 0 : 1;
}

static int Option(string[] args, string name, int fallback)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? Number(args[index + 1]) : fallback;
}

static int Number(string text) => int.Parse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture);
