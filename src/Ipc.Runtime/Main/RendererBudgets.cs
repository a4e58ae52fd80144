using Ipc.Connection;

namespace Ipc.Main;

/// <summary>
/// Main's <see cref="MemoryBudget"/>s: one per renderer process, shared by all of that process's connections, and
/// one total across renderers. A connection whose process the OS could not name (id 0) gets a budget of its own.
/// </summary>
internal sealed class RendererBudgets(long perProcess, long total)
{
    private readonly MemoryBudget _total = new(Math.Max(total, perProcess));
    private readonly Dictionary<int, MemoryBudget> _byProcess = new();

    /// <summary>The budget of <paramref name="processId"/>'s connections, counting one more connection.</summary>
    public MemoryBudget Acquire(int processId)
    {
        lock (_byProcess)
        {
            if (processId == 0 || !_byProcess.TryGetValue(processId, out MemoryBudget? budget))
            {
                budget = _total.ForProcess(perProcess);
                if (processId != 0)
                {
                    _byProcess.Add(processId, budget);
                }
            }

            budget.Connections++;
            return budget;
        }
    }

    /// <summary>A connection of <paramref name="processId"/> closed; its process's budget goes when its last one does.</summary>
    public void Release(int processId, MemoryBudget budget)
    {
        lock (_byProcess)
        {
            if (--budget.Connections == 0 && processId != 0)
            {
                _byProcess.Remove(processId);
            }
        }
    }
}
