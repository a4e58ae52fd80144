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

    public static Stream ConnectTo(string address, CancellationToken cancellationToken)
    {
        var pipe = new NamedPipeClientStream(".", address, PipeDirection.InOut, Options);
        try
        {
            pipe.ConnectAsync(cancellationToken).GetAwaiter().GetResult();
            return pipe;
        }
        catch
        {
            pipe.Dispose();
            throw;
        }
    }

    public override Stream Accept()
    {
        // Each client gets its own server instance of the pipe, created when the previous one was taken.
        var pipe = new NamedPipeServerStream(Address, PipeDirection.InOut, NamedPipeServerStream.MaxAllowedServerInstances, PipeTransmissionMode.Byte, Options);
        try
        {
            pipe.WaitForConnectionAsync(_stopped.Token).GetAwaiter().GetResult();
            return pipe;
        }
        catch
        {
            pipe.Dispose();
            throw;
        }
    }

    public override void Dispose() => _stopped.Cancel();
}
