using System.Collections.Concurrent;

namespace Ipc.Hosting.Tests;

/// <summary>What the services saw, shared by every instance (they are made per call).</summary>
public sealed class Journal
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public int Created;

    public int ScopesDisposed;
}

/// <summary>A scoped dependency, as a DbContext would be: one per call, disposed when the call ends.</summary>
public sealed class UnitOfWork(Journal journal) : IDisposable
{
    public Guid Id { get; } = Guid.NewGuid();

    public bool IsDisposed { get; private set; }

    public void Dispose()
    {
        IsDisposed = true;
        Interlocked.Increment(ref journal.ScopesDisposed);
    }
}

public sealed class Greeter : IGreeter
{
    private readonly Journal _journal;
    private readonly UnitOfWork _work;
    private readonly IpcCallContext _call;

    public Greeter(Journal journal, UnitOfWork work, IpcCallContext call)
    {
        _journal = journal;
        _work = work;
        _call = call;
        Interlocked.Increment(ref journal.Created);
    }

    public async Task<string> Greet(string name)
    {
        await Task.Yield();
        Assert.False(_work.IsDisposed); // the scope outlives the call's awaits
        return $"hello {name} from {_call.Channel} via unit {_work.Id}";
    }

    public string WhoAmI() => $"renderer {_call.Sender!.Id}";

    public void Note(string text) => _journal.Entries.Enqueue(text);
}

public sealed class Notices(Journal journal) : INotices
{
    public void Notice(string text) => journal.Entries.Enqueue(text);

    public Task<int> Count() => Task.FromResult(journal.Entries.Count);
}

public sealed class Announcements(Journal journal) : IAnnouncements
{
    public void Announce(string text) => journal.Entries.Enqueue("announced: " + text);
}
