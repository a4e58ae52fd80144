using Ipc.Analyzers.Tests.Infrastructure;
using Ipc.Generators.Diagnostics.Analyzers;
using Ipc.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Ipc.Analyzers.Tests;

/// <summary>IPC1001–IPC1008: reported at the member by the validator the generator shares.</summary>
public sealed class ContractRuleTests
{
    private static Task Verify(string source) => Infrastructure.Verify.AnalyzerWithoutContracts<ContractAnalyzer>(source);

    [Fact]
    public Task Ipc1001_PropertiesAndEventsFire() => Verify("""
        [IpcChannel]
        public interface IWithProperty { string {|IPC1001:Name|} { get; } }

        [IpcChannel]
        public interface IWithEvent { event EventHandler {|IPC1001:Changed|}; }

        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface IWithIndexer { void Ping(); int {|IPC1001:this|}[int index] { get; set; } }
        """);

    [Fact]
    public Task Ipc1001_MethodsOnlyOrNoAttributeIsSilent() => Verify("""
        [IpcChannel]
        public interface IMethodsOnly { string GetName(); void SetName(string name); }

        public interface INotAContract { string Name { get; } event EventHandler Changed; }

        [IpcChannel]
        public interface IWithStaticMember { void Ping(); static int Count => 0; }
        """);

    [Fact]
    public Task Ipc1002_GenericMethodsFire() => Verify("""
        [IpcChannel]
        public interface IGeneric
        {
            void {|IPC1002:Send|}<T>(T value);
            T {|IPC1002:Get|}<T>();
            Task<T> {|IPC1002:LoadAsync|}<T>(string key) where T : class;
        }
        """);

    [Fact]
    public Task Ipc1002_ConcreteTypesAreSilent() => Verify("""
        [IpcChannel]
        public interface IConcrete { void Send(List<int> values); Dictionary<string, int> Get(); Task<int[]> LoadAsync(string key); }

        public interface INotAContract { void Send<T>(T value); }
        """);

    [Fact]
    public Task Ipc1003_ByReferenceParametersFire() => Verify("""
        [IpcChannel]
        public interface IByRef
        {
            void Send(ref int {|IPC1003:value|});
            bool TryGet(string key, out string {|IPC1003:value|});
            void Read(in DateTime {|IPC1003:when|});
        }
        """);

    [Fact]
    public Task Ipc1003_ByValueParametersAreSilent() => Verify("""
        [IpcChannel]
        public interface IByValue { void Send(int value); string TryGet(string key); void Read(DateTime when, params int[] more); }
        """);

    [Fact]
    public Task Ipc1004_SameChannelInOneContractFires() => Verify("""
        [IpcChannel]
        public interface IDuplicates
        {
            void SaveFile(string path);
            [IpcChannelName("save-file")]
            void {|IPC1004:Store|}(string path);
            void Save_File(int {|#0:x|});
        }
        """.Replace("{|#0:x|}", "x").Replace("void Save_File(int x);", "void {|IPC1004:Save_File|}(int x);"));

    [Fact]
    public Task Ipc1004_SameChannelAcrossContractsOfOneDirectionFires() => Verify("""
        namespace A
        {
            [IpcChannel]
            public interface IFirst { void {|IPC1004:Ping|}(string text); }
        }

        namespace B
        {
            [IpcChannel]
            public interface ISecond { [IpcChannelName("ping")] string {|IPC1004:Other|}(); }
        }
        """);

    [Fact]
    public Task Ipc1004_DistinctNamesOrDirectionsAreSilent() => Verify("""
        [IpcChannel]
        public interface IToMain { void Ping(string text); string Pong(); }

        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface IToRenderer { void Ping(string text); void Pong(); }

        public interface INotAContract { void Ping(string text); }
        """);

    [Fact]
    public Task Ipc1005_MisplacedCancellationTokensFire() => Verify("""
        [IpcChannel]
        public interface ITokens
        {
            Task<int> First(CancellationToken {|IPC1005:ct|}, int value);
            void Message(string text, CancellationToken {|IPC1005:ct|});
            int Sync(CancellationToken {|IPC1005:ct|});
        }

        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface IToRenderer
        {
            void Notify(CancellationToken {|IPC1005:ct|});
            Task<int> Count(CancellationToken {|IPC1005:ct|}, int from);
        }
        """);

    [Fact]
    public Task Ipc1005_TrailingTokenOnInvokeMembersIsSilent() => Verify("""
        [IpcChannel]
        public interface ITokens
        {
            Task<int> Add(int a, int b, CancellationToken ct = default);
            ValueTask Flush(int level, CancellationToken cancellationToken);
            Task Ping();
        }
        """);

    [Fact]
    public Task Ipc1005_TrailingTokenOnMainToRendererInvokeMembersIsSilent() => Verify("""
        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface IToRenderer
        {
            Task<int> M(CancellationToken ct = default);
            ValueTask Flush(int level, CancellationToken cancellationToken);
            Task<string> Status();
        }
        """);

    [Fact]
    public Task Ipc1005_MessageSaysWhetherTheMemberIsNoInvocationOrTheTokenIsNotLast()
    {
        var test = new IpcAnalyzerTest<ContractAnalyzer>("""
            [IpcChannel(IpcDirection.MainToRenderer)]
            public interface IToRenderer
            {
                void Notify(CancellationToken {|#0:ct|});
                Task<int> Count(CancellationToken {|#1:ct|}, int from);
            }
            """, withContracts: false);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.MisplacedCancellationToken).WithLocation(0).WithArguments(
            "ct", "Notify", "'Notify' does not return Task, Task<T>, ValueTask or ValueTask<T>, so it is not an invocation and cannot be cancelled"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.MisplacedCancellationToken).WithLocation(1).WithArguments(
            "ct", "Count", "it must be the last parameter of 'Count'"));
        return test.RunAsync();
    }

    [Fact]
    public Task Ipc1006_MainToRendererMembersReturningValuesFire() => Verify("""
        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface IToRenderer
        {
            string {|IPC1006:Ask|}(string question);
            int {|IPC1006:Count|}();
            List<string> {|IPC1006:Names|}(CancellationToken {|IPC1005:ct|});
        }
        """);

    [Fact]
    public Task Ipc1006_VoidOrAwaitableMainToRendererAndValuesToMainAreSilent() => Verify("""
        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface IToRenderer
        {
            void Notify(string text);
            void Progress(int percent);
            Task NotifyAsync();
            Task<bool> Confirm(string question);
            ValueTask Flush();
            ValueTask<int> CountAsync(CancellationToken ct = default);
        }

        [IpcChannel(IpcDirection.RendererToMain)]
        public interface IToMain { string Ask(string question); Task<int> CountAsync(); }
        """);

    [Fact]
    public Task Ipc1007_UnserialisableTypesFire() => Verify("""
        [IpcChannel]
        public interface IUnserialisable
        {
            void Run(Action {|IPC1007:callback|});
            System.IO.Stream {|IPC1007:Open|}(string path);
            void Upload(System.IO.MemoryStream {|IPC1007:data|});
            Task<Func<int>> {|IPC1007:Make|}();
            void Many(List<Action> {|IPC1007:actions|});
        }
        """);

    [Fact]
    public Task Ipc1007_DataTypesAreSilent() => Verify("""
        public sealed record Point(int X, int Y);

        [IpcChannel]
        public interface IData { void Send(Point point, string? text, int[] values, Dictionary<string, Point> map); Point Get(Guid id); Task<List<Point>> All(); }
        """);

    [Fact]
    public Task Ipc1008_InvalidChannelNamesFire() => Verify("""
        [IpcChannel]
        public interface IBadNames
        {
            [IpcChannelName("")]
            void {|IPC1008:Empty|}();
            [IpcChannelName("   ")]
            void {|IPC1008:Blank|}();
            [IpcChannelName("tab\there")]
            void {|IPC1008:Control|}();
            [IpcChannelName("ipcgen:heartbeat")]
            void {|IPC1008:Reserved|}();
        }
        """);

    [Fact]
    public Task Ipc1008_ValidChannelNamesAreSilent() => Verify("""
        [IpcChannel]
        public interface IGoodNames
        {
            [IpcChannelName("app:save")]
            void Save();
            [IpcChannelName("with spaces inside")]
            void Spaces();
            [IpcChannelName("ünïcödé")]
            void Unicode();
        }
        """);

    [Fact]
    public Task InheritedProblemIsReportedAtTheContract() => Verify("""
        public interface IBase { int Count { get; } }

        [IpcChannel]
        public interface {|IPC1001:IDerived|} : IBase { void Ping(); }
        """);
}
