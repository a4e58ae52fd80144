using Ipc.CompilerServices;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Serving;

/// <summary>
/// <see cref="IpcServedContract"/>, what a generated <c>Serve</c> registers through and returns: one serving of a contract
/// per endpoint, all or nothing registered, and disposal that removes exactly what it added.
/// </summary>
public sealed class IpcServedContractTests : IDisposable
{
    private readonly IpcMain _main = new();

    private interface IProbeContract;

    public void Dispose() => _main.Dispose();

    [Fact]
    public void ASecondServingOfAContractOnOneEndpointThrowsSayingItIsAlreadyServed()
    {
        using IpcServedContract first = IpcServedContract.Begin(_main, typeof(IProbeContract));

        var error = Assert.Throws<InvalidOperationException>(() => IpcServedContract.Begin(_main, typeof(IProbeContract)));

        Assert.Contains(typeof(IProbeContract).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("already served on this IpcMain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EachEndpointServesAContractForItself()
    {
        using var other = new IpcMain();
        using IpcRenderer renderer = _main.ConnectInProcess();

        using IpcServedContract onMain = IpcServedContract.Begin(_main, typeof(IProbeContract));
        using IpcServedContract onOtherMain = IpcServedContract.Begin(other, typeof(IProbeContract));
        using IpcServedContract onRenderer = IpcServedContract.Begin(renderer, typeof(IProbeContract));
    }

    [Fact]
    public void DisposalGivesTheContractBackAndMayBeRepeated()
    {
        IpcServedContract first = IpcServedContract.Begin(_main, typeof(IProbeContract));

        first.Dispose();
        first.Dispose();

        using IpcServedContract second = IpcServedContract.Begin(_main, typeof(IProbeContract));
    }

    [Fact]
    public void DisposalRemovesTheListenersAndHandlersItAddedAndNoOthers()
    {
        var messages = new ProbeListenerChannel(_main);
        var calls = new ProbeHandlerChannel(_main);
        ProbeListener own = _ => { };
        messages.On(own);
        IpcServedContract served = IpcServedContract.Begin(_main, typeof(IProbeContract));
        served.Listen(messages, _ => { });
        served.Handle(calls, _ => Task.CompletedTask);

        served.Dispose();

        Assert.Equal(1, _main.ListenerCount(ProbeListenerChannel.Name));
        calls.Handle(_ => Task.CompletedTask); // the handler is gone: a new one is accepted
    }

    [Fact]
    public void AHandlerThatCannotBeRegisteredUndoesEverythingBeforeItAndGivesTheContractBack()
    {
        var messages = new ProbeListenerChannel(_main);
        var calls = new ProbeHandlerChannel(_main);
        calls.Handle(_ => Task.CompletedTask);
        IpcServedContract served = IpcServedContract.Begin(_main, typeof(IProbeContract));
        served.Listen(messages, _ => { });

        var error = Assert.Throws<InvalidOperationException>(() => served.Handle(calls, _ => Task.CompletedTask));

        Assert.Contains("'" + ProbeHandlerChannel.Name + "' already has a handler", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal(0, _main.ListenerCount(ProbeListenerChannel.Name));
        using IpcServedContract again = IpcServedContract.Begin(_main, typeof(IProbeContract));
    }

    [Fact]
    public void RegisteringAfterDisposalThrowsObjectDisposedException()
    {
        IpcServedContract served = IpcServedContract.Begin(_main, typeof(IProbeContract));
        served.Dispose();

        Assert.Throws<ObjectDisposedException>(() => served.Listen(new ProbeListenerChannel(_main), _ => { }));
        Assert.Equal(0, _main.ListenerCount(ProbeListenerChannel.Name));
    }

    [Fact]
    public void DisposalAfterTheEndpointsDoesNotThrow()
    {
        var main = new IpcMain();
        IpcServedContract served = IpcServedContract.Begin(main, typeof(IProbeContract));
        served.Listen(new ProbeListenerChannel(main), _ => { });
        main.Dispose();

        served.Dispose();
    }

    [Fact]
    public void BeginWithoutAnEndpointOrContractThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => IpcServedContract.Begin((IpcMain)null!, typeof(IProbeContract)));
        Assert.Throws<ArgumentNullException>(() => IpcServedContract.Begin((IpcRenderer)null!, typeof(IProbeContract)));
        Assert.Throws<ArgumentNullException>(() => IpcServedContract.Begin(_main, null!));
    }
}
