namespace Ipc.CrossProcess.Tests.Infrastructure;

/// <summary>
/// Collects the messages renderers send to main on some channels (each with one string argument, or none), so a
/// test can wait for a given one: the renderer's way of saying "my handler started", "my token was cancelled".
/// </summary>
public sealed class Inbox
{
    private readonly List<Message> _messages = [];
    private readonly List<(Func<Message, bool> Match, TaskCompletionSource<Message> Found)> _waiting = [];

    /// <summary>Listens on <paramref name="channels"/> of <paramref name="main"/>; register it before the renderers start.</summary>
    public Inbox(IpcMain main, params string[] channels)
    {
        foreach (string channel in channels)
        {
            main.On(channel, (e, args) => Add(new Message(e.Sender, channel, args.Count > 0 ? args.Get<string>(0) : null)));
        }
    }

    /// <summary>Everything received so far, in arrival order.</summary>
    public IReadOnlyList<Message> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>The first message (received already or later) on <paramref name="channel"/> with <paramref name="text"/>, from <paramref name="from"/> if given; fails after <see cref="Eventually.Bound"/>.</summary>
    public Task<Message> WaitForAsync(string channel, string? text, IpcSender? from = null) =>
        WaitAsync(m => m.Channel == channel && m.Text == text && (from is null || m.Sender == from));

    /// <summary>The first message (received already or later) on <paramref name="channel"/>, whatever it says; fails after <see cref="Eventually.Bound"/>.</summary>
    public Task<Message> FirstAsync(string channel) => WaitAsync(m => m.Channel == channel);

    private Task<Message> WaitAsync(Func<Message, bool> match)
    {
        var found = new TaskCompletionSource<Message>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_messages)
        {
            foreach (Message message in _messages)
            {
                if (match(message))
                {
                    return Task.FromResult(message);
                }
            }

            _waiting.Add((match, found));
        }

        return Eventually.Within(found.Task);
    }

    private void Add(Message message)
    {
        lock (_messages)
        {
            _messages.Add(message);
            for (int i = _waiting.Count - 1; i >= 0; i--)
            {
                if (_waiting[i].Match(message))
                {
                    _waiting[i].Found.TrySetResult(message);
                    _waiting.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>One message: who sent it, on which channel, and its string argument.</summary>
    public sealed record Message(IpcSender Sender, string Channel, string? Text);
}
