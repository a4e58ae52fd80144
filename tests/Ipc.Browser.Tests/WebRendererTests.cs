using Ipc.Browser.Tests.Contracts;
using Ipc.Browser.Tests.Infrastructure;

namespace Ipc.Browser.Tests;

/// <summary>
/// A web page in headless Chromium is a renderer: it connects with the JavaScript client and the token from its
/// address's fragment, and talks to main through the modules generated from the same C# contracts.
/// </summary>
public sealed class WebRendererTests(BrowserPage browser) : IClassFixture<BrowserPage>
{
    [Fact]
    public void APageIsARendererWithItsOriginAndNoProcessId()
    {
        Assert.True(browser.Page.IsConnected);
        Assert.Equal(0, browser.Page.ProcessId);
        Assert.Equal(browser.Web.BaseAddress.GetLeftPart(UriPartial.Authority), browser.Page.Origin);
    }

    [Fact]
    public async Task APagesPingIsAnsweredWithAPongThroughEventSender()
    {
        Assert.Equal("pong", await browser.RunAsync("ping-pong"));
    }

    [Fact]
    public async Task AnInvokeWhoseHandlerThrowsRejectsWithTheRemoteTypeAndMessage()
    {
        string[] error = (await browser.RunAsync("invoke-error")).Split('|');

        Assert.Equal("IpcRemoteError", error[0]);
        Assert.Equal("System.InvalidOperationException", error[1]);
        Assert.Contains("boom", error[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MainInvokesAHandlerOfThePage()
    {
        Assert.Equal(5, await browser.Page.MainToPage().Add(2, 3).WaitAsync(BrowserPage.Patience));
    }

    [Fact]
    public async Task AThousandInterleavedMessagesAndInvokesArriveInTheOrderThePageSentThem()
    {
        browser.TakeArrivals();

        Assert.Equal("in order", await browser.RunAsync("interleaved"));

        Assert.Equal(Enumerable.Range(0, 1000), browser.TakeArrivals());
    }

    [Fact]
    public async Task AThreeMebibytePayloadRoundTrips()
    {
        Assert.Equal($"ok {3 * 1024 * 1024}", await browser.RunAsync("large"));
    }

    [Fact]
    public async Task BytesTravelAsAUint8ArrayBothWays()
    {
        Assert.Equal("true|250,3,2,1", await browser.RunAsync("bytes"));
    }

    [Fact]
    public async Task ARecordTravelsWithTheNamingPolicyOfTheSerializerContext()
    {
        Assert.Equal("hi|42|1|a+b|null", await browser.RunAsync("record"));
    }

    [Fact]
    public async Task AnAbortSignalCancelsThePagesInvokeAndMainsHandler()
    {
        Assert.Equal("AbortError", await browser.RunAsync("abort"));

        await browser.SlowCancelled.Task.WaitAsync(BrowserPage.Patience);
    }

    [Fact]
    public async Task TheGeneratedClientLeavesSynchronousChannelsOut()
    {
        Assert.Equal("absent", await browser.RunAsync("sync-left-out"));
    }

    [Fact]
    public async Task APageClosedMidCallFailsMainsCallAtOnceAndIsReportedGone()
    {
        (IpcSender page, string target) = await browser.OpenPageAsync();
        var gone = new TaskCompletionSource<IpcRendererGoneEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        browser.Main.RendererGone += (_, e) =>
        {
            if (e.Renderer == page)
            {
                gone.TrySetResult(e);
            }
        };
        Task<string> hanging = page.MainToPage().Hang(CancellationToken.None);

        await browser.Browser.CloseAsync(target);

        await Assert.ThrowsAsync<IpcDisconnectedException>(() => hanging.WaitAsync(BrowserPage.Patience));
        IpcRendererGoneEventArgs departure = await gone.Task.WaitAsync(BrowserPage.Patience);
        Assert.Null(departure.ExitCode);
        Assert.False(page.IsConnected);
    }
}
