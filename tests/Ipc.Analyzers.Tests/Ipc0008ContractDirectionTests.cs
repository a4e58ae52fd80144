using Ipc.Analyzers.Tests.Infrastructure;
using Ipc.Generators.Diagnostics;
using Ipc.Generators.Diagnostics.Analyzers;
using Microsoft.CodeAnalysis.Testing;

namespace Ipc.Analyzers.Tests;

/// <summary>
/// IPC0008: a contract used against its direction, as when <c>IpcDirection.MainToRenderer</c> is forgotten. The compiler's
/// own errors on those lines (CS1061, CS1955, CS0119) are not what these tests are about, so they are not compared.
/// </summary>
public sealed class Ipc0008ContractDirectionTests
{
    private const string ToMain = "renderer → main";
    private const string ToRenderer = "main → renderer";
    private const string AddMainToRenderer = "declare it [IpcChannel(IpcDirection.MainToRenderer)] for main to send it and renderers to listen";
    private const string RemoveMainToRenderer = "declare it [IpcChannel] (renderer → main, the default) for renderers to send it and main to listen";

    [Fact]
    public Task MainSendingARendererToMainContractToOneRendererFires() => Run("""
        class C
        {
            void M(IpcMain main) =>
                main.PingPong().AsynchronousMessage.On((e, arg) => e.Sender.{|#0:PingPong|}().AsynchronousMessage("pong"));
        }
        """, Expect(0, "Main sends", "IPingPong", ToMain, AddMainToRenderer));

    [Fact]
    public Task MainBroadcastingARendererToMainContractFires() => Run("""
        class C
        {
            void M(IpcMain main) => main.PingPong().{|#0:AsynchronousMessage|}("pong");
        }
        """, Expect(0, "Main sends", "IPingPong", ToMain, AddMainToRenderer));

    [Fact]
    public Task ARendererListeningToARendererToMainContractFires() => Run("""
        class C
        {
            void M(IpcRenderer renderer) => renderer.PingPong().{|#0:AsynchronousMessage|}.On((e, arg) => { });
        }
        """, Expect(0, "A renderer listens to", "IPingPong", ToMain, AddMainToRenderer));

    [Fact]
    public Task ARendererSendingAMainToRendererContractFires() => Run("""
        class C
        {
            void M(IpcRenderer renderer) => renderer.PingPongReplies().{|#0:AsynchronousReply|}("ping");
        }
        """, Expect(0, "A renderer sends", "IPingPongReplies", ToRenderer, RemoveMainToRenderer));

    [Fact]
    public Task MainListeningToAMainToRendererContractFires() => Run("""
        class C
        {
            void M(IpcMain main) => main.PingPongReplies().{|#0:Status|}.Handle((e, ct) => Task.FromResult("ok"));
        }
        """, Expect(0, "Main listens to", "IPingPongReplies", ToRenderer, RemoveMainToRenderer));

    [Fact]
    public Task EachContractUsedInItsDirectionIsSilent() => Verify.Analyzer<ContractDirectionAnalyzer>("""
        class C
        {
            async Task M(IpcMain main, IpcRenderer renderer)
            {
                main.PingPong().AsynchronousMessage.On((e, arg) => e.Sender.PingPongReplies().AsynchronousReply("pong"));
                main.PingPongReplies().AsynchronousReply("all");
                renderer.PingPong().AsynchronousMessage("ping");
                renderer.PingPongReplies().AsynchronousReply.On((e, arg) => { });
                renderer.PingPongReplies().Status.Handle((e, ct) => Task.FromResult("ok"));
                await renderer.PingPong().Add(1, 2);
            }
        }
        """);

    [Fact]
    public Task UnknownMembersAndViewsAreLeftToTheCompiler() => Run("""
        class C
        {
            void M(IpcMain main, IpcRenderer renderer)
            {
                main.PingPong().NoSuchMember("x");
                renderer.PingPong().NoSuchMember.On((e, arg) => { });
                main.Nothing().AsynchronousMessage("x");
                main.PingPong().AsynchronousMessage.Nothing();
            }
        }
        """);

    private static DiagnosticResult Expect(int location, params object[] arguments) =>
        new DiagnosticResult(DiagnosticDescriptors.ContractUsedAgainstItsDirection).WithLocation(location).WithArguments(arguments);

    private static Task Run(string source, params DiagnosticResult[] expected)
    {
        var test = new IpcAnalyzerTest<ContractDirectionAnalyzer>(source) { CompilerDiagnostics = CompilerDiagnostics.None };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
