using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>Rules of the public types themselves: what they let a caller change, and what reading them costs.</summary>
public sealed class PublicShapeTests
{
    [Fact]
    public void AnExceptionsChannelIsSetByItsConstructor()
    {
        var inner = new IOException("broken pipe");

        var error = new IpcDisconnectedException("gone", "ch", inner);

        Assert.Equal("ch", error.Channel);
        Assert.Same(inner, error.InnerException);
        Assert.Null(typeof(IpcException).GetProperty(nameof(IpcException.Channel))!.SetMethod);
    }

    [Fact]
    public void TheExceptionsWithoutRequiredDataHaveTheStandardConstructors()
    {
        Type[] standard = [typeof(IpcException), typeof(IpcDisconnectedException), typeof(IpcSerializationException), typeof(IpcConnectionRefusedException)];

        Assert.All(standard, type =>
        {
            Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
            Assert.NotNull(type.GetConstructor([typeof(string)]));
            Assert.NotNull(type.GetConstructor([typeof(string), typeof(Exception)]));
        });
    }

    [Fact]
    public void EventArgumentsRefuseAMissingExceptionOrRenderer()
    {
        Assert.Throws<ArgumentNullException>("exception", () => new IpcErrorEventArgs(null!, "ch", null));
        Assert.Throws<ArgumentNullException>("renderer", () => new IpcRendererGoneEventArgs(null!, 0));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void ReadingRenderersTwiceReturnsTheSameSnapshot(TransportKind transport)
    {
        using var rig = new Rig(transport);

        IReadOnlyList<IpcSender> first = rig.Main.Renderers;
        IReadOnlyList<IpcSender> second = rig.Main.Renderers;

        Assert.Same(first, second);
    }

    [Fact]
    public void ReadingRenderersAllocatesNothing()
    {
        using var main = new IpcMain();
        using IpcRenderer renderer = main.ConnectInProcess();
        _ = main.Renderers;

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            _ = main.Renderers;
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void RenderersCannotBeChangedThroughTheSnapshot()
    {
        using var main = new IpcMain();
        using IpcRenderer renderer = main.ConnectInProcess();

        IReadOnlyList<IpcSender> renderers = main.Renderers;

        Assert.IsNotType<IpcSender[]>(renderers);
        Assert.True(((ICollection<IpcSender>)renderers).IsReadOnly);
    }

    [Fact]
    public void ASnapshotOfRenderersDoesNotChangeWhenARendererConnects()
    {
        using var main = new IpcMain();
        IReadOnlyList<IpcSender> before = main.Renderers;

        using IpcRenderer renderer = main.ConnectInProcess();

        Assert.Empty(before);
        Assert.Single(main.Renderers);
    }
}
