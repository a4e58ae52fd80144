namespace Ipc.Reliability;

/// <summary>
/// A well-behaved renderer that keeps checksummed traffic going while an attacker works on main: after an
/// optional delay before connecting (a slow child main waits for), it waits for main's first message on
/// <see cref="StartChannel"/>, answers it with its process id on <see cref="HelloChannel"/>, then sends
/// Send, SendSync and InvokeAsync in turn (sequence number, payload, checksum) until main says
/// <see cref="StopChannel"/>, and reports what it sent on <see cref="DoneChannel"/>.
/// </summary>
public static class SteadyRenderer
{
    public const string StartChannel = "steady-start";
    public const string HelloChannel = "steady-hello";
    public const string SendChannel = "steady-send";
    public const string SyncChannel = "steady-sync";
    public const string InvokeChannel = "steady-invoke";
    public const string StopChannel = "steady-stop";
    public const string DoneChannel = "steady-done";

    private const int MaxPayload = 4096;

    public static async Task<int> RunAsync(int connectDelayMilliseconds)
    {
        await Task.Delay(connectDelayMilliseconds);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Main's listener may be blocked for seconds on purpose (an attack runs meanwhile): calls wait, not fail.
        var options = new IpcRendererOptions { SendSyncTimeout = TimeSpan.FromMinutes(1) };
        IpcRenderer renderer;
        try
        {
            renderer = await IpcRenderer.ConnectToParentAsync(
                r =>
                {
                    r.On(StartChannel, (e, args) => started.TrySetResult());
                    r.On(StopChannel, (e, args) => stopped.TrySetResult());
                    r.Disconnected += (_, _) => { started.TrySetResult(); stopped.TrySetResult(); };
                },
                options);
        }
        catch (Exception e) when (e is IpcException or System.Net.Sockets.SocketException or IOException)
        {
            return 3; // main went away (its test ended) before this slow child connected
        }

        using IpcRenderer connected = renderer;
        await started.Task.WaitAsync(TimeSpan.FromMinutes(2));
        if (!renderer.IsConnected)
        {
            return 2;
        }

        var random = new Random(11);
        long sent = 0;
        long wrongReplies = 0;
        string? failure = null;
        try
        {
            renderer.SendSync<bool>(HelloChannel, Environment.ProcessId);
            for (int seq = 0; !stopped.Task.IsCompleted; seq++)
            {
                string payload = Payloads.Create(Payloads.NextSize(random, MaxPayload), seq);
                int checksum = Payloads.Checksum(payload);
                switch (seq % 3)
                {
                    case 0:
                        renderer.Send(SendChannel, seq, payload, checksum);
                        break;
                    case 1:
                        wrongReplies += renderer.SendSync<int>(SyncChannel, seq, payload, checksum) == seq ? 0 : 1;
                        break;
                    default:
                        wrongReplies += await renderer.InvokeAsync<int>(InvokeChannel, seq, payload, checksum) == seq ? 0 : 1;
                        await Task.Delay(1); // a steady trickle, not a storm: the attack and main need the two cores more
                        break;
                }

                sent++;
            }
        }
        catch (Exception e)
        {
            failure = $"after {sent} messages: {e.GetType().Name}: {e.Message}";
        }

        try
        {
            // Everything sent before this SendSync has been dispatched by the time main answers it.
            renderer.SendSync<bool>(DoneChannel, sent, wrongReplies, failure);
        }
        catch (IpcException)
        {
            return 1; // main has gone: nobody to report to
        }

        return failure is null ? 0 : 1;
    }
}
