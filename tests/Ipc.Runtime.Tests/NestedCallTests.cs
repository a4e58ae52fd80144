using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>Calls made from inside other calls, in both directions: they complete, or fail at once saying why.</summary>
public sealed class NestedCallTests
{
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AMainHandlerThatAwaitsTheSendersInvokeDuringItsOwnInvokeCompletes(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Renderer.Handle("double", (_, args) => Task.FromResult<object?>(args.Get<int>(0) * 2));
        rig.Main.Handle("quadruple", async (e, args) =>
        {
            int twice = await e.Sender.InvokeAsync<int>("double", args.Get<int>(0));
            return twice * 2;
        });

        Assert.Equal(12, await rig.Renderer.InvokeAsync<int>("quadruple", 3).Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ARendererHandlerThatAwaitsMainsInvokeCompletes(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.Handle("base", (_, _) => Task.FromResult<object?>(40));
        rig.Renderer.Handle("answer", async (e, _) => await e.Sender.InvokeAsync<int>("base") + 2);

        Assert.Equal(42, await rig.SenderOf(rig.Renderer).InvokeAsync<int>("answer").Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ARendererHandlerMaySendSyncToMain(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.On("sync", (e, _) => e.ReturnValue = "from main");
        rig.Renderer.Handle("ask", (e, _) => Task.FromResult<object?>(e.Sender.SendSync<string>("sync")));

        Assert.Equal("from main", await rig.SenderOf(rig.Renderer).InvokeAsync<string>("ask").Bounded());
    }

    /// <summary>
    /// The renderer's dispatcher blocks in SendSync; main's sync listener blocks on invoking that renderer, whose
    /// handler could only run after the SendSync returns. Both would wait for their timeouts: the renderer refuses
    /// the invocation at once instead, and both calls end with errors that say why.
    /// </summary>
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AnInvokeFromASyncListenerToARendererBlockedInThatSendSyncFailsAtOnce(TransportKind transport)
    {
        using var rig = new Rig(
            transport,
            new IpcMainOptions { RendererInvokeTimeout = Timeout.InfiniteTimeSpan },
            new IpcRendererOptions { SendSyncTimeout = Timeout.InfiniteTimeSpan });
        Exception? mainSaw = null;
        rig.Main.On("sync", (e, _) =>
        {
            try
            {
                e.ReturnValue = e.Sender.InvokeAsync<string>("inner").GetAwaiter().GetResult();
            }
            catch (Exception error)
            {
                mainSaw = error;
                throw;
            }
        });
        rig.Renderer.Handle("inner", (_, _) => Task.FromResult<object?>("never reached"));
        var rendererSaw = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Renderer.On("start", (e, _) => rendererSaw.SetResult(Record.Exception(() => e.Sender.SendSync<string>("sync"))));

        rig.SenderOf(rig.Renderer).Send("start");

        Assert.IsType<IpcRemoteException>(await rendererSaw.Task.Bounded());
        Assert.IsType<IpcException>(mainSaw);
        Assert.Contains("blocked in a SendSync", mainSaw!.Message);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ASyncListenerMayInvokeARendererWhoseSendSyncCameFromAnotherThread(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.On("sync", (e, _) => e.ReturnValue = e.Sender.InvokeAsync<string>("inner").GetAwaiter().GetResult());
        rig.Renderer.Handle("inner", (_, _) => Task.FromResult<object?>("from the renderer's handler"));

        string? answer = await Task.Run(() => rig.Renderer.SendSync<string>("sync")).Bounded();

        Assert.Equal("from the renderer's handler", answer);
    }
}
