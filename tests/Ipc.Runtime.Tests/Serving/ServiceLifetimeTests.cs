using Ipc.CompilerServices;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Serving;

/// <summary>
/// <see cref="IpcCallScope.Activate{TContract}"/>: the instance that serves a call comes from its activator with the call
/// current, and what the activator says to dispose is disposed once the call has ended, without blocking the dispatcher
/// and without a failed disposal changing the call's outcome (it is reported through the endpoint's <c>Error</c>).
/// </summary>
public sealed class ServiceLifetimeTests : IDisposable
{
    private readonly IpcMain _main = new();
    private readonly IpcRenderer _renderer;

    public ServiceLifetimeTests() => _renderer = _main.ConnectInProcess();

    public interface IProbe;

    public void Dispose() => _main.Dispose();

    private IpcSender Sender => Assert.Single(_main.Renderers);

    [Fact]
    public void TheActivatorSeesTheCallAsCurrentAndTheLifetimeIsDisposedWhenTheScopeEndsIt()
    {
        var lifetime = new Lifetime();
        var activator = new Activator(lifetime);
        bool disposedDuringCall;
        using (IpcCallScope scope = IpcCallScope.Enter(new IpcMainEvent(Sender.Peer, "message", reply: null)))
        {
            Assert.Same(activator.Service, scope.Activate(activator));
            disposedDuringCall = lifetime.Disposed.Task.IsCompleted;
        }

        Assert.False(disposedDuringCall);
        Assert.True(lifetime.Disposed.Task.IsCompletedSuccessfully);
        Assert.Equal("message", activator.Context?.Channel);
        Assert.Same(activator.Context, activator.Current);
        Assert.Null(lifetime.CurrentAtDisposal); // the call had ended
    }

    [Fact]
    public async Task ALifetimeIsDisposedOnlyOnceTheMembersTaskCompletesAndUntilsTaskAfterThat()
    {
        var lifetime = new Lifetime();
        var member = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> call;
        using (IpcCallScope scope = IpcCallScope.Enter(new IpcMainInvokeEvent(Sender, "invoke", CancellationToken.None)))
        {
            scope.Activate(new Activator(lifetime));
            call = scope.Until(member.Task);
        }

        Assert.False(lifetime.Disposed.Task.IsCompleted);
        member.SetResult(7);

        Assert.Equal(7, await call.Bounded());
        Assert.True(lifetime.Disposed.Task.IsCompletedSuccessfully);
        Assert.Null(lifetime.CurrentAtDisposal);
    }

    [Fact]
    public async Task AFaultedOrCancelledMemberStillHasItsLifetimeDisposedAndKeepsItsOutcome()
    {
        var faultedLifetime = new Lifetime();
        var cancelledLifetime = new Lifetime();
        var fail = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancel = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> failed;
        ValueTask cancelled;
        using (IpcCallScope scope = IpcCallScope.Enter(new IpcMainInvokeEvent(Sender, "fails", CancellationToken.None)))
        {
            scope.Activate(new Activator(faultedLifetime));
            failed = scope.Until(fail.Task);
        }

        using (IpcCallScope scope = IpcCallScope.Enter(new IpcRendererInvokeEvent(_renderer, "cancelled", CancellationToken.None)))
        {
            scope.Activate(new Activator(cancelledLifetime));
            cancelled = scope.Until(new ValueTask(cancel.Task));
        }

        fail.SetException(new InvalidOperationException("member failed"));
        cancel.SetCanceled();

        Assert.Equal("member failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => failed.Bounded())).Message);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.AsTask().Bounded());
        Assert.True(faultedLifetime.Disposed.Task.IsCompletedSuccessfully);
        Assert.True(cancelledLifetime.Disposed.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public void AMemberThatThrowsBeforeReturningItsTaskHasItsLifetimeDisposedByTheScope()
    {
        var lifetime = new Lifetime();

        Assert.Throws<InvalidOperationException>(Call);

        Assert.True(lifetime.Disposed.Task.IsCompletedSuccessfully);

        void Call()
        {
            using IpcCallScope scope = IpcCallScope.Enter(new IpcMainInvokeEvent(Sender, "throws", CancellationToken.None));
            scope.Activate(new Activator(lifetime));
            throw new InvalidOperationException("before any task");
        }
    }

    [Fact]
    public async Task AnAsynchronousDisposalAtTheEndOfASyncCallRunsOnInTheBackgroundAndItsFailureIsReported()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lifetime = new Lifetime { Before = release.Task, Failure = new InvalidOperationException("scope disposal failed") };
        IpcErrorEventArgs reported = await ReportedBy(_main, () =>
        {
            using (IpcCallScope scope = IpcCallScope.Enter(new IpcMainEvent(Sender.Peer, "message", reply: null)))
            {
                scope.Activate(new Activator(lifetime));
            }

            Assert.True(lifetime.Started); // Dispose began the disposal and returned without waiting for it
            Assert.False(lifetime.Disposed.Task.IsCompleted);
            release.SetResult();
        });

        Assert.Equal("scope disposal failed", reported.Exception.Message);
        Assert.Equal("message", reported.Channel);
        Assert.Same(Sender, reported.Sender);
    }

    [Fact]
    public async Task ADisposalThatThrowsIsReportedNotThrownAndLeavesTheMembersResult()
    {
        var throwing = new Lifetime { Failure = new InvalidOperationException("thrown at once"), FailSynchronously = true };
        var failingLater = new Lifetime { Before = Task.Delay(1), Failure = new InvalidOperationException("thrown after an await") };
        var member = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> call = Task.FromResult(0);

        IpcErrorEventArgs atOnce = await ReportedBy(_renderer, () =>
        {
            using IpcCallScope scope = IpcCallScope.Enter(new IpcRendererEvent(_renderer, "sync"));
            scope.Activate(new Activator(throwing));
        });
        IpcErrorEventArgs later = await ReportedBy(_main, () =>
        {
            using (IpcCallScope scope = IpcCallScope.Enter(new IpcMainInvokeEvent(Sender, "invoke", CancellationToken.None)))
            {
                scope.Activate(new Activator(failingLater));
                call = scope.Until(member.Task);
            }

            member.SetResult(5);
        });

        Assert.Equal(("thrown at once", "sync"), (atOnce.Exception.Message, atOnce.Channel));
        Assert.Null(atOnce.Sender);
        Assert.Equal(("thrown after an await", "invoke"), (later.Exception.Message, later.Channel));
        Assert.Equal(5, await call.Bounded());
    }

    [Fact]
    public void ASecondActivationOfOneCallThrowsAndTheFirstLifetimeIsStillDisposed()
    {
        var first = new Lifetime();

        using (IpcCallScope scope = IpcCallScope.Enter(new IpcMainEvent(Sender.Peer, "twice", reply: null)))
        {
            scope.Activate(new Activator(first));
            Assert.Throws<InvalidOperationException>(() => scope.Activate(new Activator(new Lifetime())));
        }

        Assert.True(first.Disposed.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public void ActivatingInTheDefaultScopeOrWithoutAnActivatorThrows()
    {
        IpcCallScope none = default;

        Assert.Throws<InvalidOperationException>(() => none.Activate(new Activator(new Lifetime())));
        using IpcCallScope scope = IpcCallScope.Enter(new IpcMainEvent(Sender.Peer, "none", reply: null));
        Assert.Throws<ArgumentNullException>(() => scope.Activate<IProbe>(null!));
    }

    [Fact]
    public void AnActivatorThatSuppliesNoInstanceFailsTheCallSayingSo()
    {
        using IpcCallScope scope = IpcCallScope.Enter(new IpcMainEvent(Sender.Peer, "empty", reply: null));

        var error = Assert.Throws<InvalidOperationException>(() => scope.Activate(new EmptyActivator()));

        Assert.Contains("supplied no instance", error.Message, StringComparison.Ordinal);
        Assert.Contains("'empty'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OfSuppliesTheSameInstanceForEveryCallWithNothingToDispose()
    {
        var service = new Probe();
        IIpcServiceActivator<IProbe> activator = IpcServiceActivator.Of<IProbe>(service);

        using IpcCallScope first = IpcCallScope.Enter(new IpcMainEvent(Sender.Peer, "first", reply: null));
        IpcServiceInstance<IProbe> once = activator.Activate(IpcCallContext.Current!);
        IpcServiceInstance<IProbe> again = activator.Activate(IpcCallContext.Current!);

        Assert.Same(service, once.Service);
        Assert.Same(service, again.Service);
        Assert.Null(once.Lifetime);
    }

    [Fact]
    public void AnInstanceNeedsAServiceAndOfNeedsAnInstance()
    {
        Assert.Equal("service", Assert.Throws<ArgumentNullException>(() => new IpcServiceInstance<IProbe>(null!)).ParamName);
        Assert.Equal("instance", Assert.Throws<ArgumentNullException>(() => IpcServiceActivator.Of<IProbe>(null!)).ParamName);
    }

    /// <summary>Runs <paramref name="act"/> and returns the first error that <paramref name="endpoint"/> then reports.</summary>
    private static async Task<IpcErrorEventArgs> ReportedBy(IpcMain endpoint, Action act)
    {
        var reported = new TaskCompletionSource<IpcErrorEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        endpoint.Error += (_, e) => reported.TrySetResult(e);
        act();
        return await reported.Task.Bounded();
    }

    /// <inheritdoc cref="ReportedBy(IpcMain, Action)"/>
    private static async Task<IpcErrorEventArgs> ReportedBy(IpcRenderer endpoint, Action act)
    {
        var reported = new TaskCompletionSource<IpcErrorEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        endpoint.Error += (_, e) => reported.TrySetResult(e);
        act();
        return await reported.Task.Bounded();
    }

    private sealed class Probe : IProbe;

    /// <summary>Supplies one new <see cref="Probe"/> with <paramref name="lifetime"/>, recording what it saw.</summary>
    private sealed class Activator(Lifetime lifetime) : IIpcServiceActivator<IProbe>
    {
        public IProbe Service { get; } = new Probe();

        public IpcCallContext? Context { get; private set; }

        public IpcCallContext? Current { get; private set; }

        public IpcServiceInstance<IProbe> Activate(IpcCallContext context)
        {
            Context = context;
            Current = IpcCallContext.Current;
            return new IpcServiceInstance<IProbe>(Service, lifetime);
        }
    }

    /// <summary>Returns a <c>default</c> instance, which serves nothing.</summary>
    private sealed class EmptyActivator : IIpcServiceActivator<IProbe>
    {
        public IpcServiceInstance<IProbe> Activate(IpcCallContext context) => default;
    }

    /// <summary>A lifetime that records its disposal; it can wait for <see cref="Before"/> and then fail.</summary>
    private sealed class Lifetime : IAsyncDisposable
    {
        public TaskCompletionSource Disposed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task? Before { get; init; }

        public Exception? Failure { get; init; }

        public bool FailSynchronously { get; init; }

        public bool Started { get; private set; }

        public IpcCallContext? CurrentAtDisposal { get; private set; }

        public ValueTask DisposeAsync()
        {
            Started = true;
            CurrentAtDisposal = IpcCallContext.Current;
            if (FailSynchronously && Failure is not null)
            {
                throw Failure;
            }

            return Before is null && Failure is null ? Done() : new ValueTask(DisposeLaterAsync());
        }

        private ValueTask Done()
        {
            Disposed.TrySetResult();
            return ValueTask.CompletedTask;
        }

        private async Task DisposeLaterAsync()
        {
            if (Before is not null)
            {
                await Before;
            }

            Disposed.TrySetResult();
            if (Failure is not null)
            {
                throw Failure;
            }
        }
    }
}
