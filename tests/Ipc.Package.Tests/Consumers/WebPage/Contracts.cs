using Ipc;

namespace WebPage;

public sealed record Person(string Name, int Age);

public sealed record Greeting(string Text, DateTimeOffset At);

[IpcChannel]
public interface IGreeter
{
    Task<Greeting> Greet(Person person);

    Task Fail(string message);

    void Report(string line);
}

[IpcChannel(IpcDirection.MainToRenderer)]
public interface IGreeterEvents
{
    void Shout(string text);

    Task<int> Double(int n);
}
