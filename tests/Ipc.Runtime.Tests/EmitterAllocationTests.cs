using Ipc.Emitter;

namespace Ipc.Runtime.Tests;

public sealed class EmitterAllocationTests
{
    [Fact]
    public void EmitAllocatesNothingInSteadyState()
    {
        var emitter = new CountingEmitter();
        emitter.AddListener(() => { });
        emitter.AddListener(() => { });
        IpcArgs args = IpcArgs.FromSection("ch", new byte[4], JsonIpcSerializer.Default); // no arguments
        emitter.Emit("ch", 0, args); // warm up

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            emitter.Emit("ch", i, args);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(2_002, emitter.Calls);
    }

    private sealed class CountingEmitter : ListenerEmitter<Action, int>
    {
        public int Calls;

        public void AddListener(Action listener) => Add("ch", listener, listener, once: false, handsOutArguments: true);

        protected override void Invoke(Action listener, int e, IpcArgs args)
        {
            Calls++;
            listener();
        }

        protected override void OnListenerError(string channel, int e, Exception error)
        {
        }
    }
}
