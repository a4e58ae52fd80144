using Ipc.Generators.Tests.Infrastructure;

namespace Ipc.Generators.Tests;

/// <summary>
/// The generated code for each contract shape, compared with its baseline in <c>Snapshots/</c>. Every output must
/// also compile with no warning, documentation diagnostics included.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void RendererToMainContractWithEveryMemberKind() =>
        Verify(nameof(RendererToMainContractWithEveryMemberKind), ContractSources.PingPong);

    [Fact]
    public void MainToRendererContract() => Verify(nameof(MainToRendererContract), """
        using Ipc;

        namespace Demo;

        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface IPingPongReplies
        {
            void AsynchronousReply(string arg);

            void Tick();
        }
        """);

    [Fact]
    public void MainToRendererInvocationsOfEveryAwaitableShapeBesideMessages() => Verify(nameof(MainToRendererInvocationsOfEveryAwaitableShapeBesideMessages), """
        using System.Threading;
        using System.Threading.Tasks;
        using Ipc;

        namespace Demo.Windows;

        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface IWindowControl
        {
            void Show(string title);

            /// <summary>Reloads the page.</summary>
            /// <remarks>Unsaved input is lost.</remarks>
            Task Reload(bool ignoreCache);

            Task<string> Title(CancellationToken ct = default);

            ValueTask Close(int delayMs, CancellationToken cancellationToken);

            ValueTask<bool> IsFocused();

            void Flash();
        }
        """);

    [Fact]
    public void MainToRendererBroadcastKeepsDefaultsAndParams() => Verify(nameof(MainToRendererBroadcastKeepsDefaultsAndParams), """
        using System.Threading;
        using System.Threading.Tasks;
        using Ipc;

        namespace Demo;

        public enum Level { Low, High }

        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface IAlerts
        {
            void Notify(string text, Level level = Level.High, int? limit = 5, string? source = null, params string[] tags);

            Task<int> Count(decimal threshold = 0.5m, CancellationToken ct = default);
        }
        """);

    [Fact]
    public void EveryAwaitableShapeWithAndWithoutCancellation() => Verify(nameof(EveryAwaitableShapeWithAndWithoutCancellation), """
        using System.Threading;
        using System.Threading.Tasks;
        using Ipc;

        namespace Demo.Invocations;

        [IpcChannel]
        public interface IJobs
        {
            Task Start(string name);
            Task<long> Count(CancellationToken cancellationToken);
            ValueTask Stop(string name, CancellationToken cancellationToken);
            ValueTask<bool> IsRunning(string name);
        }
        """);

    [Fact]
    public void ChannelNameOverridesAndDerivedNames() => Verify(nameof(ChannelNameOverridesAndDerivedNames), """
        using Ipc;

        namespace Demo;

        [IpcChannel]
        public interface IWindowCommands
        {
            [IpcChannelName("window:minimize")]
            void Minimize();

            [IpcChannelName("Title \"quoted\"")]
            void SetTitle(string title);

            string GetHTTPResponse2(string url);

            void Save_As(string path);
        }
        """);

    [Fact]
    public void ContractsNestedInClasses() => Verify(nameof(ContractsNestedInClasses), """
        using Ipc;

        namespace Demo;

        public static partial class Outer
        {
            internal static class Inner
            {
                [IpcChannel]
                public interface ISettings
                {
                    int Get(string key);
                }
            }
        }
        """);

    [Fact]
    public void MembersInheritedFromBaseInterfaces() => Verify(nameof(MembersInheritedFromBaseInterfaces), """
        using System.Threading.Tasks;
        using Ipc;

        namespace Demo;

        public interface ILogging
        {
            void Log(string message);
        }

        public interface IHealth : ILogging
        {
            Task<bool> Ping();
        }

        [IpcChannel]
        public interface IService : IHealth, ILogging
        {
            void Restart();
        }
        """);

    [Fact]
    public void ParametersWithDefaultValues() => Verify(nameof(ParametersWithDefaultValues), """
        using System.Threading;
        using System.Threading.Tasks;
        using Ipc;

        namespace Demo;

        public enum Level { Low, High }

        [IpcChannel]
        public interface IDefaults
        {
            void Configure(string name = "default", int retries = 3, double ratio = 0.5, Level level = Level.High, string? note = null);
            Task<int> Measure(decimal scale = 1.5m, CancellationToken ct = default);
        }
        """);

    [Fact]
    public void GenericParameterTypes() => Verify(nameof(GenericParameterTypes), """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Ipc;

        namespace Demo;

        [IpcChannel]
        public interface ITables
        {
            void Load(List<Dictionary<string, int[]>> rows, (int Id, string Name) pair);
            Dictionary<string, List<int>> Index(IReadOnlyList<string> keys);
            Task<KeyValuePair<string, int[][]>[]> Export(HashSet<long> ids);
        }
        """);

    [Fact]
    public void NullableAnnotations() => Verify(nameof(NullableAnnotations), """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Ipc;

        namespace Demo;

        [IpcChannel]
        public interface IProfiles
        {
            string? Find(string? name, int? age);
            Task<List<string?>?> Search(List<string?>? terms);
            void Update(Dictionary<string, object?> changes);
        }
        """);

    [Fact]
    public void NullableObliviousContract() => Verify(nameof(NullableObliviousContract), """
        #nullable disable
        using Ipc;

        namespace Demo;

        [IpcChannel]
        public interface ILegacy
        {
            string Echo(string text);
        }
        """);

    [Fact]
    public void KeywordsAsNames() => Verify(nameof(KeywordsAsNames), """
        using Ipc;

        namespace Demo;

        [IpcChannel]
        public interface IKeywords
        {
            void @event(string @event, int @class);
            string @return(string e);
        }
        """);

    [Fact]
    public void ContractInTheGlobalNamespace() => Verify(nameof(ContractInTheGlobalNamespace), """
        [Ipc.IpcChannel(Ipc.IpcDirection.MainToRenderer)]
        public interface INotifications
        {
            void Show(string title, string body);
        }
        """);

    [Fact]
    public void InternalContract() => Verify(nameof(InternalContract), """
        using Ipc;

        namespace Demo;

        [IpcChannel]
        internal interface IClipboard
        {
            string Read();
            void Write(string text);
        }
        """);

    [Fact]
    public void XmlDocumentationCarriesOver() => Verify(nameof(XmlDocumentationCarriesOver), """
        using System.Threading;
        using System.Threading.Tasks;
        using Ipc;

        namespace Demo;

        [IpcChannel]
        public interface IFiles
        {
            /// <summary>
            /// Reads the file at <paramref name="path"/> as a <see cref="string"/>.
            /// </summary>
            /// <param name="path">The file's path.</param>
            /// <param name="ct">Cancels the read.</param>
            /// <returns>The file's text.</returns>
            /// <remarks>Relative paths start at the app's directory.</remarks>
            Task<string> Read(string path, CancellationToken ct);
        }
        """);

    [Fact]
    public void AMemberNamedServeKeepsItsChannelAndTheViewHasNoServe() => Verify(nameof(AMemberNamedServeKeepsItsChannelAndTheViewHasNoServe), """
        using Ipc;

        namespace Demo;

        [IpcChannel]
        public interface IKitchen
        {
            void Serve(string dish);

            int Orders();
        }
        """);

    [Fact]
    public void ContractWithoutMembers() => Verify(nameof(ContractWithoutMembers), """
        using Ipc;

        namespace Demo;

        [IpcChannel]
        public interface IEmpty
        {
        }
        """);

    /// <summary>
    /// Members the analyzers report (a property, an event, an indexer, a generic method, an <c>out</c> parameter) are left
    /// out of the view and the channels; the proxy implements each with a stub that throws, so the valid members keep
    /// their typed API.
    /// </summary>
    [Fact]
    public void InvalidMembersAreLeftOutAndTheRestKeepsItsTypedApi() => Verify(nameof(InvalidMembersAreLeftOutAndTheRestKeepsItsTypedApi), """
        using System;
        using System.Threading.Tasks;
        using Ipc;

        namespace Demo;

        [IpcChannel]
        public interface ISettings
        {
            string Theme { get; set; }

            event EventHandler? Changed;

            string this[string key] { get; }

            T? Read<T>(string key);

            bool TryGet(string key, out string value);

            void SetTheme(string theme);

            Task<string> GetTheme();
        }
        """);

    /// <summary>A main → renderer contract that loses a member no longer lets its broadcast implement the contract.</summary>
    [Fact]
    public void AnInvalidMainToRendererMemberIsLeftOutOfTheBroadcast() => Verify(nameof(AnInvalidMainToRendererMemberIsLeftOutOfTheBroadcast), """
        using Ipc;

        namespace Demo;

        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface INotifications
        {
            void Show(string text);

            int Count();
        }
        """);

    /// <summary>
    /// Generated senders write each argument as its declared type through <c>Ipc.CompilerServices</c>; none builds an
    /// <c>object?[]</c> (which boxes every value-type argument and makes the serializer look up each value's type).
    /// Checked on every baseline, so a new contract shape cannot bring the array back unnoticed.
    /// </summary>
    [Fact]
    public void NoGeneratedCodeBuildsAnObjectArray()
    {
        string[] baselines = Directory.GetFiles(Path.Combine(Snapshot.ProjectDirectory(), "Snapshots"), "*.verified.cs");
        Assert.NotEmpty(baselines);
        Assert.All(baselines, path =>
        {
            string text = File.ReadAllText(path);
            Assert.DoesNotContain("object?[]", text, StringComparison.Ordinal);
            Assert.DoesNotContain("object[]", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Array.Empty<object", text, StringComparison.Ordinal);
        });
    }

    /// <summary>
    /// Every namespace-level generated type says it is generated, and by which generator version (the generator's
    /// assembly version, fixed by the repository's <c>VersionPrefix</c>), on every baseline.
    /// </summary>
    [Fact]
    public void EveryGeneratedTypeCarriesTheGeneratedCodeAttribute()
    {
        string attribute = $"[global::System.CodeDom.Compiler.GeneratedCode(\"IpcGen\", \"{typeof(IpcChannelGenerator).Assembly.GetName().Version}\")]";
        string[] baselines = Directory.GetFiles(Path.Combine(Snapshot.ProjectDirectory(), "Snapshots"), "*.verified.cs");
        Assert.All(baselines, path =>
        {
            string[] lines = File.ReadAllLines(path);
            int namespaceLevel = lines.Any(static l => l.StartsWith("namespace ", StringComparison.Ordinal)) ? 4 : 0;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                bool namespaceLevelType = (line.StartsWith("public ", StringComparison.Ordinal) || line.StartsWith("internal ", StringComparison.Ordinal))
                    && line.Contains(" class ", StringComparison.Ordinal)
                    && lines[i].Length - line.Length == namespaceLevel;
                if (namespaceLevelType)
                {
                    Assert.True(lines[i - 1].Trim() == attribute, $"{Path.GetFileName(path)} line {i + 1}: '{line}' lacks {attribute}");
                }
            }
        });
    }

    /// <summary>The same on fresh generator output for a contract of each direction, every member kind included.</summary>
    [Fact]
    public void NoGeneratedSenderBuildsAnObjectArray()
    {
        foreach (string source in new[] { ContractSources.PingPong, MainToRendererWithEveryKind })
        {
            GeneratorOutcome outcome = GeneratorHarness.Run(source);
            outcome.AssertNoProblems();
            string generated = Assert.Single(outcome.Sources).Value;
            Assert.DoesNotContain("object?[]", generated, StringComparison.Ordinal);
            Assert.Contains("global::Ipc.CompilerServices.Ipc", generated, StringComparison.Ordinal);
        }
    }

    private const string MainToRendererWithEveryKind = """
        using System.Threading;
        using System.Threading.Tasks;
        using Ipc;

        namespace Demo;

        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface IEveryKind
        {
            void Show(string title, int times);

            Task<int> Count(long from, CancellationToken ct = default);

            ValueTask Close();
        }
        """;

    private static void Verify(string name, string source)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        outcome.AssertNoProblems();
        string generated = Assert.Single(outcome.Sources).Value;
        Snapshot.Match(name, generated);
    }
}
