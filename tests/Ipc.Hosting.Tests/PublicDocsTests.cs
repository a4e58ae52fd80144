using Ipc.Tests.Shared;

namespace Ipc.Hosting.Tests;

/// <summary>The hosting package's public surface documents every parameter, type parameter and result, and each type's thread-safety.</summary>
public sealed class PublicDocsTests
{
    [Fact]
    public void EveryPublicMemberDocumentsItsParametersAndResultAndEveryTypeItsThreadSafety() =>
        Assert.Empty(PublicDocs.Gaps(typeof(IpcMainBuilder).Assembly));
}
