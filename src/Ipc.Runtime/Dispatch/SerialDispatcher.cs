using System.Diagnostics;

namespace Ipc.Dispatch;

/// <summary>A unit of work for a <see cref="SerialDispatcher"/>.</summary>
internal interface IDispatchItem
{
    void Run();
}

/// <summary>Told when a thread that has other duties (a connection's reader) runs an item itself.</summary>
internal interface IInlineWorkObserver
{
    /// <summary>Called before the item runs; the result goes to <see cref="EndInlineWork"/>.</summary>
    object? BeginInlineWork();

    void EndInlineWork(object? token);
}

/// <summary>
/// Runs work items one at a time, in the order they were queued — the event loop of a main process or a
/// renderer. Items run on the application's <see cref="SynchronizationContext"/> when one is given (a UI
/// thread); otherwise on a dedicated thread, like Electron's main thread, or on a reading thread that
/// found the loop idle (<see cref="RunOrEnqueue"/>), always under a context of the dispatcher's own, so
/// that the continuations of async handlers come back to the queue instead of running alongside it.
/// A dedicated thread, not the thread pool: callers blocked in SendSync may occupy every pool thread, and
/// the dispatcher must still run to answer them.
/// </summary>
[DebuggerDisplay("Queued = {_queue.Count}, ItemRunning = {_itemRunning}, Scheduled = {_scheduled}")]
internal sealed class SerialDispatcher
{
    /// <summary>How many items one turn on an application context runs before yielding, so a UI stays responsive.</summary>
    private const int ItemsPerTurn = 64;

    /// <summary>How long the dedicated thread waits for work before it exits; the next item starts a new one.</summary>
    internal static readonly TimeSpan IdleExit = TimeSpan.FromSeconds(5);

    [ThreadStatic]
    private static SerialDispatcher? t_running;

    private static readonly Action<object?> s_runThread = static state => ((SerialDispatcher)state!).RunThread();

    private static readonly SendOrPostCallback s_runTurn = static state => ((SerialDispatcher)state!).RunTurn();

    private readonly Queue<IDispatchItem> _queue = new();
    private readonly SynchronizationContext? _applicationContext;
    private readonly SynchronizationContext _ownContext;
    private readonly Action<Exception> _onUnhandled;
    private bool _scheduled;
    private bool _threadWaiting;

    /// <summary>The owner is disposed: the dedicated thread exits as soon as the queue is empty instead of idling.</summary>
    private bool _retired;

    /// <summary>An item runs right now, on the loop's thread or inline on a reading thread (without an application context).</summary>
    private bool _itemRunning;

    public SerialDispatcher(SynchronizationContext? applicationContext, Action<Exception> onUnhandled)
    {
        _applicationContext = applicationContext;
        _onUnhandled = onUnhandled;
        _ownContext = new DispatcherContext(this);
    }

    /// <summary>True on the thread that is running this dispatcher's items right now.</summary>
    public bool IsRunningOnCurrentThread =>
        t_running == this ||
        (_applicationContext is not null && SynchronizationContext.Current == _applicationContext);

    /// <summary>
    /// Called when the owner is disposed: from now on the dedicated thread exits as soon as it has nothing to run,
    /// woken now if it idles, so no thread outlives the endpoint by <see cref="IdleExit"/>. Nothing is lost: what is
    /// queued still runs, and an item queued later (an event of the closing connections) starts a thread that runs it
    /// and exits.
    /// </summary>
    public void Retire()
    {
        lock (_queue)
        {
            _retired = true;
            if (_threadWaiting)
            {
                Monitor.Pulse(_queue);
            }
        }
    }

    public void Enqueue(IDispatchItem item)
    {
        lock (_queue)
        {
            _queue.Enqueue(item);
            if (_itemRunning || !WakeLoopLocked())
            {
                return; // whoever runs an item now goes on to what is queued, or hands it to the loop's thread
            }
        }

        if (_applicationContext is not null)
        {
            ScheduleTurn();
        }
        else
        {
            StartThread();
        }
    }

    /// <summary>
    /// Runs <paramref name="item"/> on the calling thread when the loop is idle (no application context, nothing
    /// queued, nothing running) and queues it otherwise. Saves the handoff to the loop's thread, the largest cost
    /// of a round trip, without giving up the loop's rules: the caller holds the loop while the item runs, under
    /// the loop's context, and whatever is queued meanwhile goes to the loop's thread afterwards, in order.
    /// </summary>
    /// <param name="item">The work.</param>
    /// <param name="observer">Told around an inline run, so the calling thread's own duties can move elsewhere if it takes long.</param>
    public void RunOrEnqueue(IDispatchItem item, IInlineWorkObserver? observer = null)
    {
        bool idle;
        lock (_queue)
        {
            idle = _applicationContext is null && !_itemRunning && _queue.Count == 0;
            if (idle)
            {
                _itemRunning = true;
            }
        }

        if (!idle)
        {
            Enqueue(item);
            return;
        }

        SerialDispatcher? outerRunning = t_running;
        SynchronizationContext? outerContext = SynchronizationContext.Current;
        t_running = this;
        SynchronizationContext.SetSynchronizationContext(_ownContext);
        object? token = observer?.BeginInlineWork();
        try
        {
            RunItem(item);
        }
        finally
        {
            observer?.EndInlineWork(token);
            t_running = outerRunning;
            SynchronizationContext.SetSynchronizationContext(outerContext);
            HandOverAfterInlineRun();
        }
    }

    private void HandOverAfterInlineRun()
    {
        lock (_queue)
        {
            _itemRunning = false;
            if (_queue.Count == 0 || !WakeLoopLocked())
            {
                return;
            }
        }

        StartThread();
    }

    /// <summary>
    /// Called under the queue's lock with work queued: wakes the loop's waiting thread, or returns true when the
    /// loop is not scheduled and the caller must start it (a turn on the application context, or a thread).
    /// </summary>
    private bool WakeLoopLocked()
    {
        Debug.Assert(Monitor.IsEntered(_queue), "Called under the queue's lock.");
        Debug.Assert(_queue.Count > 0, "Called with work queued.");
        if (!_scheduled)
        {
            _scheduled = true;
            return true;
        }

        if (_threadWaiting)
        {
            Monitor.Pulse(_queue);
        }

        return false;
    }

    private void RunItem(IDispatchItem item)
    {
        try
        {
            item.Run();
        }
        catch (Exception error)
        {
            _onUnhandled(error);
        }
    }

    /// <summary>Starts the loop's thread, without the execution context of whoever queued the first item (see <see cref="OwnedThreads.Start"/>).</summary>
    private void StartThread() => OwnedThreads.Start(this, "IpcGen dispatcher", s_runThread, this);

    private void ScheduleTurn() => _applicationContext!.Post(s_runTurn, this);

    private void RunThread()
    {
        t_running = this;
        SynchronizationContext.SetSynchronizationContext(_ownContext);
        bool ranItem = false;
        while (true)
        {
            IDispatchItem item;
            lock (_queue)
            {
                if (ranItem)
                {
                    _itemRunning = false; // this thread's previous item is done
                }

                while (_queue.Count == 0 || _itemRunning)
                {
                    if (_retired && _queue.Count == 0)
                    {
                        _scheduled = false; // an item running inline meanwhile hands what it queues to a new thread
                        return;
                    }

                    _threadWaiting = true;
                    bool signalled = Monitor.Wait(_queue, IdleExit);
                    _threadWaiting = false;
                    if (!signalled && _queue.Count == 0 && !_itemRunning)
                    {
                        _scheduled = false;
                        return;
                    }
                }

                Debug.Assert(!_itemRunning, "One item runs at a time.");
                item = _queue.Dequeue();
                _itemRunning = true;
            }

            RunItem(item);
            ranItem = true;
        }
    }

    /// <summary>One turn on the application's context.</summary>
    private void RunTurn()
    {
        SerialDispatcher? outerRunning = t_running;
        SynchronizationContext? outerContext = SynchronizationContext.Current;
        t_running = this;
        try
        {
            for (int ran = 0; ran < ItemsPerTurn; ran++)
            {
                IDispatchItem? item;
                lock (_queue)
                {
                    if (!_queue.TryDequeue(out item))
                    {
                        _scheduled = false;
                        return;
                    }
                }

                RunItem(item);
            }
        }
        finally
        {
            t_running = outerRunning;
            SynchronizationContext.SetSynchronizationContext(outerContext);
        }

        // The turn used its quota with items left: _scheduled is still true, so queue the next turn.
        ScheduleTurn();
    }

    /// <summary>Sends the continuations of code running on the dispatcher back to its queue.</summary>
    private sealed class DispatcherContext(SerialDispatcher dispatcher) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) => dispatcher.Enqueue(new PostedCallback(d, state));

        public override void Send(SendOrPostCallback d, object? state)
        {
            if (dispatcher.IsRunningOnCurrentThread)
            {
                d(state);
                return;
            }

            using var done = new ManualResetEventSlim();
            Exception? failure = null;
            Post(
                _ =>
                {
                    try
                    {
                        d(state);
                    }
                    catch (Exception e)
                    {
                        failure = e;
                    }
                    finally
                    {
                        done.Set();
                    }
                },
                null);
            done.Wait();
            if (failure is not null)
            {
                throw new InvalidOperationException("A callback sent to the IPC dispatcher threw.", failure);
            }
        }

        public override SynchronizationContext CreateCopy() => this;
    }

    private sealed class PostedCallback(SendOrPostCallback callback, object? state) : IDispatchItem
    {
        public void Run() => callback(state);
    }
}
