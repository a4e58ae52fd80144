using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;

namespace Ipc.Reliability;

/// <summary>
/// Hostile renderers: processes main started, which take IPCGEN_ENDPOINT, IPCGEN_TOKEN and IPCGEN_LAUNCH_ID from
/// their environment and speak the wire format by hand (<see cref="RawRendererConnection"/>). Each reports what
/// it saw to the test over a <see cref="ControlLink"/> ("report key=value …", or "report error=…" if the attack
/// itself failed), keeps its connections open until the test closes that link, then exits.
/// See tests/Ipc.Reliability.Tests/HostileRendererTests.cs.
/// </summary>
public static class AttackRenderer
{
    /// <summary>The process id the forging attacker claims in its Hellos.</summary>
    public const int ForgedProcessId = 4242;

    /// <summary>
    /// Connects as its own launch but claiming process id <see cref="ForgedProcessId"/> (main must take the id from
    /// the OS), waits for the test's "go" (main then waits in StartRendererAsync for the next, slow, child), sends a
    /// Hello with the next launch id and that process id, then opens <paramref name="extraConnections"/> more
    /// connections with its own launch id.
    /// Reports forged=accepted|refused extra-accepted=N extra-refused=N.
    /// </summary>
    public static int ForgeLaunch(string controlPath, int extraConnections) => Run(controlPath, (control, open) =>
    {
        LaunchEnvironment launch = LaunchEnvironment.Read();
        open.Add(OpenOwn(launch, ForgedProcessId));
        if (control.ReadLine() != "go")
        {
            throw new InvalidOperationException("the test did not say go");
        }

        RawRendererConnection? forged = RawRendererConnection.TryOpen(launch, ForgedProcessId, launch.LaunchId + 1);
        if (forged is not null)
        {
            open.Add(forged);
        }

        int extraAccepted = 0;
        for (int i = 0; i < extraConnections; i++)
        {
            if (RawRendererConnection.TryOpen(launch, ForgedProcessId, launch.LaunchId) is { } extra)
            {
                open.Add(extra);
                extraAccepted++;
            }
        }

        return Invariant($"forged={(forged is null ? "refused" : "accepted")} extra-accepted={extraAccepted} extra-refused={extraConnections - extraAccepted}");
    });

    /// <summary>
    /// Sends <paramref name="frames"/> malformed 17-byte Send frames back to back (a channel name that is not
    /// UTF-8), in large writes, for at most 5 s. Reports end=closed-by-main (a write failed and main's end reads as
    /// closed), stalled (no write progress for 3 s, and main's end still open), sent-all or time-up (in both it
    /// then closes its sending side, so main reads to the end), sent=N and send-error (the failed write's socket
    /// error, or none).
    /// </summary>
    public static int MalformedFlood(string controlPath, int frames) => Run(controlPath, (control, open) =>
    {
        RawRendererConnection connection = OpenOwn(LaunchEnvironment.Read());
        open.Add(connection);
        connection.SendTimeout = TimeSpan.FromSeconds(3);

        // kind Send, id 0, channel length 4, four bytes that are not UTF-8: well-framed, undecodable.
        byte[] one = [RawRendererConnection.Send, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF];
        const int perWrite = 3000;
        byte[] chunk = new byte[perWrite * (4 + one.Length)];
        for (int i = 0; i < perWrite; i++)
        {
            Span<byte> slot = chunk.AsSpan(i * (4 + one.Length));
            BinaryPrimitives.WriteInt32LittleEndian(slot, one.Length);
            one.CopyTo(slot.Slice(4));
        }

        // Bounded in time, so the report comes within the test's wait however slowly main reads: a main that never
        // closes the connection is far past the test's memory bound after a few seconds of this anyway.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int sent = 0;
        string? sendError = null;
        try
        {
            while (sent < frames && clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                int count = Math.Min(perWrite, frames - sent);
                connection.SendBytes(chunk.AsSpan(0, count * (4 + one.Length)));
                sent += count;
            }

            connection.ShutdownSend();
        }
        catch (SocketException e)
        {
            sendError = e.SocketErrorCode.ToString(); // not telling on its own: a closed peer has shown up as TimedOut
        }

        string end = sendError is not null ? (connection.IsClosedByPeer(TimeSpan.FromSeconds(2)) ? "closed-by-main" : "stalled")
            : sent < frames ? "time-up"
            : "sent-all";
        return Invariant($"end={end} sent={sent} send-error={sendError ?? "none"}");
    });

    /// <summary>
    /// Sends a SendSync, then an Invoke, on a channel whose name is <paramref name="maxMessageSize"/> − 1 KiB
    /// characters (the frame stays below main's maximum), reads each reply raw, then checks the connection with a
    /// SendSync on "echo" of a 4 MiB string and a small one. Reports sync-reply=&lt;length&gt;, invoke-reply and
    /// echo-reply (without the 4-byte prefix), sync-status, invoke-status and echo-status (255: too large to read),
    /// and probe=answered|status-S for the small echo.
    /// </summary>
    public static int HugeChannel(string controlPath, int maxMessageSize) => Run(controlPath, (control, open) =>
    {
        RawRendererConnection connection = OpenOwn(LaunchEnvironment.Read());
        open.Add(connection);
        string channel = new('c', maxMessageSize - 1024);
        int readLimit = 4 * maxMessageSize; // read what main sends even above its maximum, to measure it

        connection.SendFrame(RawRendererConnection.Message(RawRendererConnection.SendSync, 1, channel));
        (int syncLength, byte syncStatus) = connection.ReadReply(1, readLimit);
        connection.SendFrame(RawRendererConnection.Message(RawRendererConnection.Invoke, 2, channel));
        (int invokeLength, byte invokeStatus) = connection.ReadReply(2, readLimit);
        // A well-formed call whose answer main must build in a buffer of several MiB, which it must not keep pooled;
        // then a small one, so main's reading thread is no longer holding the large frame it read last.
        connection.SendFrame(RawRendererConnection.Message(RawRendererConnection.SendSync, 3, "echo", new string('e', 4 * 1024 * 1024)));
        (int echoLength, byte echoStatus) = connection.ReadReply(3, readLimit);
        connection.SendFrame(RawRendererConnection.Message(RawRendererConnection.SendSync, 4, "echo", "still usable"));
        (_, byte probeStatus) = connection.ReadReply(4, readLimit);

        return Invariant($"sync-reply={syncLength} sync-status={syncStatus} invoke-reply={invokeLength} invoke-status={invokeStatus} echo-reply={echoLength} echo-status={echoStatus} probe={(probeStatus == 0 ? "answered" : "status-" + probeStatus)}");
    });

    /// <summary>
    /// Opens <paramref name="connections"/> connections with its token and launch id, then on each one main
    /// accepted sends a length prefix of <paramref name="frameSize"/> and all but the last byte of that frame.
    /// Reports accepted=N refused=N stuffed=N (frames written but their last byte) stalled=N (main stopped
    /// reading or closed the connection).
    /// </summary>
    public static int ManyConnections(string controlPath, int connections, int frameSize, string? laterToken) => Run(controlPath, (control, open) =>
    {
        LaunchEnvironment launch = LaunchEnvironment.Read();
        for (int i = 0; i < connections; i++)
        {
            LaunchEnvironment presented = i > 0 && laterToken is not null ? launch with { Token = laterToken } : launch;
            if (RawRendererConnection.TryOpen(presented, Environment.ProcessId, launch.LaunchId) is { } connection)
            {
                open.Add(connection);
            }
        }

        byte[] prefix = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, frameSize);
        byte[] zeros = new byte[1024 * 1024];
        int stuffed = 0;
        foreach (RawRendererConnection connection in open)
        {
            connection.SendTimeout = TimeSpan.FromMilliseconds(Math.Max(100, 4000 / open.Count)); // about 4 s in all: the report must come in time
            try
            {
                connection.SendBytes(prefix);
                for (int left = frameSize - 1; left > 0; left -= zeros.Length)
                {
                    connection.SendBytes(zeros.AsSpan(0, Math.Min(left, zeros.Length)));
                }

                stuffed++;
            }
            catch (SocketException)
            {
                // Main stopped reading (a memory budget) or closed this connection: on to the next one.
            }
        }

        return Invariant($"accepted={open.Count} refused={connections - open.Count} stuffed={stuffed} stalled={open.Count - stuffed}");
    });

    /// <summary>
    /// Runs one attack: connects the control link, reports the attack's result (or its failure), then holds every
    /// connection it opened until the test closes the link.
    /// </summary>
    private static int Run(string controlPath, Func<ControlLink, List<RawRendererConnection>, string> attack)
    {
        using ControlLink control = ControlLink.Connect(controlPath);
        var open = new List<RawRendererConnection>();
        int exitCode = 0;
        try
        {
            string result;
            try
            {
                result = attack(control, open);
            }
            catch (Exception e) when (e is SocketException or IOException or InvalidDataException or InvalidOperationException)
            {
                result = "error=" + $"{e.GetType().Name}:{e.Message}".Replace(' ', '_');
                exitCode = 1;
            }

            control.WriteLine("report " + result);
            control.ReadLine();
            return exitCode;
        }
        finally
        {
            open.ForEach(c => c.Dispose());
        }
    }

    /// <summary>The attacker's own connection, with its launch id: the one connection its launch token admits.</summary>
    private static RawRendererConnection OpenOwn(LaunchEnvironment launch, int? claimedProcessId = null) =>
        RawRendererConnection.TryOpen(launch, claimedProcessId ?? Environment.ProcessId, launch.LaunchId) ?? throw new InvalidOperationException("main refused the attacker's own launch");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
