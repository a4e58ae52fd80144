using Ipc.CompilerServices;
using Ipc.Generators.Tests.Contracts;
using Ipc.Generators.Tests.Infrastructure;
using Ipc.Generators.Tests.Serving;

namespace Ipc.Generators.Tests;

/// <summary>
/// <see cref="IpcContracts.Find{TContract}"/> over the code generated at this project's build: what a generic host,
/// which knows a contract only as a type parameter, serves and calls it through, end to end in process.
/// </summary>
public sealed class ContractRegistryTests : IDisposable
{
    // A guard against a hang, never a timing assertion.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly IpcMain _main = new();

    public void Dispose() => _main.Dispose();

    /// <summary>An interface like a contract, but without <see cref="IpcChannelAttribute"/>: nothing is generated for it.</summary>
    public interface INotAContract
    {
        void Ping();
    }

    [Fact]
    public async Task ARendererToMainBindingServesOnMainAndGivesTheRenderersProxy()
    {
        IpcContractBinding<IPingPong> binding = Assert.IsType<IpcContractBinding<IPingPong>>(IpcContracts.Find<IPingPong>());
        using IpcRenderer renderer = _main.ConnectInProcess();

        using IDisposable serving = Assert.IsType<Func<IpcMain, IIpcServiceActivator<IPingPong>, IDisposable>>(binding.ServeOnMain)(_main, IpcServiceActivator.Of<IPingPong>(new ServedPingPong()));
        IPingPong toMain = Assert.IsType<Func<IpcRenderer, IPingPong>>(binding.RendererProxy)(renderer);

        Assert.Equal(IpcDirection.RendererToMain, binding.Direction);
        Assert.Equal("ping-pong", toMain.SynchronousMessage("ping"));
        Assert.Equal(5, await toMain.Add(2, 3).WaitAsync(s_hangGuard));
        Assert.Null(binding.ServeOnRenderer);
        Assert.Null(binding.Broadcast);
        Assert.Null(binding.SenderProxy);
    }

    [Fact]
    public async Task AMainToRendererBindingServesOnARendererAndGivesMainsProxyToIt()
    {
        IpcContractBinding<IPingPongReplies> binding = Assert.IsType<IpcContractBinding<IPingPongReplies>>(IpcContracts.Find<IPingPongReplies>());
        var activator = new RecordingActivator<IPingPongReplies>(_ => new ServedPingPongReplies());
        using IpcRenderer renderer = _main.ConnectInProcess(r => binding.ServeOnRenderer!(r, activator));

        IPingPongReplies toRenderer = Assert.IsType<Func<IpcSender, IPingPongReplies>>(binding.SenderProxy)(Assert.Single(_main.Renderers));

        Assert.Equal(IpcDirection.MainToRenderer, binding.Direction);
        Assert.Equal("status:x", await toRenderer.Status("x").WaitAsync(s_hangGuard));
        Assert.Single(activator.Activations);
        Assert.Null(binding.Broadcast); // the contract has invocations: its broadcast is no IPingPongReplies
        Assert.Null(binding.ServeOnMain);
        Assert.Null(binding.RendererProxy);
    }

    [Fact]
    public async Task AMainToRendererBindingOfMessagesOnlyBroadcastsToEveryRenderer()
    {
        IpcContractBinding<IPingPongNotices> binding = Assert.IsType<IpcContractBinding<IPingPongNotices>>(IpcContracts.Find<IPingPongNotices>());
        var first = new Notices();
        var second = new Notices();
        using IpcRenderer one = _main.ConnectInProcess(r => binding.ServeOnRenderer!(r, IpcServiceActivator.Of<IPingPongNotices>(first)));
        using IpcRenderer two = _main.ConnectInProcess(r => binding.ServeOnRenderer!(r, IpcServiceActivator.Of<IPingPongNotices>(second)));

        Assert.IsType<Func<IpcMain, IPingPongNotices>>(binding.Broadcast)(_main).Notice("to all");

        Assert.Equal("to all", await first.Received.Task.WaitAsync(s_hangGuard));
        Assert.Equal("to all", await second.Received.Task.WaitAsync(s_hangGuard));
    }

    [Fact]
    public void AnInterfaceWithoutIpcChannelHasNoBinding()
    {
        Assert.Null(IpcContracts.Find<INotAContract>());
    }

    [Fact]
    public void FindRunsTheModuleInitializerOfAContractWhoseAssemblyHasRunNoCodeYet()
    {
        System.Reflection.Assembly contracts = GeneratorHarness.CompileAndLoad("""
            using Ipc;

            namespace Fresh;

            [IpcChannel]
            public interface IFreshlyLoaded
            {
                void Ping();
            }
            """);
        Type contract = contracts.GetType("Fresh.IFreshlyLoaded", throwOnError: true)!;

        // Reflection only because the contract exists at run time alone; a host names it as a type argument.
        object? binding = typeof(IpcContracts).GetMethod(nameof(IpcContracts.Find))!.MakeGenericMethod(contract).Invoke(null, null);

        Assert.NotNull(binding);
        Assert.Equal(typeof(IpcContractBinding<>).MakeGenericType(contract), binding.GetType());
    }

    [Fact]
    public void TheRegistrationCompilesForAContractNamedLikeItAndForContractsSharingAStemInANamespace()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run("""
            using Ipc;

            namespace Demo;

            [IpcChannel]
            public interface IRegisterIpcContract
            {
                void Ping();
            }

            public static class Left
            {
                [IpcChannel(IpcDirection.MainToRenderer)]
                public interface ISettings
                {
                    void Changed(string key);
                }
            }

            public static class Right
            {
                [IpcChannel(IpcDirection.MainToRenderer)]
                public interface ISettings
                {
                    void Reset();
                }
            }
            """);

        outcome.AssertNoProblems();
        Assert.Equal(3, outcome.Sources.Count);
    }

    private sealed class Notices : IPingPongNotices
    {
        public TaskCompletionSource<string> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Notice(string text) => Received.TrySetResult(text);
    }
}
