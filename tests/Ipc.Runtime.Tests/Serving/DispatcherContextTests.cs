using Ipc.CompilerServices;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Serving;

/// <summary>
/// An endpoint's dispatcher thread starts with none of the execution context of whoever queued its first item, so a
/// served call that wakes another endpoint's loop (in process, the sender's thread queues) does not lend it its
/// <see cref="IpcCallContext"/>.
/// </summary>
public sealed class DispatcherContextTests
{
    [Fact]
    public async Task ADispatcherThreadStartedDuringAServedCallDoesNotSeeThatCall()
    {
        var seen = new TaskCompletionSource<(bool Ran, IpcCallContext? Context)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var outer = new IpcMain();
        using IpcRenderer outerRenderer = outer.ConnectInProcess();
        using (IpcCallScope.Enter(new IpcRendererEvent(outerRenderer, "outer-call")))
        {
            // Everything of this endpoint starts inside the call, so its dispatcher's thread does too.
            using var main = new IpcMain();
            main.On("probe", (_, _) => seen.TrySetResult((true, IpcCallContext.Current)));
            using IpcRenderer renderer = main.ConnectInProcess();

            renderer.Send("probe");

            (bool ran, IpcCallContext? context) = await seen.Task.Bounded();
            Assert.True(ran);
            Assert.Null(context);
        }
    }
}
