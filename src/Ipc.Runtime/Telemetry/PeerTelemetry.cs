using System.Diagnostics;

namespace Ipc.Telemetry;

/// <summary>What the spans and measurements of one connection say about it, fixed when it opens.</summary>
/// <param name="role"><c>main</c> or <c>renderer</c>: the end that records.</param>
/// <param name="networkTransport"><c>unix</c>, <c>pipe</c> or <c>inproc</c>.</param>
/// <param name="rendererId">The renderer at the other end (main) or this renderer's own id.</param>
/// <param name="carriesTraceContext">True when both ends agreed in the handshake to carry trace context in frames.</param>
[DebuggerDisplay("{Role} over {NetworkTransport}, renderer {RendererId}, trace context {CarriesTraceContext}")]
internal sealed class PeerTelemetry(string role, string networkTransport, int rendererId, bool carriesTraceContext)
{
    public const string Main = "main";
    public const string Renderer = "renderer";

    public string Role { get; } = role;

    public string NetworkTransport { get; } = networkTransport;

    public int RendererId { get; } = rendererId;

    /// <summary>
    /// True when frames to and from the other end may carry a W3C trace context: both ends agreed to it in the
    /// handshake. A peer that did not agree never receives the field, and a frame from it that has one is malformed.
    /// </summary>
    public bool CarriesTraceContext { get; } = carriesTraceContext;

    /// <summary>Settings for a connection whose handshake has not told anything (tests, an old peer): no trace context.</summary>
    public static PeerTelemetry Plain(string role, string networkTransport) => new(role, networkTransport, 0, carriesTraceContext: false);
}
