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
}
