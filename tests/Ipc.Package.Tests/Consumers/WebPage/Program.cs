using System.Diagnostics;
using Ipc;
using WebPage;

using var main = new IpcMain();
var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
GreeterMain greeter = main.Greeter();
greeter.Greet.Handle((e, person) => Task.FromResult(new Greeting($"hello {person.Name}, {person.Age}", DateTimeOffset.UtcNow)));
greeter.Fail.Handle((e, message) => throw new InvalidOperationException(message));
greeter.Report.On((e, line) =>
{
    Console.WriteLine(line);
    if (line == "ready")
    {
        _ = AskAsync(e.Sender);
    }
    else if (line == "done")
    {
        done.TrySetResult();
    }
});

IpcWebEndpoint web = main.ListenWeb(new IpcWebOptions { ContentRoot = "wwwroot" });
string chromium = Environment.GetEnvironmentVariable("IPCGEN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
var start = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true };
foreach (string argument in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", $"--user-data-dir={Directory.CreateTempSubdirectory().FullName}", web.PageAddress("/index.html").ToString() })
{
    start.ArgumentList.Add(argument);
}

using Process browser = Process.Start(start)!;
browser.ErrorDataReceived += (_, _) => { };
browser.OutputDataReceived += (_, _) => { };
browser.BeginErrorReadLine();
browser.BeginOutputReadLine();
try
{
    await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
}
finally
{
    browser.Kill(entireProcessTree: true);
}

static async Task AskAsync(IpcSender page)
{
    Console.WriteLine($"double: {await page.GreeterEvents().Double(21)}");
    page.GreeterEvents().Shout("hey");
}
