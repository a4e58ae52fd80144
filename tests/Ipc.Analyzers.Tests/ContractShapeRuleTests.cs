using Ipc.Analyzers.Tests.Infrastructure;
using Ipc.Generators.Diagnostics;
using Ipc.Generators.Diagnostics.Analyzers;
using Microsoft.CodeAnalysis.Testing;

namespace Ipc.Analyzers.Tests;

/// <summary>
/// IPC1009–IPC1012: the contract shapes the generator cannot give code to, each reported rather than skipped silently.
/// </summary>
public sealed class ContractShapeRuleTests
{
    private static Task Verify(string source) => Infrastructure.Verify.AnalyzerWithoutContracts<ContractAnalyzer>(source);

    [Fact]
    public Task Ipc1009_GenericContractsFire() => Verify("""
        [IpcChannel]
        public interface {|IPC1009:IRepository|}<T> { void Save(string key); }

        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface {|IPC1009:IFeed|}<TItem, TKey> { void Push(string text); }
        """);

    [Fact]
    public Task Ipc1009_MessageNamesTheContract()
    {
        var test = new IpcAnalyzerTest<ContractAnalyzer>("""
            [IpcChannel]
            public interface {|#0:IRepository|}<T> { void Save(string key); }
            """, withContracts: false);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.GenericContract).WithLocation(0).WithArguments("IRepository"));
        return test.RunAsync();
    }

    [Fact]
    public Task Ipc1010_ContractsOutOfTheGeneratedCodesReachFire() => Verify("""
        public class Host
        {
            [IpcChannel]
            private interface {|IPC1010:IPrivate|} { void Ping1(); }

            [IpcChannel]
            protected interface {|IPC1010:IProtected|} { void Ping2(); }

            private class Hidden
            {
                [IpcChannel]
                public interface {|IPC1010:IInPrivateType|} { void Ping3(); }
            }
        }

        public class Box<T>
        {
            [IpcChannel]
            public interface {|IPC1010:IInGenericType|} { void Ping4(); }
        }

        [IpcChannel]
        file interface {|IPC1010:IFileLocal|} { void Ping7(); }
        """);

    [Fact]
    public Task Ipc1010_MessageSaysWhichTypeIsOutOfReach()
    {
        var test = new IpcAnalyzerTest<ContractAnalyzer>("""
            public class Box<T>
            {
                [IpcChannel]
                public interface {|#0:IInGenericType|} { void Ping5(); }
            }

            public class Host
            {
                private class Hidden
                {
                    [IpcChannel]
                    public interface {|#1:IInPrivateType|} { void Ping6(); }
                }
            }
            """, withContracts: false);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.UnreachableContract).WithLocation(0).WithArguments("IInGenericType", "'Box<T>' is generic"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.UnreachableContract).WithLocation(1).WithArguments("IInPrivateType", "'Host.Hidden' is private"));
        return test.RunAsync();
    }

    [Fact]
    public Task Ipc1009_Ipc1010_ReachableContractsAreSilent() => Verify("""
        public class Host
        {
            [IpcChannel]
            public interface IPublic { void Ping(); }

            [IpcChannel]
            internal interface IInternal { void Ping2(); }

            [IpcChannel]
            protected internal interface IProtectedInternal { void Ping3(); }
        }

        internal static class Outer
        {
            public static class Inner
            {
                [IpcChannel]
                public interface IDeep { void Ping4(); }
            }
        }
        """);

    [Fact]
    public Task Ipc1011_MembersNamedLikeGeneratedCodeFire() => Verify("""
        [IpcChannel]
        public interface IJobs
        {
            void Start();
            string {|IPC1011:ToString|}();
            void {|IPC1011:JobsMain|}();
            void {|IPC1011:JobsRendererProxy|}();
            void {|IPC1011:_ipc|}();
        }

        [IpcChannel(IpcDirection.MainToRenderer)]
        public interface IAlerts
        {
            void {|IPC1011:AlertsRenderer|}();
            void {|IPC1011:AlertsMainSender|}();
            void {|IPC1011:AlertsBroadcast|}();
            bool {|IPC1011:Equals|}(object? other);
        }
        """.Replace("bool {|IPC1011:Equals|}(object? other);", "Task<bool> {|IPC1011:Equals|}(object? other);"));

    [Fact]
    public Task Ipc1011_AnOverloadOnAnotherChannelFires()
    {
        var test = new IpcAnalyzerTest<ContractAnalyzer>("""
            [IpcChannel]
            public interface IFiles
            {
                void Save(string path);
                [IpcChannelName("save-copies")]
                void {|#0:Save|}(string path, int copies);
            }
            """, withContracts: false);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.MemberNameCollidesWithGeneratedCode).WithLocation(0)
            .WithArguments("Save", "another member named 'Save' (an overload)"));
        return test.RunAsync();
    }

    [Fact]
    public Task Ipc1011_AnOverloadOnTheSameChannelIsReportedOnceAsIpc1004() => Verify("""
        [IpcChannel]
        public interface IFiles
        {
            void Save(string path);
            void {|IPC1004:Save|}(string path, int copies);
        }
        """);

    [Fact]
    public Task Ipc1011_ServeAndOtherNamesAreSilent() => Verify("""
        [IpcChannel]
        public interface IJobs
        {
            void Serve(string text);
            void Main();
            void Jobs();
            void RendererProxy();
            string Describe();
        }
        """);

    [Fact]
    public Task Ipc1012_ContractsThatWouldGenerateTheSameTypesFire()
    {
        var test = new IpcAnalyzerTest<ContractAnalyzer>("""
            [IpcChannel]
            public interface {|#0:IJobs|} { void Start(); }

            [IpcChannel(IpcDirection.MainToRenderer)]
            public interface {|#1:Jobs|} { void Stop(); }
            """, withContracts: false);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.ContractsGenerateTheSameCode).WithLocation(0).WithArguments("IJobs", "Jobs", "JobsIpcExtensions"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.ContractsGenerateTheSameCode).WithLocation(1).WithArguments("Jobs", "IJobs", "JobsIpcExtensions"));
        return test.RunAsync();
    }

    [Fact]
    public Task Ipc1012_NestedAndTopLevelContractsWithOneStemFire() => Verify("""
        public static class Outer
        {
            [IpcChannel]
            public interface {|IPC1012:IJobs|} { void Start(); }
        }

        [IpcChannel]
        public interface {|IPC1012:IOuterJobs|} { void Stop(); }
        """);

    [Fact]
    public Task Ipc1012_DistinctStemsOrNamespacesAreSilent() => Verify("""
        namespace A
        {
            [IpcChannel]
            public interface IJobs { void Start(); }
        }

        namespace B
        {
            [IpcChannel]
            public interface IJobs { void Stop(); }
        }
        """);
}
