using Ipc.Dispatch;

namespace Ipc.Runtime.Tests.Infrastructure;

/// <summary>A dispatcher item that runs a delegate.</summary>
internal sealed class ActionItem(Action action) : IDispatchItem
{
    public void Run() => action();
}
