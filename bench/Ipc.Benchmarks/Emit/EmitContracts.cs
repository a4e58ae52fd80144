namespace Ipc.Benchmarks.Emit;

/// <summary>
/// The typed channels of the emit suite; the source generator writes their listener wrappers. Their names are
/// prefixed so that they never meet the cross-process suites' contracts (channel names are unique per assembly).
/// </summary>
[IpcChannel]
public interface IEmitBench
{
    /// <summary>No argument: the emit path alone.</summary>
    [IpcChannelName("emit-tick")]
    void Tick();

    /// <summary>One int argument: the emit path plus reading an argument.</summary>
    void Count(int value);

    /// <summary>One record argument: the emit path plus reading an object with a few members.</summary>
    void Move(EmitPoint point);
}

/// <summary>The record argument of <see cref="IEmitBench.Move"/>: small, as a typical event's payload is.</summary>
/// <param name="X">A coordinate.</param>
/// <param name="Y">A coordinate.</param>
/// <param name="Label">A short text.</param>
public sealed record EmitPoint(int X, int Y, string Label);
