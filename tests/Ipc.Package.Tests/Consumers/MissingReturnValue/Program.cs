using Ipc;

using var main = new IpcMain();
main.Questions().Ask.On((e, question) => Console.WriteLine($"asked: {question}"));

[IpcChannel]
public interface IQuestions
{
    string Ask(string question);
}
