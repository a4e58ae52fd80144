using Ipc.CompilerServices;

namespace Ipc.Registration;

/// <summary>
/// Lets an untyped endpoint take a handler that returns <c>ValueTask&lt;T&gt;</c> (<c>Handle&lt;T&gt;</c>), on main and on a
/// renderer alike: the result keeps its type on its way to the reply (<see cref="IpcReply"/>), as a typed channel's
/// does, instead of being boxed into a <c>Task&lt;object?&gt;</c>. ValueTask, not
/// Task: a lambda returning <c>Task&lt;object?&gt;</c> must bind to the untyped overload without ambiguity, and a result
/// that is ready at once costs no task.
/// </summary>
/// <typeparam name="TEvent">The endpoint's invoke event: <see cref="IpcMainInvokeEvent"/> or <see cref="IpcRendererInvokeEvent"/>.</typeparam>
/// <typeparam name="T">The handler's result type.</typeparam>
internal sealed class TypedHandler<TEvent, T>(Func<TEvent, IpcArgs, ValueTask<T>> handler)
{
    public Task<object?> Invoke(TEvent e, IpcArgs args) => IpcReply.Of(handler(e, args));
}
