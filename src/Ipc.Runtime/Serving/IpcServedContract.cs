using System.ComponentModel;

namespace Ipc.CompilerServices;

/// <summary>
/// A contract served by a class on one endpoint: what a generated <c>Serve</c> registers its listeners and handlers
/// through, and the <see cref="IDisposable"/> it returns. Generated code's door to the runtime; not meant for direct use.
/// </summary>
/// <remarks>
/// A registration that fails undoes the ones before it and gives the contract back, so a failed <c>Serve</c> leaves the
/// endpoint as it found it. <see cref="Dispose"/> removes exactly what was registered here, through the subscriptions
/// the typed channels' <c>On</c> and <c>Handle</c> returned. Registration runs on the thread that serves the contract;
/// <see cref="Dispose"/> is thread-safe and idempotent.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class IpcServedContract : IDisposable
{
    private readonly object _endpoint;
    private readonly Type _contract;
    private readonly string _endpointDescription;
    private readonly List<Action> _undo = [];
    private bool _disposed;

    private IpcServedContract(object endpoint, Type contract, string endpointDescription)
    {
        _endpoint = endpoint;
        _contract = contract;
        _endpointDescription = endpointDescription;
    }

    /// <summary>Starts serving <paramref name="contract"/> on main.</summary>
    /// <param name="main">The endpoint whose listeners and handlers answer the contract.</param>
    /// <param name="contract">The contract interface.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="contract"/> is already served on <paramref name="main"/>.</exception>
    /// <returns>The registrations of the contract, removed together when it is disposed.</returns>
    public static IpcServedContract Begin(IpcMain main, Type contract)
    {
        ArgumentNullException.ThrowIfNull(main);
        return Begin(main, contract, "IpcMain");
    }

    /// <summary>Starts serving <paramref name="contract"/> on a renderer.</summary>
    /// <param name="renderer">The endpoint whose listeners and handlers answer the contract.</param>
    /// <param name="contract">The contract interface.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="contract"/> is already served on <paramref name="renderer"/>.</exception>
    /// <returns>The registrations of the contract, removed together when it is disposed.</returns>
    public static IpcServedContract Begin(IpcRenderer renderer, Type contract)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        return Begin(renderer, contract, "IpcRenderer");
    }

    /// <summary>Adds <paramref name="listener"/> to <paramref name="channel"/> until this is disposed.</summary>
    /// <exception cref="ObjectDisposedException">The endpoint, or this, is disposed; nothing of the contract stays registered.</exception>
    /// <typeparam name="TListener">The channel's generated listener delegate.</typeparam>
    /// <param name="channel">The typed channel.</param>
    /// <param name="listener">The listener that calls the serving instance.</param>
    public void Listen<TListener>(IpcListenerChannel<TListener> channel, TListener listener)
        where TListener : Delegate
    {
        ArgumentNullException.ThrowIfNull(channel);
        ObjectDisposedException.ThrowIf(_disposed, this);
        IDisposable subscription;
        try
        {
            subscription = channel.On(listener);
        }
        catch
        {
            Dispose();
            throw;
        }

        Added(subscription.Dispose);
    }

    /// <summary>Makes <paramref name="handler"/> the handler of <paramref name="channel"/> until this is disposed.</summary>
    /// <exception cref="InvalidOperationException">The channel already has a handler; nothing of the contract stays registered.</exception>
    /// <exception cref="ObjectDisposedException">The endpoint, or this, is disposed; nothing of the contract stays registered.</exception>
    /// <typeparam name="THandler">The channel's generated handler delegate.</typeparam>
    /// <param name="channel">The typed channel.</param>
    /// <param name="handler">The handler that calls the serving instance.</param>
    public void Handle<THandler>(IpcInvokeChannel<THandler> channel, THandler handler)
        where THandler : Delegate
    {
        ArgumentNullException.ThrowIfNull(channel);
        ObjectDisposedException.ThrowIf(_disposed, this);
        IDisposable subscription;
        try
        {
            subscription = channel.Handle(handler);
        }
        catch (InvalidOperationException e)
        {
            Dispose();
            throw new InvalidOperationException(
                $"Cannot serve {_contract.FullName}: its channel '{channel.Channel}' already has a handler on this {_endpointDescription}. Remove that handler first.", e);
        }
        catch
        {
            Dispose();
            throw;
        }

        Added(subscription.Dispose); // removes this contract's handler only, never one registered after it was removed
    }

    /// <summary>Removes every listener and handler registered here, and lets the contract be served again. Idempotent.</summary>
    public void Dispose()
    {
        Action[] undo;
        lock (_undo)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            undo = [.. _undo];
            _undo.Clear();
        }

        try
        {
            for (int i = undo.Length - 1; i >= 0; i--)
            {
                undo[i]();
            }
        }
        catch (ObjectDisposedException)
        {
            // The endpoint is disposed, and every listener and handler with it.
        }
        finally
        {
            ServedContracts.Release(_endpoint, _contract);
        }
    }

    /// <summary>Records how to undo a registration; undoes it at once if this was disposed meanwhile.</summary>
    private void Added(Action undo)
    {
        lock (_undo)
        {
            if (!_disposed)
            {
                _undo.Add(undo);
                return;
            }
        }

        undo();
    }

    private static IpcServedContract Begin(object endpoint, Type contract, string endpointDescription)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ServedContracts.Claim(endpoint, contract, endpointDescription);
        return new IpcServedContract(endpoint, contract, endpointDescription);
    }
}
