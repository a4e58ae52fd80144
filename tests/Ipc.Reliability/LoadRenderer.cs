namespace Ipc.Reliability;

/// <summary>
/// The renderer side of the load: M messages, each a Send (40 %), a SendSync (30 %) or an InvokeAsync
/// (30 %, not awaited at once, so invocations overlap with the messages after them), then a SendSync on
/// "load-done" with its own count. Every reply must echo the message's sequence number.
/// </summary>
public static class LoadRenderer
{
    public static async Task<int> RunAsync(int messages, int maxPayload, int seed)
    {
        var options = new IpcRendererOptions { SendSyncTimeout = TimeSpan.FromMinutes(5) };
        using IpcRenderer renderer = await IpcRenderer.ConnectToParentAsync(options);
        var random = new Random(seed);
        var invocations = new List<(int Seq, Task<int> Reply)>();
        long sent = 0;
        long mismatches = 0;
        string? failure = null;
        try
        {
            for (int seq = 0; seq < messages; seq++)
            {
                string payload = Payloads.Create(Payloads.NextSize(random, maxPayload), seq);
                int checksum = Payloads.Checksum(payload);
                int kind = random.Next(10);
                if (kind < 4)
                {
                    renderer.Send(LoadScenario.SendChannel, seq, payload, checksum);
                }
                else if (kind < 7)
                {
                    if (renderer.SendSync<int>(LoadScenario.SyncChannel, seq, payload, checksum) != seq)
                    {
                        mismatches++;
                    }

                    // Everything sent before this SendSync has been dispatched: collect the finished invocations.
                    mismatches += Collect(invocations, onlyCompleted: true);
                }
                else
                {
                    invocations.Add((seq, renderer.InvokeAsync<int>(LoadScenario.InvokeChannel, seq, payload, checksum)));
                }

                sent++;
            }

            await Task.WhenAll(invocations.Select(i => i.Reply));
            mismatches += Collect(invocations, onlyCompleted: false);
        }
        catch (Exception e)
        {
            failure = $"after {sent} messages: {e.GetType().Name}: {e.Message}";
        }

        renderer.SendSync<bool>(LoadScenario.DoneChannel, sent, mismatches, failure);
        return failure is null ? 0 : 1;
    }

    private static long Collect(List<(int Seq, Task<int> Reply)> invocations, bool onlyCompleted)
    {
        long mismatches = 0;
        int kept = 0;
        for (int i = 0; i < invocations.Count; i++)
        {
            (int seq, Task<int> reply) = invocations[i];
            if (onlyCompleted && !reply.IsCompleted)
            {
                invocations[kept++] = (seq, reply);
                continue;
            }

            if (reply.GetAwaiter().GetResult() != seq)
            {
                mismatches++;
            }
        }

        invocations.RemoveRange(kept, invocations.Count - kept);
        return mismatches;
    }
}
