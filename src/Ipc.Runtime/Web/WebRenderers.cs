using Ipc.Transport;

namespace Ipc.Web;

/// <summary>
/// Web pages as renderers of one <see cref="IpcMain"/>: the loopback listener, the server that runs each
/// connection's handshake, and the admission of pages by the web token. A page that presents the token becomes a
/// renderer like any other, whatever its process (unknown: <see cref="IpcSender.ProcessId"/> is 0 and
/// <see cref="IpcSender.Origin"/> names the page's origin).
/// </summary>
internal sealed class WebRenderers : IRendererAdmission, IDisposable
{
    private readonly AdmissionToken _token = AdmissionToken.New();
    private readonly RendererServer _server;

    public WebRenderers(IpcMain main, IpcWebOptions options)
    {
        var listener = new WebListener(options);
        Endpoint = new IpcWebEndpoint(listener.Port, _token.Value);
        _server = new RendererServer(main, listener, this);
    }

    public IpcWebEndpoint Endpoint { get; }

    /// <summary>Stops accepting pages; connected ones stay until main closes them.</summary>
    public void Dispose() => _server.Dispose();

    object? IRendererAdmission.Admit(Handshake.Hello hello, int? processId) =>
        _token.Matches(hello.Token) ? null : throw new IpcConnectionRefusedException("The page presented a wrong token.");

    void IRendererAdmission.Admitting(object? ticket, int rendererId)
    {
    }

    void IRendererAdmission.Admitted(object? ticket, IpcSender sender)
    {
    }
}
