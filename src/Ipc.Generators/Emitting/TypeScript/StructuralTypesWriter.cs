namespace Ipc.Generators.Emitting.TypeScript;

/// <summary>
/// Declares, in each module, the shapes of the IpcGen JavaScript client it needs. Structural on purpose: the module
/// imports nothing, so it type-checks alone and works with the client, a test double, or anything of the same shape.
/// </summary>
internal static class StructuralTypesWriter
{
    private const string ListenerType = $"(event: {ModuleNames.RendererEvent}, ...args: any[]) => void";
    private const string HandlerType = $"(event: {ModuleNames.HandlerEvent}, ...args: any[]) => unknown";

    public static void Write(IndentedWriter writer)
    {
        writer.Line("/** The renderer side of an IpcGen connection: the IpcGen JavaScript client, or any object of its shape. */");
        writer.OpenLine($"export interface {ModuleNames.Renderer} {{");
        writer.Line("send(channel: string, ...args: unknown[]): void;");
        writer.Line("invoke(channel: string, ...args: unknown[]): Promise<unknown>;");
        writer.Line($"invokeWith(options: {ModuleNames.InvokeOptions}, channel: string, ...args: unknown[]): Promise<unknown>;");
        writer.Line($"on(channel: string, listener: {ListenerType}): unknown;");
        writer.Line($"once(channel: string, listener: {ListenerType}): unknown;");
        writer.Line($"removeListener(channel: string, listener: {ListenerType}): unknown;");
        writer.Line($"handle(channel: string, handler: {HandlerType}): void;");
        writer.Line("removeHandler(channel: string): void;");
        writer.CloseBlock();
        writer.Line();
        writer.Line("/** What a listener receives first: who sent the message, and on which channel. */");
        writer.OpenLine($"export interface {ModuleNames.RendererEvent} {{");
        writer.Line("sender: unknown;");
        writer.Line("senderId: number;");
        writer.Line("channel: string;");
        writer.CloseBlock();
        writer.Line();
        writer.Line("/** What a handler receives first; its signal aborts when main cancels the invocation. */");
        writer.OpenLine($"export interface {ModuleNames.HandlerEvent} extends {ModuleNames.RendererEvent} {{");
        writer.Line("signal: AbortSignal;");
        writer.CloseBlock();
        writer.Line();
        writer.Line("/** Options of a call to main that can be cancelled. */");
        writer.OpenLine($"export interface {ModuleNames.InvokeOptions} {{");
        writer.Line("/** Aborting it cancels the call, and the CancellationToken main's handler was given. */");
        writer.Line("signal?: AbortSignal;");
        writer.CloseBlock();
    }

    /// <summary>The typed channel of a main → renderer message: <c>replies.asynchronousReply.on(…)</c>.</summary>
    public static void WriteListenerChannel(IndentedWriter writer)
    {
        writer.Line();
        writer.Line("/** A channel on which main sends this renderer messages. */");
        writer.OpenLine($"export interface {ModuleNames.ListenerChannel}<TListener> {{");
        writer.Line("/** Calls the listener for every message; returns a function that removes it. */");
        writer.Line("on(listener: TListener): () => void;");
        writer.Line("/** Calls the listener for the next message only; returns a function that removes it sooner. */");
        writer.Line("once(listener: TListener): () => void;");
        writer.Line("/** Removes a listener added with on or once. */");
        writer.Line("removeListener(listener: TListener): void;");
        writer.CloseBlock();
    }

    /// <summary>The typed channel of a main → renderer invocation: <c>replies.status.handle(…)</c>.</summary>
    public static void WriteHandlerChannel(IndentedWriter writer)
    {
        writer.Line();
        writer.Line("/** A channel on which main asks this renderer, and one handler answers. */");
        writer.OpenLine($"export interface {ModuleNames.HandlerChannel}<THandler> {{");
        writer.Line("/** Answers main's calls with the handler's result (or its promise's). */");
        writer.Line("handle(handler: THandler): void;");
        writer.Line("/** Stops answering: main's calls fail at once, as when no handler was ever set. */");
        writer.Line("removeHandler(): void;");
        writer.CloseBlock();
    }
}
