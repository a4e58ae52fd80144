using System.Text.Json.Serialization;
using Ipc;

namespace WebRenderer;

/// <summary>How urgent a note is; travels as its number.</summary>
public enum Priority
{
    Low,
    Normal,
    High,
}

/// <summary>A note as main keeps it.</summary>
public sealed record Note(int Id, string Text, Priority Priority, DateTimeOffset Created);

/// <summary>What the page asks main to add.</summary>
public sealed record NewNote(string Text, Priority Priority);

/// <summary>What the page sends to main.</summary>
[IpcChannel]
public interface INotes
{
    /// <summary>A line for main's console.</summary>
    void Log(string text);

    /// <summary>Adds a note; every page is told through <see cref="INotesEvents.Added"/>.</summary>
    Task<Note> Add(NewNote note);

    /// <summary>The notes so far.</summary>
    Task<IReadOnlyList<Note>> List();

    /// <summary>Removes a note; an unknown id throws, and the page sees the exception's type and message.</summary>
    Task Remove(int id);

    /// <summary>How many notes there are, synchronously: a .NET renderer may ask, a web page cannot (the typings leave it out).</summary>
    int Count();
}

/// <summary>What main sends to the page, and asks of it.</summary>
[IpcChannel(IpcDirection.MainToRenderer)]
public interface INotesEvents
{
    /// <summary>A note was added, by this page or another.</summary>
    void Added(Note note);

    /// <summary>Main asks the page for its title: a main → renderer invoke.</summary>
    Task<string> Title();
}

/// <summary>The one place the property naming policy is set: main's serializer and the generated TypeScript both follow it.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Note))]
[JsonSerializable(typeof(NewNote))]
[JsonSerializable(typeof(IReadOnlyList<Note>))]
[JsonSerializable(typeof(Note[]))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
internal sealed partial class NotesJson : JsonSerializerContext
{
}
