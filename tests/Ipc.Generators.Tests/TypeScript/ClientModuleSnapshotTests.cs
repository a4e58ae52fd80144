using Ipc.Generators.Tests.Infrastructure;

namespace Ipc.Generators.Tests.TypeScript;

/// <summary>
/// The TypeScript and JavaScript client modules of each contract shape, compared with their baselines in
/// <c>Snapshots/</c> (<c>&lt;test&gt;.&lt;module&gt;.verified.ts</c> and <c>.js</c>). The generated C# carrying them
/// must compile with no warning.
/// </summary>
public sealed class ClientModuleSnapshotTests
{
    /// <summary>The contracts of samples/PingPong/Contracts.cs.</summary>
    [Fact]
    public void PingPongSample() => Verify(nameof(PingPongSample), """
        using System.Threading;
        using System.Threading.Tasks;
        using Ipc;

        namespace PingPong;

        /// <summary>What the renderer sends to main: Electron's "asynchronous-message" and "synchronous-message".</summary>
        [IpcChannel]
        public interface IPingPong
        {
            /// <summary>Fire and forget; main answers on <see cref="IPingPongReplies.AsynchronousReply"/>.</summary>
            void AsynchronousMessage(string arg);

            /// <summary>Blocks the renderer until main sets <c>ReturnValue</c>.</summary>
            string SynchronousMessage(string arg);
        }

        /// <summary>What main sends to a renderer: Electron's "asynchronous-reply", and a question Electron cannot ask.</summary>
        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface IPingPongReplies
        {
            /// <summary>The answer to <see cref="IPingPong.AsynchronousMessage"/>.</summary>
            void AsynchronousReply(string arg);

            /// <summary>Main asks the renderer how it is; the renderer's handler answers.</summary>
            Task<string> Status(CancellationToken ct = default);
        }
        """);

    [Fact]
    public void QuickStartPingPongWithACancellableInvocation() => Verify(nameof(QuickStartPingPongWithACancellableInvocation), ContractSources.PingPong);

    [Fact]
    public void PayloadsOfEveryShapeUnderASnakeCasePolicy() => Verify(nameof(PayloadsOfEveryShapeUnderASnakeCasePolicy), ContractSources.Library);

    /// <summary>Top-level byte arguments and results are raw bytes (Uint8Array); inside a record they stay base64 text.</summary>
    [Fact]
    public void BinaryArgumentsAndResultsAreUint8Arrays() => Verify(nameof(BinaryArgumentsAndResultsAreUint8Arrays), """
        using System;
        using System.Threading.Tasks;
        using Ipc;

        namespace Demo;

        public sealed record Attachment(string Name, byte[] Content);

        [IpcChannel]
        public interface IFiles
        {
            void Upload(string name, byte[] content, ReadOnlyMemory<byte>? thumbnail);

            Task<byte[]> Download(string name);

            Task<Attachment> Describe(string name);
        }

        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface IFileEvents
        {
            void Chunk(Memory<byte> bytes);

            Task<byte[]?> Snapshot();
        }
        """);

    [Fact]
    public void NamesThatJavaScriptReservesOrTheModuleUses() => Verify(nameof(NamesThatJavaScriptReservesOrTheModuleUses), """
        using System.Threading;
        using System.Threading.Tasks;
        using Ipc;

        namespace Demo;

        public sealed record Promise(string Options);

        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface IDelete
        {
            [IpcChannelName("window:close \"now\"")]
            void @class(string @event, int ipc, Promise promise);

            Task<string> Options(string options, string handler, CancellationToken ct);
        }
        """);

    private static void Verify(string name, string source)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(BuildProperties.WithTypeScriptOutput, source);

        outcome.AssertNoProblems();
        SortedDictionary<string, string> modules = ClientModuleFiles.Of(outcome);
        Assert.NotEmpty(modules);
        foreach ((string fileName, string module) in modules)
        {
            Snapshot.Match(name + "." + Path.GetFileNameWithoutExtension(fileName), module, Path.GetExtension(fileName));
        }
    }
}
