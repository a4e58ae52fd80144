using Ipc.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Ipc.Analyzers.Tests.Infrastructure;

/// <summary>What every analyzer and code-fix test compiles with: .NET 8 reference assemblies, the built runtime, and the generator.</summary>
internal static class IpcTestState
{
    /// <summary>The usings every test source starts with, as a user's file would.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Ipc;
        using Demo;

        """;

    /// <summary>
    /// The contracts the listener tests use, in their own file: <c>IPingPong</c> (renderer → main, every member kind)
    /// and <c>IPingPongReplies</c> (main → renderer: a message and an invocation).
    /// </summary>
    public const string Contracts = """
        using System.Threading;
        using System.Threading.Tasks;
        using Ipc;

        namespace Demo;

        [IpcChannel]
        public interface IPingPong
        {
            void AsynchronousMessage(string arg);
            string SynchronousMessage(string arg);
            int Count(int a, int b);
            Task<int> Add(int a, int b, CancellationToken ct = default);
            [IpcChannelName("custom:name")]
            void Renamed(string text);
        }

        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface IPingPongReplies
        {
            void AsynchronousReply(string arg);
            Task<string> Status(CancellationToken ct = default);
        }
        """;

    /// <summary>Ipc.Runtime.dll as the tests' build produced it.</summary>
    public static MetadataReference Runtime { get; } = MetadataReference.CreateFromFile(typeof(IpcMain).Assembly.Location);

    public static void Configure(SolutionState state)
    {
        state.AdditionalReferences.Add(Runtime);
    }

    public static readonly Type[] SourceGenerators = [typeof(IpcChannelGenerator)];
}
