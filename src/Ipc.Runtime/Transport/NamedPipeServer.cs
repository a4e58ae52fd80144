using System.IO.Pipes;

namespace Ipc.Transport;

/// <summary>
/// A named pipe with <see cref="PipeOptions.CurrentUserOnly"/>: Windows lets only the same user open it,
/// and the client checks that the server belongs to that user too. Compiled everywhere, used on Windows.
/// </summary>
internal sealed class NamedPipeServer : LocalServer
{
    private const PipeOptions Options = PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly;

    private readonly CancellationTokenSource _stopped = new();

    public NamedPipeServer()
    {
        Address = "ipcgen-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
    }

    public override string Address { get; }

    public static async Task<Stream> ConnectToAsync(string address, CancellationToken cancellationToken)
    {
        var pipe = new NamedPipeClientStream(".", address, PipeDirection.InOut, Options);
        try
        {
            await pipe.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return pipe;
        }
        catch
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async Task<Stream> AcceptAsync(CancellationToken cancellationToken)
    {
        // Each client gets its own server instance of the pipe, created when the previous one was taken.
        var pipe = new NamedPipeServerStream(Address, PipeDirection.InOut, NamedPipeServerStream.MaxAllowedServerInstances, PipeTransmissionMode.Byte, Options);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopped.Token);
            await pipe.WaitForConnectionAsync(linked.Token).ConfigureAwait(false);
            return pipe;
        }
        catch
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override void Dispose() => _stopped.Cancel();
}
