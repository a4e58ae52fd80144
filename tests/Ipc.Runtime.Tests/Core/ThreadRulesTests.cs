using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Core;

/// <summary>
/// Where user code runs over an OS transport, which has reading threads of its own: main runs a call on the
/// thread that read it when its loop is idle, but never a fire-and-forget message; a renderer's reading side
/// never runs user code at all.
/// </summary>
public sealed class ThreadRulesTests
{
    private const string ReaderThread = "IpcGen reader";
    private const string DispatcherThread = "IpcGen dispatcher";

    public static TheoryData<TransportKind> OsTransports => new() { TransportKind.Socket, TransportKind.NamedPipe };

    [Theory, MemberData(nameof(OsTransports))]
    public void AnIdleMainRunsASendSyncOnTheThreadThatReadIt(TransportKind transport)
    {
        using var rig = new Rig(transport);
        string? thread = null;
        rig.Main.On("sync", (e, _) =>
        {
            thread = Thread.CurrentThread.Name;
            e.ReturnValue = true;
        });

        rig.Renderer.SendSync<bool>("sync");

        Assert.StartsWith(ReaderThread, thread);
    }

    [Theory, MemberData(nameof(OsTransports))]
    public async Task MainRunsFireAndForgetListenersOnItsDispatcherThread(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var threads = new List<string?>();
        rig.Main.On("send", (_, _) => threads.Add(Thread.CurrentThread.Name));

        rig.Renderer.Send("send");
        rig.Renderer.Send("send");
        await rig.FlushAsync();

        Assert.Equal([DispatcherThread, DispatcherThread], threads);
    }

    [Theory, MemberData(nameof(OsTransports))]
    public async Task ARendererRunsMainsInvocationsOnItsDispatcherThreadNeverOnItsReader(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Renderer.Handle("where", (_, _) => Task.FromResult<object?>(Thread.CurrentThread.Name));

        string? thread = await rig.SenderOf(rig.Renderer).InvokeAsync<string>("where").Bounded();

        Assert.Equal(DispatcherThread, thread);
    }
}
