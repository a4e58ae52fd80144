using Ipc.Dispatch;

namespace Ipc.Transport;

/// <summary>
/// Main's listening side: accepts OS connections on a thread of its own, runs each one's handshake on its
/// own thread (so a slow or silent client never delays the others), and adds the accepted renderers to <see cref="IpcMain"/>.
/// A refused client is reported on main's <see cref="IpcMain.Error"/> and touches nothing else.
/// </summary>
internal sealed class RendererServer : IDisposable
{
    private readonly IpcMain _main;
    private readonly ConnectionListener _listener;
    private readonly IRendererAdmission _admission;
    private readonly CancellationTokenSource _stopping = new();

    /// <param name="main">Where accepted renderers are added.</param>
    /// <param name="listener">Where connections come from; the server owns it from here on.</param>
    /// <param name="admission">Decides which Hellos are admitted, and learns which renderer each admitted one became.</param>
    public RendererServer(IpcMain main, ConnectionListener listener, IRendererAdmission admission)
    {
        _main = main;
        _admission = admission;
        _listener = listener;
        OwnedThreads.Start(main.Dispatcher, "IpcGen accept", static server => ((RendererServer)server!).AcceptLoop(), this);
    }

    /// <summary>Where renderers connect.</summary>
    public string Address => _listener.Address;

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Dispose();
    }

    private void AcceptLoop()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Stream stream;
            try
            {
                stream = _listener.Accept();
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _main.ReportError(new IpcErrorEventArgs(new IpcException($"Accepting a renderer connection failed: {e.Message}", e), null, null));
                Thread.Sleep(100); // e.g. out of file descriptors: do not spin
                continue;
            }

            // Each handshake blocks on its own short-lived thread, so a slow or silent client delays nobody.
            OwnedThreads.Start(_main.Dispatcher, "IpcGen handshake", accepted => AcceptRenderer((Stream)accepted!), stream);
        }
    }

    private void AcceptRenderer(Stream accepted)
    {
        Stream stream = accepted;
        Handshake.Hello hello;
        using (var deadline = new HandshakeDeadline(accepted, Handshake.Timeout, _stopping.Token))
        {
            try
            {
                if (_listener.Open(accepted, out string? refusal) is not { } opened)
                {
                    accepted.Dispose();
                    if (refusal is not null && !_stopping.IsCancellationRequested)
                    {
                        ReportRefusal(refusal, new IpcConnectionRefusedException(refusal));
                    }

                    return;
                }

                stream = opened;
                hello = Handshake.ReadHello(stream);
            }
            catch (Exception e)
            {
                Refuse(stream, deadline.HasExpired ? new TimeoutException() : e);
                return;
            }

            if (!deadline.TryComplete())
            {
                Refuse(stream, new TimeoutException());
                return;
            }
        }

        int? processId = PeerCredentials.ProcessIdOf(stream);
        object? ticket;
        try
        {
            ticket = _admission.Admit(hello, processId);
        }
        catch (IpcConnectionRefusedException e)
        {
            Refuse(stream, e);
            return;
        }

        int id = _main.ReserveRendererId();
        _admission.Admitting(ticket, id);
        IpcSender sender;
        try
        {
            // The welcome is the first frame the renderer reads: it goes out before the link can be written
            // to, and before main lists the renderer, under the lock that listing takes, so a renderer that
            // has been welcomed is always in main.Renderers.
            var connection = new StreamConnection(stream, _main.MaxMessageSize, processId ?? 0, _main.IncompleteFrameTimeout);
            Handshake.Features agreed = hello.Offered & _main.OfferedFeatures;
            sender = _main.AddRenderer(connection, agreed, id, announce: () => Handshake.WriteWelcome(stream, id, Environment.ProcessId, agreed));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            stream.Dispose(); // the client left during the handshake, or main is shutting down
            return;
        }

        _admission.Admitted(ticket, sender);
    }

    private void Refuse(Stream stream, Exception error)
    {
        if (_stopping.IsCancellationRequested)
        {
            stream.Dispose();
            return;
        }

        string reason = error switch
        {
            IpcConnectionRefusedException => error.Message,
            TimeoutException => $"no handshake within {Handshake.Timeout.TotalSeconds:0} seconds.",
            EndOfStreamException or IOException => "the client disconnected during the handshake.",
            _ => $"a malformed handshake: {error.Message}",
        };
        try
        {
            Handshake.WriteRefusal(stream, reason);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The client has gone already; the refusal is still reported below.
        }

        stream.Dispose();
        ReportRefusal(reason, error);
    }

    private void ReportRefusal(string reason, Exception error) =>
        _main.ReportError(new IpcErrorEventArgs(new IpcConnectionRefusedException($"A renderer connection was refused: {reason}", error), null, null));
}

/// <summary>Decides which connections are admitted and learns which launch each belongs to (see <see cref="Processes.RendererLauncher"/>).</summary>
internal interface IRendererAdmission
{
    /// <summary>
    /// Checks a Hello's token against what is live and takes one of the connections it admits, on the handshake's
    /// thread; returns a ticket for the calls below. Refuses with <see cref="IpcConnectionRefusedException"/>.
    /// </summary>
    /// <param name="hello">What the client sent.</param>
    /// <param name="processId">The connecting process's id as the OS reports it, or null where it cannot tell.</param>
    object? Admit(Handshake.Hello hello, int? processId);

    /// <summary>Called before the renderer is added, so that a connection closing at once still finds its process.</summary>
    void Admitting(object? ticket, int rendererId);

    /// <summary>Called once the renderer is connected and listed in <see cref="IpcMain.Renderers"/>.</summary>
    void Admitted(object? ticket, IpcSender sender);
}
