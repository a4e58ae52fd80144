// A web page as a renderer. Main serves wwwroot/ and the JavaScript client on 127.0.0.1 and prints the page's
// address, with this run's token in its fragment; open it in a browser (or a WebView2 / Photino window).
// The page uses the modules the build writes from Contracts.cs into wwwroot/generated.
//
//   dotnet run --project samples/WebRenderer                 serve until Ctrl-C
//   dotnet run --project samples/WebRenderer -- --headless   open the page in headless Chromium, exit when it is done
using System.Collections.Concurrent;
using System.Diagnostics;
using Ipc;
using WebRenderer;

var notes = new ConcurrentDictionary<int, Note>();
int lastId = 0;
var pageDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

using var main = new IpcMain(new IpcMainOptions { Serializer = new JsonIpcSerializer(NotesJson.Default.Options) });
NotesMain fromPages = main.Notes();
fromPages.Log.On((e, text) =>
{
    Console.WriteLine($"[{e.Sender}] {text}");
    if (text == "ready")
    {
        _ = AskTitleAsync(e.Sender);
    }
    else if (text == "done")
    {
        pageDone.TrySetResult();
    }
});
fromPages.Add.Handle((e, note) =>
{
    var added = new Note(Interlocked.Increment(ref lastId), note.Text, note.Priority, DateTimeOffset.UtcNow);
    notes[added.Id] = added;
    main.NotesEvents().Added(added); // to every page, this one included
    return Task.FromResult(added);
});
// An array: main's serializer writes a reply by its runtime type, which the context must know (Note[] below).
fromPages.List.Handle(e => Task.FromResult<IReadOnlyList<Note>>(notes.Values.OrderBy(n => n.Id).ToArray()));
fromPages.Remove.Handle((e, id) => notes.TryRemove(id, out _) ? Task.CompletedTask : throw new KeyNotFoundException($"There is no note {id}."));
fromPages.Count.On(e => e.ReturnValue = notes.Count);

main.RendererGone += (_, e) => Console.WriteLine($"[{e.Renderer}] gone");

IpcWebEndpoint web = main.ListenWeb(new IpcWebOptions { ContentRoot = Path.Join(AppContext.BaseDirectory, "wwwroot") });
Uri page = web.PageAddress("/index.html");

if (args.Contains("--headless"))
{
    using Process browser = StartHeadlessChromium(web.PageAddress("/index.html?demo"));
    await pageDone.Task.WaitAsync(TimeSpan.FromSeconds(30));
    browser.Kill(entireProcessTree: true);
    Console.WriteLine("The page added, listed and removed notes; done.");
    return;
}

Console.WriteLine($"Open {page} in a browser (the token is in the fragment: keep it to yourself). Ctrl-C stops.");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
await stop.Task;

// Main asks the page (a main → renderer invoke, which Electron cannot do) and the page's handler answers.
static async Task AskTitleAsync(IpcSender page)
{
    try
    {
        Console.WriteLine($"[{page}] its title is \"{await page.NotesEvents().Title()}\"");
    }
    catch (IpcException e)
    {
        Console.WriteLine($"[{page}] did not say its title: {e.Message}");
    }
}

static Process StartHeadlessChromium(Uri page)
{
    string chromium = Environment.GetEnvironmentVariable("IPCGEN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
    string profile = Directory.CreateTempSubdirectory("webrenderer-").FullName;
    var start = new ProcessStartInfo(chromium) { UseShellExecute = false, RedirectStandardError = true };
    foreach (string argument in new[]
    {
        "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", page.ToString(),
    })
    {
        start.ArgumentList.Add(argument);
    }

    Process process = Process.Start(start) ?? throw new InvalidOperationException($"{chromium} did not start.");
    process.ErrorDataReceived += (_, _) => { }; // Chromium's own chatter
    process.BeginErrorReadLine();
    return process;
}
