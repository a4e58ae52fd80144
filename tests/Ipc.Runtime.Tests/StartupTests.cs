using Ipc.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Ipc.Runtime.Tests;

/// <summary>Nothing is lost at start-up: listeners registered in the connect callback see every message.</summary>
public sealed class StartupTests
{
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ListenersRegisteredInTheConnectCallbackReceiveEveryMessageMainSentBeforeIt(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var received = new List<int>();
        IpcRenderer renderer = rig.Connect(configure: r =>
        {
            // Main already lists this renderer: send before the listener exists; delivery starts after this callback.
            IpcSender sender = rig.Main.Renderers.Single(s => s.Id == r.Id);
            for (int i = 0; i < 42; i++)
            {
                sender.Send("early", i);
            }

            r.On("early", (_, args) => received.Add(args.Get<int>(0)));
        });

        await rig.FlushRendererAsync(renderer);

        Assert.Equal(Enumerable.Range(0, 42), received);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task HandlersRegisteredInTheConnectCallbackAnswerInvokesSentBeforeIt(TransportKind transport)
    {
        using var rig = new Rig(transport);
        Task<int>? early = null;
        rig.Connect(configure: r =>
        {
            early = rig.Main.Renderers.Single(s => s.Id == r.Id).InvokeAsync<int>("early");
            r.Handle("early", (_, _) => Task.FromResult<object?>(7));
        });

        Assert.Equal(7, await early!.Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AMessageForAChannelWithoutAListenerIsDroppedAndLoggedAsAWarningOnce(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var logger = new RecordingLogger();
        IpcRenderer renderer = rig.Connect(new IpcRendererOptions { Logger = logger });
        IpcSender sender = rig.SenderOf(renderer);

        sender.Send("unheard", 1);
        sender.Send("unheard", 2);
        await rig.FlushRendererAsync(renderer);

        var drops = logger.Entries.Where(e => e.Message.Contains("'unheard'")).ToList();
        Assert.Equal([LogLevel.Warning, LogLevel.Debug], drops.Select(d => d.Level));
        Assert.Contains("no listener", drops[0].Message);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AMessageToMainWithoutAListenerIsDroppedAndLogged(TransportKind transport)
    {
        var logger = new RecordingLogger();
        using var rig = new Rig(transport, new IpcMainOptions { Logger = logger });

        rig.Renderer.Send("unheard");
        await rig.FlushAsync();

        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("'unheard'"));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void AConnectCallbackThatThrowsFailsTheConnectionAndClosesIt(TransportKind transport)
    {
        using var rig = new Rig(transport);

        var error = Record.Exception(() => rig.Connect(configure: _ => throw new InvalidOperationException("setup failed")));

        Assert.Contains("setup failed", (error is AggregateException aggregate ? aggregate.InnerException! : error).Message);
    }
}
