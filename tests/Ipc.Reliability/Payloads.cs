namespace Ipc.Reliability;

/// <summary>The load's message contents: sizes log-uniform between a minimum and a maximum, and a checksum main verifies.</summary>
public static class Payloads
{
    public const int MinSize = 16;

    /// <summary>A size in [<see cref="MinSize"/>, <paramref name="maxSize"/>], uniform in its logarithm: as many 16–32 B messages as 32–64 KiB ones.</summary>
    public static int NextSize(Random random, int maxSize) =>
        (int)Math.Round(Math.Exp(Math.Log(MinSize) + (random.NextDouble() * (Math.Log(maxSize) - Math.Log(MinSize)))));

    /// <summary>ASCII text (one JSON byte per character) that differs with every sequence number.</summary>
    public static string Create(int size, int seq) =>
        string.Create(size, seq, static (span, s) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + ((s + (i * 7)) % 26));
            }
        });

    /// <summary>FNV-1a over the characters.</summary>
    public static int Checksum(string payload)
    {
        uint hash = 2166136261;
        foreach (char c in payload)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)hash;
    }
}
