using System.Text.Json.Serialization;

namespace Ipc.Browser.Tests.Contracts;

/// <summary>A record the page builds from the generated TypeScript interface, its property names camel-cased by <see cref="PageJson"/>.</summary>
public sealed record Greeting(string Text, int Count, DateTimeOffset At, Mood Mood, IReadOnlyList<string> Tags, string? Note);

/// <summary>An enum, carried as its number.</summary>
public enum Mood
{
    Calm,
    Cheerful,
}

/// <summary>What the page sends to main.</summary>
[IpcChannel]
public interface IPageToMain
{
    /// <summary>"ready" once the page is listening; "ping" asks main for a <see cref="IMainToPage.Pong"/>.</summary>
    void Ping(string text);

    /// <summary>A message in the interleaving test; main records its number.</summary>
    void Sequence(int n);

    /// <summary>An invocation in the interleaving test; main records its number and returns it.</summary>
    Task<int> Echo(int n);

    /// <summary>Returns its argument: the large-payload test sends 3 MiB.</summary>
    Task<string> EchoText(string text);

    /// <summary>Main's handler throws <see cref="InvalidOperationException"/> with this message.</summary>
    Task Fail(string message);

    /// <summary>Returns the greeting with its count plus one.</summary>
    Task<Greeting> Greet(Greeting greeting);

    /// <summary>Returns the bytes reversed: a Uint8Array each way, as raw bytes.</summary>
    Task<byte[]> Reverse(byte[] data);

    /// <summary>Waits until cancelled: the page aborts it with an <c>AbortSignal</c>.</summary>
    Task Slow(CancellationToken cancellationToken);

    /// <summary>A synchronous channel: web pages cannot send it, and their typings leave it out.</summary>
    string Sync(string text);
}

/// <summary>What main sends to the page, and asks of it.</summary>
[IpcChannel(IpcDirection.MainToRenderer)]
public interface IMainToPage
{
    /// <summary>Main's answer to a "ping".</summary>
    void Pong(string text);

    /// <summary>Asks the page to run one of its scenarios and say what it saw.</summary>
    Task<string> Run(string scenario);

    /// <summary>A main → page invocation the page's handler answers.</summary>
    Task<int> Add(int a, int b);

    /// <summary>A handler that never answers, until the page closes or main cancels.</summary>
    Task<string> Hang(CancellationToken cancellationToken);
}

/// <summary>The serializer of both sides: the one place the property naming policy is set, for C# and for the generated TypeScript.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
public sealed partial class PageJson : JsonSerializerContext
{
}
