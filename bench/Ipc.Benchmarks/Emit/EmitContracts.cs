namespace Ipc.Benchmarks.Emit;

/// <summary>The typed channels of the emit suite; the source generator writes their listener wrappers.</summary>
[IpcChannel]
public interface IEmitBench
{
    /// <summary>No argument: the emit path alone.</summary>
    void Tick();

    /// <summary>One int argument: the emit path plus reading an argument.</summary>
    void Count(int value);
}
