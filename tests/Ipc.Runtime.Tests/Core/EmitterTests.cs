using Ipc.Emitter;

namespace Ipc.Runtime.Tests.Core;

/// <summary>The listener registry's once rule under re-entrancy, which no message can reach: emits are queued.</summary>
public sealed class EmitterTests
{
    [Fact]
    public void AOnceListenerRunsOnceEvenWhenAnEarlierListenerEmitsAgainFirst()
    {
        var emitter = new ActionEmitter();
        IpcArgs none = IpcArgs.FromSection("ch", new byte[4], JsonIpcSerializer.Default);
        int onceRan = 0;
        bool reentered = false;
        emitter.Add("ch", () =>
        {
            if (!reentered)
            {
                reentered = true;
                emitter.Emit("ch", 0, none); // its snapshot still holds the once-listener
            }
        });
        emitter.Add("ch", () => onceRan++, once: true);

        emitter.Emit("ch", 0, none);

        Assert.Equal(1, onceRan);
        Assert.Equal(1, emitter.Count("ch"));
    }

    private sealed class ActionEmitter : ListenerEmitter<Action, int>
    {
        public void Add(string channel, Action listener, bool once = false) => Add(channel, listener, listener, once, handsOutArguments: true);

        protected override void Invoke(Action listener, int e, IpcArgs args) => listener();

        protected override void OnListenerError(string channel, int e, Exception error) => throw new InvalidOperationException("a listener threw", error);
    }
}
