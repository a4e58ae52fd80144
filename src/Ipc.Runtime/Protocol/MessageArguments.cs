namespace Ipc.Protocol;

/// <summary>Checks the arguments of an untyped send before anything is serialised.</summary>
internal static class MessageArguments
{
    /// <summary>
    /// A <see cref="CancellationToken"/> among the arguments binds to <c>params object?[]</c> and would travel as
    /// data instead of cancelling anything: refuse it, naming the overload that was meant.
    /// </summary>
    /// <exception cref="ArgumentException">An argument is a <see cref="CancellationToken"/>.</exception>
    public static void RejectCancellationTokens(MessageKind kind, string channel, object?[]? args)
    {
        if (args is null)
        {
            return;
        }

        for (int i = 0; i < args.Length; i++)
        {
            RejectCancellationToken(kind, channel, i, args[i]);
        }
    }

    /// <summary>The same check for one argument written as its declared type; a constant <c>false</c> for most <typeparamref name="T"/> once compiled.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is a <see cref="CancellationToken"/>.</exception>
    public static void RejectCancellationToken<T>(MessageKind kind, string channel, int index, T value)
    {
        if (value is CancellationToken)
        {
            string advice = kind is MessageKind.Invoke or MessageKind.NestedInvoke
                ? "To cancel the call, pass the token to the overload InvokeAsync<T>(channel, args, cancellationToken) (InvokeAllAsync<T> likewise), with the arguments in an array."
                : "A message that is not an invocation cannot be cancelled; remove the token.";
            throw new ArgumentException(
                $"Argument {index} of the message on '{channel}' is a CancellationToken, which would be sent as data. {advice}",
                "args");
        }
    }
}
