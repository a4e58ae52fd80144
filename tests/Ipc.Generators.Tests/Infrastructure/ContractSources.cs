namespace Ipc.Generators.Tests.Infrastructure;

/// <summary>Contract sources more than one test class compiles.</summary>
internal static class ContractSources
{
    /// <summary>The Electron docs' ping/pong, one member of each renderer → main kind.</summary>
    public const string PingPong = """
        using System.Threading;
        using System.Threading.Tasks;
        using Ipc;

        namespace Demo;

        /// <summary>The Electron docs' ping/pong, renderer to main.</summary>
        [IpcChannel]
        public interface IPingPong
        {
            /// <summary>Fire and forget.</summary>
            void AsynchronousMessage(string arg);

            /// <summary>Answered through ReturnValue.</summary>
            string SynchronousMessage(string arg);

            /// <summary>Answered by a handler.</summary>
            Task<int> Add(int a, int b, CancellationToken ct = default);
        }
        """;

    /// <summary>
    /// Contracts whose payloads use every mapping of the client modules: records, classes and structs, enums as numbers
    /// and as strings, nullables, lists, dictionaries, bytes, dates, a generic record, two types of one name, the naming
    /// policy of a JsonSerializerContext, [JsonPropertyName], [JsonIgnore], [JsonInclude], and a cancellable invocation.
    /// </summary>
    public const string Library = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using System.Threading;
        using System.Threading.Tasks;
        using Ipc;

        namespace Demo.Library;

        /// <summary>How a book is bound.</summary>
        public enum Binding
        {
            /// <summary>Soft covers.</summary>
            Paperback = 1,
            Hardcover = 2,
        }

        /// <summary>Written as its name.</summary>
        [JsonConverter(typeof(JsonStringEnumConverter<Genre>))]
        public enum Genre { Fiction, NonFiction, Poetry }

        [Flags]
        public enum Marks { None = 0, Signed = 1, FirstEdition = 2 }

        /// <summary>A book on the shelf.</summary>
        public sealed record Book(
            string Title,
            string? Subtitle,
            Binding Binding,
            Genre Genre,
            [property: JsonConverter(typeof(JsonStringEnumConverter))] Binding? BindingName,
            IReadOnlyList<Author> Authors,
            Dictionary<string, int> CopiesByBranch,
            Dictionary<Genre, List<string?>> TagsByGenre,
            byte[] Cover,
            ReadOnlyMemory<byte> Thumbnail,
            DateTime Added,
            DateTimeOffset? Returned,
            DateOnly Published,
            TimeOnly OpensAt,
            TimeSpan LoanPeriod,
            Guid Id,
            long Isbn13,
            decimal Price,
            Marks Marks,
            HashSet<int> ShelfNumbers,
            object? Extra,
            JsonElement Raw)
        {
            /// <summary>The old number, for books before 2007.</summary>
            [JsonPropertyName("ISBN-10")]
            public string? Isbn10 { get; init; }

            [JsonIgnore]
            public string Secret { get; init; } = "";

            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
            public string? Note { get; init; }

            [JsonInclude]
            public int ShelfRow;

            public int NotSerializedField;

            public Author.Detail? Detail { get; init; }
        }

        public class Author
        {
            public string FullName { get; set; } = "";

            public Author? Mentor { get; set; }

            /// <summary>A nested type whose name another type has too.</summary>
            public sealed class Detail
            {
                public string? Bio { get; set; }
            }
        }

        public sealed class Detail
        {
            public int Pages { get; set; }
        }

        public readonly record struct Page<T>(IReadOnlyList<T> Items, int Total);

        /// <summary>What a page asks the library.</summary>
        [IpcChannel]
        public interface ILibrary
        {
            /// <summary>Adds a book.</summary>
            void Add(Book book);

            Task<Page<Book>> Search(string? text, Genre[] genres, int skip, CancellationToken ct = default);

            Task<Detail?> Details(Guid id);

            int Count();

            ValueTask Clear(CancellationToken ct);
        }

        /// <summary>What the library tells a page.</summary>
        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface ILibraryEvents
        {
            void BookAdded(Book book, Page<string> recent);

            Task<bool> Confirm(string question, CancellationToken ct = default);

            Task Refresh();
        }

        [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
        internal sealed class LibraryJson() : JsonSerializerContext(null)
        {
            public override JsonTypeInfo? GetTypeInfo(Type type) => null;

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
        }
        """;
}
