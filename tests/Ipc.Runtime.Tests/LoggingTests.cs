using Ipc.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Ipc.Runtime.Tests;

/// <summary>Errors and lifecycle events go to the ILogger the application supplies, and nowhere else.</summary>
public sealed class LoggingTests
{
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AThrowingListenerIsLoggedAsAnErrorWithItsException(TransportKind transport)
    {
        var log = new RecordingLogger();
        using var rig = new Rig(transport, new IpcMainOptions { Logger = log });
        rig.Main.On("ch", (_, _) => throw new InvalidOperationException("listener failed"));

        rig.Renderer.Send("ch");
        await rig.FlushAsync();

        RecordingLogger.Entry entry = Assert.Single(log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("'ch'", entry.Message);
        Assert.Equal("listener failed", entry.Exception?.Message);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ALoggerFactoryGetsOneCategoryPerComponentAndTheSingleLoggerIsThenUnused(TransportKind transport)
    {
        var factory = new RecordingLoggerFactory();
        var single = new RecordingLogger();
        var rendererFactory = new RecordingLoggerFactory();
        using var rig = new Rig(transport, new IpcMainOptions { LoggerFactory = factory, Logger = single }, new IpcRendererOptions { LoggerFactory = rendererFactory });
        rig.Main.On("throws", (_, _) => throw new InvalidOperationException("listener failed"));

        rig.Renderer.Send("throws");
        rig.Renderer.Send("nobody-listens");
        await rig.FlushAsync();

        Assert.Equal(["Ipc.Connections", "Ipc.IpcMain", "Ipc.Listeners"], factory.Categories.Order());
        Assert.Contains(factory["Ipc.IpcMain"].Entries, e => e.Message.Contains("connected"));
        Assert.Contains(factory["Ipc.IpcMain"].Entries, e => e.Message.Contains("nobody-listens"));
        Assert.Equal("listener failed", Assert.Single(factory["Ipc.Listeners"].Entries).Exception?.Message);
        Assert.Empty(single.Entries);
        Assert.Contains(rendererFactory["Ipc.IpcRenderer"].Entries, e => e.Message.Contains("onnected"));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task RenderersConnectingAndLeavingAreLogged(TransportKind transport)
    {
        var log = new RecordingLogger();
        using var rig = new Rig(transport, new IpcMainOptions { Logger = log });
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.RendererGone += (_, _) => gone.TrySetResult();
        IpcRenderer second = rig.Connect();

        second.Dispose();
        await gone.Task.Bounded();

        Assert.Contains(log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains($"Renderer {second.Id}") && e.Message.Contains("connected"));
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains($"Renderer {second.Id}") && e.Message.Contains("gone"));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ARendererLogsItsOwnListenersErrors(TransportKind transport)
    {
        var log = new RecordingLogger();
        using var rig = new Rig(transport, rendererOptions: new IpcRendererOptions { Logger = log });
        rig.Renderer.On("ch", (_, _) => throw new InvalidOperationException("renderer listener failed"));

        rig.SenderOf(rig.Renderer).Send("ch");
        await rig.FlushRendererAsync();

        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Exception?.Message == "renderer listener failed");
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task WithoutALoggerNothingIsWrittenToTheConsole(TransportKind transport)
    {
        TextWriter originalOut = Console.Out;
        TextWriter originalError = Console.Error;
        var captured = new StringWriter();
        Console.SetOut(captured);
        Console.SetError(captured);
        try
        {
            using var rig = new Rig(transport);
            rig.Main.On("ch", (_, _) => throw new InvalidOperationException("listener failed"));
            IpcRenderer second = rig.Connect();

            rig.Renderer.Send("ch");
            await rig.FlushAsync();
            second.Dispose();
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }

        Assert.Equal(string.Empty, captured.ToString());
    }

    [Fact]
    public void DropsAreWarnedOnceForEachOfTheFirst1024ChannelsAndLoggedAtDebugLevelPastThat()
    {
        var log = new RecordingLogger();
        var unheard = new Ipc.Logging.UnheardChannels(log);

        for (int i = 0; i < 1025; i++)
        {
            unheard.Dropped($"channel-{i}", "a renderer");
        }

        unheard.Dropped("channel-0", "a renderer");

        Assert.Equal(1024, log.Entries.Count(e => e.Level == LogLevel.Warning)); // a renderer sending to ever new names cannot grow the set
        Assert.Equal(2, log.Entries.Count(e => e.Level == LogLevel.Debug));
    }
}
