using System.Collections.Concurrent;

namespace Ipc.Emitter;

/// <summary>
/// The per-channel listener registry shared by <see cref="IpcMain"/> and <see cref="IpcRenderer"/>,
/// following Node's EventEmitter: listeners run in registration order; an emit runs over a snapshot, so
/// a listener removed during an emit still runs in it; a once-listener is removed before it runs;
/// removal by delegate removes the most recently added match. Emitting allocates nothing.
/// </summary>
/// <remarks>
/// Each channel's listeners are an immutable array replaced on every change (copy-on-write), so an emit
/// reads one reference and needs no lock. Changes take <see cref="_gate"/>. The registry is what the
/// public listener methods of both endpoints call directly, so it validates their arguments.
/// </remarks>
internal abstract class ListenerEmitter<TListener, TEvent>
    where TListener : Delegate
{
    private readonly ConcurrentDictionary<string, ChannelListeners> _channels = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private long _nextActivation;

    /// <summary>
    /// The channel emitted last. Messages tend to come in runs on one channel (a progress stream, a ping loop),
    /// and a channel's list object never changes once created, so a matching name skips the dictionary.
    /// </summary>
    private ChannelListeners? _lastEmitted;

    /// <summary>Adds <paramref name="listener"/> for <paramref name="channel"/>.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="listener">What runs on each message.</param>
    /// <param name="key">What <see cref="Remove"/> matches: the user's delegate, typed or not.</param>
    /// <param name="once">True to remove the registration before its first run.</param>
    /// <param name="handsOutArguments">
    /// True for a listener that receives the <see cref="IpcArgs"/> itself (an untyped one), which may keep them: the frame they
    /// read from then never goes back to a pool. False for generated code's adapter, which reads each argument while it runs.
    /// </param>
    public void Add(string channel, TListener listener, Delegate key, bool once, bool handsOutArguments)
    {
        ChannelName.Validate(channel);
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(key);
        var entry = new Entry(listener, key, once ? new OnceFlag() : null, handsOutArguments);
        lock (_gate)
        {
            ChannelListeners list = _channels.GetOrAdd(channel, static name => new ChannelListeners(name));
            Entry[] current = list.Entries;
            if (current.Length == 0)
            {
                list.ActivatedAt = _nextActivation++;
            }

            var next = new Entry[current.Length + 1];
            current.CopyTo(next, 0);
            next[^1] = entry;
            list.Entries = next;
        }
    }

    /// <summary>Removes the most recently added registration whose key is <paramref name="key"/>.</summary>
    public bool Remove(string channel, Delegate key)
    {
        ChannelName.Validate(channel);
        ArgumentNullException.ThrowIfNull(key, "listener");
        lock (_gate)
        {
            if (!_channels.TryGetValue(channel, out ChannelListeners? list))
            {
                return false;
            }

            Entry[] current = list.Entries;
            for (int i = current.Length - 1; i >= 0; i--)
            {
                if (current[i].Key.Equals(key))
                {
                    list.Entries = Without(current, i);
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Removes every listener of <paramref name="channel"/>, or of every channel when it is null.</summary>
    public void RemoveAll(string? channel)
    {
        if (channel is not null)
        {
            ChannelName.Validate(channel);
        }

        lock (_gate)
        {
            if (channel is null)
            {
                foreach (ChannelListeners list in _channels.Values)
                {
                    list.Entries = [];
                }
            }
            else if (_channels.TryGetValue(channel, out ChannelListeners? list))
            {
                list.Entries = [];
            }
        }
    }

    public int Count(string channel)
    {
        ChannelName.Validate(channel);
        return _channels.TryGetValue(channel, out ChannelListeners? list) ? list.Entries.Length : 0;
    }

    /// <summary>The channels that have listeners, in the order they first got one.</summary>
    public IReadOnlyList<string> ChannelNames
    {
        get
        {
            var active = new List<KeyValuePair<string, long>>();
            lock (_gate)
            {
                foreach (KeyValuePair<string, ChannelListeners> pair in _channels)
                {
                    if (pair.Value.Entries.Length > 0)
                    {
                        active.Add(new(pair.Key, pair.Value.ActivatedAt));
                    }
                }
            }

            active.Sort(static (a, b) => a.Value.CompareTo(b.Value));
            var names = new string[active.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = active[i].Key;
            }

            return names;
        }
    }

    /// <summary>Runs the channel's listeners over a snapshot, reporting each one that throws and going on.</summary>
    public EmitResult Emit(string channel, TEvent e, IpcArgs args)
    {
        ChannelListeners? list = _lastEmitted;
        if (list is null || !string.Equals(list.Name, channel))
        {
            if (!_channels.TryGetValue(channel, out list))
            {
                return default;
            }

            _lastEmitted = list;
        }

        Entry[] snapshot = list.Entries;
        Exception? firstError = null;
        int ran = 0;
        foreach (Entry entry in snapshot)
        {
            if (entry.Once is { } once)
            {
                if (Interlocked.Exchange(ref once.Fired, 1) != 0)
                {
                    continue; // a re-entrant emit already ran it
                }

                RemoveOnce(list, once);
            }

            ran++;
            if (entry.HandsOutArguments)
            {
                args.HandOut();
            }

            try
            {
                Invoke(entry.Listener, e, args);
            }
            catch (Exception error)
            {
                firstError ??= error;
                OnListenerError(channel, e, error);
            }
        }

        return new EmitResult(ran, firstError);
    }

    /// <summary>Calls one listener.</summary>
    protected abstract void Invoke(TListener listener, TEvent e, IpcArgs args);

    /// <summary>Reports a listener that threw; must not throw.</summary>
    protected abstract void OnListenerError(string channel, TEvent e, Exception error);

    private void RemoveOnce(ChannelListeners list, OnceFlag once)
    {
        lock (_gate)
        {
            Entry[] current = list.Entries;
            for (int i = 0; i < current.Length; i++)
            {
                if (current[i].Once == once)
                {
                    list.Entries = Without(current, i);
                    return;
                }
            }
        }
    }

    private static Entry[] Without(Entry[] entries, int index)
    {
        if (entries.Length == 1)
        {
            return [];
        }

        var next = new Entry[entries.Length - 1];
        Array.Copy(entries, 0, next, 0, index);
        Array.Copy(entries, index + 1, next, index, entries.Length - index - 1);
        return next;
    }

    private sealed class ChannelListeners(string name)
    {
        public readonly string Name = name;

        public volatile Entry[] Entries = [];

        /// <summary>When the channel last went from no listeners to one: orders <see cref="ChannelNames"/>.</summary>
        public long ActivatedAt;
    }

    /// <summary>A registration; a struct, so that an emit reaches the listener without another indirection.</summary>
    private readonly struct Entry(TListener listener, Delegate key, OnceFlag? once, bool handsOutArguments)
    {
        public readonly TListener Listener = listener;
        public readonly Delegate Key = key;

        /// <summary>Set for a once-registration: marks it fired, and identifies it for removal.</summary>
        public readonly OnceFlag? Once = once;

        /// <summary>The listener receives the <see cref="IpcArgs"/> itself and may keep them (see <see cref="Add"/>).</summary>
        public readonly bool HandsOutArguments = handsOutArguments;
    }

    private sealed class OnceFlag
    {
        public int Fired;
    }
}

/// <summary>What an emit did: how many listeners ran and the first exception one of them threw.</summary>
internal readonly record struct EmitResult(int ListenersRun, Exception? FirstError);
