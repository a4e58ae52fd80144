using Ipc.CompilerServices;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Serving;

/// <summary>
/// <see cref="IpcCallScope"/>, what generated <c>Serve</c> adapters make <see cref="IpcCallContext.Current"/> with: current
/// during the call and across an awaitable member's awaits, restored on the thread at once, ended for everyone with the call.
/// </summary>
public sealed class IpcCallScopeTests : IDisposable
{
    private readonly IpcMain _main = new();
    private readonly IpcRenderer _renderer;

    public IpcCallScopeTests() => _renderer = _main.ConnectInProcess();

    public void Dispose() => _main.Dispose();

    private IpcSender Sender => Assert.Single(_main.Renderers);

    [Fact]
    public void AScopeMakesItsCallCurrentAndItsDisposalRestoresTheOneBefore()
    {
        Assert.Null(IpcCallContext.Current);
        using (IpcCallScope outer = IpcCallScope.Enter(new IpcRendererEvent(_renderer, "outer")))
        {
            IpcCallContext outerContext = Assert.IsType<IpcCallContext>(IpcCallContext.Current);
            using (IpcCallScope inner = IpcCallScope.Enter(new IpcMainInvokeEvent(Sender, "inner", CancellationToken.None)))
            {
                Assert.Equal("inner", IpcCallContext.Current?.Channel);
            }

            Assert.Same(outerContext, IpcCallContext.Current);
        }

        Assert.Null(IpcCallContext.Current);
    }

    [Fact]
    public void MainsContextNamesTheSenderAndARenderersNamesTheRenderer()
    {
        using var cancellation = new CancellationTokenSource();

        IpcCallContext onMain = ContextOf(IpcCallScope.Enter(new IpcMainInvokeEvent(Sender, "on-main", cancellation.Token)));
        IpcCallContext onRenderer = ContextOf(IpcCallScope.Enter(new IpcRendererInvokeEvent(_renderer, "on-renderer", cancellation.Token)));
        IpcCallContext message = ContextOf(IpcCallScope.Enter(new IpcMainEvent(Sender.Peer, "message", reply: null)));

        Assert.Equal(("on-main", cancellation.Token), (onMain.Channel, onMain.CancellationToken));
        Assert.Same(Sender, onMain.Sender);
        Assert.Null(onMain.Renderer);
        Assert.Equal(("on-renderer", cancellation.Token), (onRenderer.Channel, onRenderer.CancellationToken));
        Assert.Same(_renderer, onRenderer.Renderer);
        Assert.Null(onRenderer.Sender);
        Assert.Equal(CancellationToken.None, message.CancellationToken);
        Assert.Same(Sender, message.Sender);
    }

    [Fact]
    public async Task WorkACallLeavesRunningSeesTheCallWhileItLastsAndNullOnceItEnds()
    {
        var callEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readDuring = new TaskCompletionSource<IpcCallContext?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<IpcCallContext?> leftRunning;
        IpcCallContext? during;
        using (IpcCallScope.Enter(new IpcRendererEvent(_renderer, "message")))
        {
            leftRunning = Task.Run(async () =>
            {
                readDuring.SetResult(IpcCallContext.Current);
                await callEnded.Task;
                return IpcCallContext.Current;
            });
            during = await readDuring.Task.Bounded();
        }

        callEnded.SetResult();

        Assert.Equal("message", during?.Channel);
        Assert.Null(await leftRunning.Bounded());
    }

    [Fact]
    public async Task UntilKeepsTheCallCurrentAcrossTheMembersAwaitsAndEndsItWithTheMembersTask()
    {
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<IpcCallContext?> leftRunning = Task.FromResult<IpcCallContext?>(null);
        Task<IpcCallContext?> call;
        using (IpcCallScope scope = IpcCallScope.Enter(new IpcRendererInvokeEvent(_renderer, "invoke", CancellationToken.None)))
        {
            call = scope.Until(MemberAsync());
        }

        Assert.Null(IpcCallContext.Current); // the calling thread is restored before the member completes
        resume.SetResult();
        Assert.Equal("invoke", (await call.Bounded())?.Channel);
        callEnded.SetResult();
        Assert.Null(await leftRunning.Bounded());

        async Task<IpcCallContext?> MemberAsync()
        {
            await resume.Task;
            leftRunning = Task.Run(async () =>
            {
                await callEnded.Task;
                return IpcCallContext.Current;
            });
            return IpcCallContext.Current;
        }
    }

    [Fact]
    public async Task UntilOfEveryAwaitableShapeCompletesAsTheMembersTaskDoes()
    {
        var resume = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task task;
        Task<int> taskOfT;
        ValueTask valueTask;
        ValueTask<int> valueTaskOfT;
        using (IpcCallScope scope = IpcCallScope.Enter(new IpcRendererEvent(_renderer, "shapes")))
        {
            task = scope.Until((Task)resume.Task);
            taskOfT = scope.Until(resume.Task);
            valueTask = scope.Until(new ValueTask(resume.Task));
            valueTaskOfT = scope.Until(new ValueTask<int>(resume.Task));
        }

        resume.SetResult(42);

        await task.Bounded();
        Assert.Equal(42, await taskOfT.Bounded());
        await valueTask.AsTask().Bounded();
        Assert.Equal(42, await valueTaskOfT.AsTask().Bounded());
    }

    [Fact]
    public async Task UntilPassesOnTheMembersExceptionAndCancellation()
    {
        var fail = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancel = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> failed;
        Task<int> cancelled;
        using (IpcCallScope scope = IpcCallScope.Enter(new IpcRendererEvent(_renderer, "faults")))
        {
            failed = scope.Until(fail.Task);
            cancelled = scope.Until(cancel.Task);
        }

        fail.SetException(new InvalidOperationException("member failed"));
        cancel.SetCanceled();

        Assert.Equal("member failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => failed.Bounded())).Message);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Bounded());
        Assert.True(cancelled.IsCanceled);
    }

    [Fact]
    public void UntilOfACompletedTaskReturnsItAndTheScopeEndsTheCall()
    {
        Task<int> completed = Task.FromResult(1);
        IpcCallContext context;
        using (IpcCallScope scope = IpcCallScope.Enter(new IpcRendererEvent(_renderer, "done")))
        {
            Assert.Same(completed, scope.Until(completed));
            context = IpcCallContext.Current!;
        }

        Assert.Null(IpcCallContext.Current);
        Assert.NotNull(context);
    }

    [Fact]
    public void TheDefaultScopeEntersNothingAndRestoresNothing()
    {
        using (IpcCallScope.Enter(new IpcRendererEvent(_renderer, "outer")))
        {
            IpcCallScope none = default;
            Task<int> task = Task.FromResult(1);

            Assert.Same(task, none.Until(task));
            none.Dispose();

            Assert.Equal("outer", IpcCallContext.Current?.Channel);
        }
    }

    [Fact]
    public void EnteringWithoutAnEventThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => IpcCallScope.Enter((IpcMainEvent)null!));
        Assert.Throws<ArgumentNullException>(() => IpcCallScope.Enter((IpcMainInvokeEvent)null!));
        Assert.Throws<ArgumentNullException>(() => IpcCallScope.Enter((IpcRendererEvent)null!));
        Assert.Throws<ArgumentNullException>(() => IpcCallScope.Enter((IpcRendererInvokeEvent)null!));
        Assert.Null(IpcCallContext.Current);
    }

    /// <summary>The context <paramref name="scope"/> made current, read before the scope ends.</summary>
    private static IpcCallContext ContextOf(IpcCallScope scope)
    {
        using (scope)
        {
            return Assert.IsType<IpcCallContext>(IpcCallContext.Current);
        }
    }
}
