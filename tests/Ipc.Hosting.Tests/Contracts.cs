namespace Ipc.Hosting.Tests;

/// <summary>A renderer-to-main contract the tests serve with classes.</summary>
[IpcChannel]
public interface IGreeter
{
    Task<string> Greet(string name);

    string WhoAmI();

    void Note(string text);
}

/// <summary>A main-to-renderer contract.</summary>
[IpcChannel(IpcDirection.MainToRenderer)]
public interface INotices
{
    void Notice(string text);

    Task<int> Count();
}

/// <summary>A main-to-renderer contract of messages only: its broadcast implements it.</summary>
[IpcChannel(IpcDirection.MainToRenderer)]
public interface IAnnouncements
{
    void Announce(string text);
}

/// <summary>An interface with no generated code.</summary>
public interface INotAContract
{
    void Nothing();
}
