using Ipc.Browser.Tests.Contracts;

namespace Ipc.Browser.Tests.Infrastructure;

/// <summary>
/// One main serving wwwroot/ to a headless Chromium, with main's side of the page contracts: it records what the
/// page sends, answers its calls, and knows when a page has said it is ready. Shared by the tests of a class.
/// </summary>
public sealed class BrowserPage : IAsyncLifetime
{
    /// <summary>How long a test waits for anything before failing instead of hanging.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<int> _arrivals = [];
    private readonly Queue<TaskCompletionSource<IpcSender>> _readyWaiters = new();
    private readonly Queue<IpcSender> _readyPages = new();

    public IpcMain Main { get; } = new(new IpcMainOptions { Serializer = new JsonIpcSerializer(PageJson.Default.Options) });

    public Chromium Browser { get; private set; } = null!;

    public IpcWebEndpoint Web { get; private set; } = null!;

    /// <summary>The page opened at start, connected and listening.</summary>
    public IpcSender Page { get; private set; } = null!;

    /// <summary>Set when main's handler of <see cref="IPageToMain.Slow"/> sees its token cancelled.</summary>
    public TaskCompletionSource SlowCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task InitializeAsync()
    {
        PageToMainMain fromPage = Main.PageToMain();
        fromPage.Ping.On((e, text) =>
        {
            if (text == "ready")
            {
                Ready(e.Sender);
            }
            else
            {
                e.Sender.MainToPage().Pong("pong");
            }
        });
        fromPage.Sequence.On((_, n) => Record(n));
        fromPage.Echo.Handle((_, n) =>
        {
            Record(n);
            return Task.FromResult(n);
        });
        fromPage.EchoText.Handle((_, text) => Task.FromResult(text));
        fromPage.Reverse.Handle((_, data) => Task.FromResult(data.Reverse().ToArray()));
        fromPage.Fail.Handle((_, message) => throw new InvalidOperationException(message));
        fromPage.Greet.Handle((_, greeting) => Task.FromResult(greeting with { Count = greeting.Count + 1 }));
        fromPage.Slow.Handle(async (_, cancellationToken) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                SlowCancelled.TrySetResult();
                throw;
            }
        });
        fromPage.Sync.On((e, text) => e.ReturnValue = text);

        Web = Main.ListenWeb(new IpcWebOptions { ContentRoot = Path.Join(AppContext.BaseDirectory, "wwwroot") });
        Browser = await Chromium.StartAsync();
        (Page, _) = await OpenPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Main.DisposeAsync();
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
    }

    /// <summary>Opens the test page in a new tab and returns it once it has connected and registered its handlers.</summary>
    public async Task<(IpcSender Page, string TargetId)> OpenPageAsync()
    {
        var ready = new TaskCompletionSource<IpcSender>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_readyWaiters)
        {
            _readyWaiters.Enqueue(ready);
        }

        string target = await Browser.OpenAsync(Web.PageAddress("/index.html"));
        try
        {
            return (await ready.Task.WaitAsync(Patience), target);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"The page never said it was ready. Browser log:\n{Browser.Log}", e);
        }
    }

    /// <summary>Asks the page to run a scenario; fails with the browser's log if it does not answer.</summary>
    public async Task<string> RunAsync(string scenario)
    {
        try
        {
            return await Page.MainToPage().Run(scenario).WaitAsync(Patience);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"The page did not finish '{scenario}'. Browser log:\n{Browser.Log}", e);
        }
    }

    /// <summary>The numbers of <see cref="IPageToMain.Sequence"/> and <see cref="IPageToMain.Echo"/>, in the order main ran them; cleared.</summary>
    public int[] TakeArrivals()
    {
        lock (_arrivals)
        {
            int[] arrivals = [.. _arrivals];
            _arrivals.Clear();
            return arrivals;
        }
    }

    private void Record(int n)
    {
        lock (_arrivals)
        {
            _arrivals.Add(n);
        }
    }

    private void Ready(IpcSender page)
    {
        lock (_readyWaiters)
        {
            if (_readyWaiters.TryDequeue(out TaskCompletionSource<IpcSender>? waiter))
            {
                waiter.TrySetResult(page);
            }
            else
            {
                _readyPages.Enqueue(page);
            }
        }
    }
}
