using Ipc.Protocol;

namespace Ipc.Telemetry;

/// <summary>
/// The <c>error.type</c> of a failed call or message: a short name for each way an IPC call ends without a value,
/// and the exception's full type name for anything else (a listener's own exception, a serialization error), as
/// the conventions ask.
/// </summary>
internal static class ErrorTypes
{
    public const string Timeout = "timeout";
    public const string NoHandler = "no_handler";
    public const string NoReply = "no_reply";
    public const string Disconnected = "disconnected";
    public const string RemoteException = "remote_exception";
    public const string Cancelled = "cancelled";
    public const string Refused = "refused";

    /// <summary>How a caller saw its call fail.</summary>
    public static string Of(Exception error) => error switch
    {
        IpcTimeoutException => Timeout,
        IpcNoHandlerException => NoHandler,
        IpcNoReplyException => NoReply,
        IpcDisconnectedException => Disconnected,
        IpcRemoteException => RemoteException,
        OperationCanceledException => Cancelled,
        _ => TypeName(error),
    };

    /// <summary>How the answering end ended a call it could not answer with a value.</summary>
    public static string Of(ReplyStatus status) => status switch
    {
        ReplyStatus.NoReply => NoReply,
        ReplyStatus.NoHandler => NoHandler,
        ReplyStatus.Cancelled => Cancelled,
        ReplyStatus.Refused => Refused,
        _ => RemoteException,
    };

    public static string TypeName(Exception error) => error.GetType().FullName ?? error.GetType().Name;
}
