using System.Text.Json.Serialization;
using Ipc;

namespace AotReady;

public sealed record Size(double Width, double Height);

public sealed record Area(double Value, string Unit);

/// <summary>What renderers ask main about shapes.</summary>
[IpcChannel]
public interface IShapes
{
    /// <summary>Answered synchronously through ReturnValue.</summary>
    Area Measure(Size size);

    /// <summary>Request/reply.</summary>
    Task<Size> Scale(Size size, double factor, CancellationToken ct = default);

    /// <summary>Fire and forget; main answers on <see cref="IShapeNotes.Noted"/>.</summary>
    void Note(string text, int priority);
}

/// <summary>What main tells a renderer.</summary>
[IpcChannel(IpcDirection.MainToRenderer)]
public interface IShapeNotes
{
    /// <summary>Acknowledges <see cref="IShapes.Note"/>.</summary>
    void Noted(string text, Size last);
}

/// <summary>
/// Every type that crosses the wire: parameters and return values of the contracts. The IpcGen generator
/// cannot add them here (one generator never sees another's output), so they are listed by hand.
/// </summary>
[JsonSerializable(typeof(Size))]
[JsonSerializable(typeof(Area))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
internal sealed partial class PayloadContext : JsonSerializerContext;
