using Ipc.Tests.Shared;

namespace Ipc.Runtime.Tests;

/// <summary>The runtime's public surface documents every parameter, type parameter and result, and each type's thread-safety.</summary>
public sealed class PublicDocsTests
{
    [Fact]
    public void EveryPublicMemberDocumentsItsParametersAndResultAndEveryTypeItsThreadSafety() =>
        Assert.Empty(PublicDocs.Gaps(typeof(IpcMain).Assembly));
}
