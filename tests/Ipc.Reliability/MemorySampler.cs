using System.Diagnostics;

namespace Ipc.Reliability;

/// <summary>Samples this process's working set and managed heap every 50 ms and keeps the peaks.</summary>
public sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private readonly Process _process = Process.GetCurrentProcess();
    private long _peakWorkingSet;
    private long _peakManagedHeap;

    public MemorySampler()
    {
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
    }

    public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

    public long PeakManagedHeap => Interlocked.Read(ref _peakManagedHeap);

    public void Sample()
    {
        long workingSet;
        lock (_process)
        {
            _process.Refresh();
            workingSet = _process.WorkingSet64;
        }

        Raise(ref _peakWorkingSet, workingSet);
        Raise(ref _peakManagedHeap, GC.GetTotalMemory(forceFullCollection: false));
    }

    public void Dispose()
    {
        _timer.Dispose();
        _process.Dispose();
    }

    private static void Raise(ref long peak, long value)
    {
        long current = Interlocked.Read(ref peak);
        while (value > current)
        {
            long seen = Interlocked.CompareExchange(ref peak, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
