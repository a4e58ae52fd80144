namespace Ipc.Protocol;

/// <summary>
/// The channel names a reading thread decoded last, with their UTF-8 bytes: a connection uses few channels, over and
/// over, so most frames find their name here and cost neither a decode nor a string. Per thread (each connection reads
/// on its own thread, or on a caller's that leads it for a while), so no lock; a handful of entries replaced in turn.
/// Only names that passed every check of <see cref="Frame"/> go in, so a hit needs no check again.
/// </summary>
internal static class RecentChannelNames
{
    private const int Capacity = 8;

    [ThreadStatic]
    private static Entry[]? t_entries;

    [ThreadStatic]
    private static int t_next;

    /// <summary>The name whose UTF-8 encoding is <paramref name="utf8"/>, if this thread decoded it recently.</summary>
    public static string? Find(ReadOnlySpan<byte> utf8)
    {
        Entry[]? entries = t_entries;
        if (entries is null)
        {
            return null;
        }

        foreach (Entry entry in entries)
        {
            if (entry.Name is not null && utf8.SequenceEqual(entry.Utf8))
            {
                return entry.Name;
            }
        }

        return null;
    }

    /// <summary>Remembers a name that was just decoded from <paramref name="utf8"/> and checked.</summary>
    public static void Add(ReadOnlySpan<byte> utf8, string name)
    {
        Entry[] entries = t_entries ??= new Entry[Capacity];
        entries[t_next] = new Entry(utf8.ToArray(), name);
        t_next = (t_next + 1) % Capacity;
    }

    private readonly record struct Entry(byte[] Utf8, string? Name);
}
