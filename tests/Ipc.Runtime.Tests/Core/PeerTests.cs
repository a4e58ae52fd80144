using System.Buffers.Binary;
using Ipc.Connection;
using Ipc.Protocol;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Core;

/// <summary>
/// What one end does with each frame it reads, whatever the other end sends: replies complete calls and nothing
/// else; a frame its role does not accept, or cannot decode, is reported and dropped; and a call among them is
/// answered with the error, so that its caller never waits for a reply that cannot come.
/// </summary>
public sealed class PeerTests
{
    [Fact]
    public async Task AReplyCompletesItsCallAndIsNotDispatchedOrReported()
    {
        using var rig = new PeerRig();
        Task<string?> call = rig.Peer.Calls.InvokeAsync<string>(MessageKind.Invoke, "ch", [], Timeout.InfiniteTimeSpan, CancellationToken.None);
        long id = Assert.Single(rig.Connection.Written).Id;

        rig.Connection.Deliver(Frames.ValueReply(id, "ch", "answer"));
        rig.Endpoint.Drain();

        Assert.Equal("answer", await call.Bounded());
        Assert.Empty(rig.Endpoint.Events);
        rig.Endpoint.Drain(); // errors are reported on the dispatcher
        Assert.Empty(rig.Endpoint.Errors);
    }

    [Fact]
    public void AFrameThatCannotBeDecodedIsReportedAndDropped()
    {
        using var rig = new PeerRig();

        rig.Connection.Deliver([(byte)MessageKind.Send, 1, 0]);
        rig.Endpoint.Drain();

        IpcErrorEventArgs reported = Assert.Single(rig.Endpoint.Errors);
        Assert.IsType<InvalidDataException>(reported.Exception.InnerException);
        Assert.Null(reported.Channel);
        Assert.Empty(rig.Endpoint.Events);
        Assert.Empty(rig.Connection.Written);
    }

    [Fact]
    public void ACallWhoseHeaderCannotBeDecodedIsAnsweredWithTheError()
    {
        using var rig = new PeerRig();
        byte[] frame = Frames.Message(MessageKind.SendSync, 7, "ab");
        frame[13] = 0xFF; // the channel is not UTF-8

        rig.Connection.Deliver(frame);

        Frame reply = Assert.Single(rig.Connection.Written);
        Assert.Equal((MessageKind.Reply, 7L), (reply.Kind, reply.Id));
        var error = Assert.Throws<IpcRemoteException>(() => Frames.Read<int>(reply));
        Assert.Equal(typeof(InvalidDataException).FullName, error.RemoteType);
        rig.Endpoint.Drain(); // errors are reported on the dispatcher
        Assert.Single(rig.Endpoint.Errors);
    }

    [Fact]
    public void ACallCutOffRightAfterItsIdIsStillAnswered()
    {
        using var rig = new PeerRig();
        byte[] frame = new byte[9];
        frame[0] = (byte)MessageKind.Invoke;
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(1), 9);

        rig.Connection.Deliver(frame);

        Frame reply = Assert.Single(rig.Connection.Written);
        Assert.Equal(9, reply.Id);
        Assert.Equal(ReplyStatus.RemoteError, Frames.StatusOf(reply));
    }

    [Fact]
    public void ACallCutOffInsideItsIdIsReportedAndDroppedWithoutAnAnswer()
    {
        using var rig = new PeerRig();

        rig.Connection.Deliver([(byte)MessageKind.SendSync, 1, 0, 0, 0]);

        rig.Endpoint.Drain(); // errors are reported on the dispatcher
        Assert.Single(rig.Endpoint.Errors);
        Assert.Empty(rig.Connection.Written);
    }

    [Fact]
    public void AMessageWhoseHeaderCannotBeDecodedGetsNoAnswer()
    {
        using var rig = new PeerRig();
        byte[] frame = Frames.Message(MessageKind.Send, 0, "ab");
        frame[13] = 0xFF;

        rig.Connection.Deliver(frame);

        rig.Endpoint.Drain(); // errors are reported on the dispatcher
        Assert.Single(rig.Endpoint.Errors);
        Assert.Empty(rig.Connection.Written);
    }

    [Fact]
    public void AMessageKindTheRoleDoesNotAcceptIsReportedAndNotDispatched()
    {
        using var rig = new PeerRig(InboundPolicy.ForRenderer()); // main never receives MainSend, a renderer never Send

        rig.Connection.Deliver(Frames.Message(MessageKind.Send, 0, "ch", 1));
        rig.Endpoint.Drain();

        IpcErrorEventArgs reported = Assert.Single(rig.Endpoint.Errors);
        Assert.Equal("ch", reported.Channel);
        Assert.Equal("ch", Assert.IsAssignableFrom<IpcException>(reported.Exception).Channel);
        Assert.Empty(rig.Endpoint.Events);
        Assert.Empty(rig.Connection.Written);
    }

    [Fact]
    public void ACallKindTheRoleDoesNotAcceptIsAnsweredWithAnError()
    {
        using var rig = new PeerRig(InboundPolicy.ForRenderer());

        rig.Connection.Deliver(Frames.Message(MessageKind.SendSync, 3, "ch", 1));
        rig.Endpoint.Drain();

        Frame reply = Assert.Single(rig.Connection.Written);
        Assert.Equal(3, reply.Id);
        Assert.Throws<IpcRemoteException>(() => Frames.Read<int>(reply));
        Assert.Empty(rig.Endpoint.Events);
    }

    [Fact]
    public void MainDoesNotAcceptFramesOnlyMainSends()
    {
        using var rig = new PeerRig(InboundPolicy.ForMain(new MemoryBudget(long.MaxValue).ForProcess(long.MaxValue)));

        rig.Connection.Deliver(Frames.Message(MessageKind.MainSend, 0, "ch"));
        rig.Endpoint.Drain(); // reported before the next arrives: reports waiting together would be merged
        rig.Connection.Deliver(Frames.Message(MessageKind.NestedInvoke, 4, "ch"));
        rig.Endpoint.Drain();

        Assert.Equal(2, rig.Endpoint.Errors.Count);
        Assert.Empty(rig.Endpoint.Events);
        Assert.Equal(4, Assert.Single(rig.Connection.Written).Id);
    }

    [Fact]
    public void AMessageWithAMalformedArgumentSectionIsReportedAndNotDispatched()
    {
        using var rig = new PeerRig();

        rig.Connection.Deliver(Frames.Build(frame =>
        {
            frame.WriteHeader(MessageKind.Send, 0, "ch");
            frame.WriteInt32(5); // five arguments announced, none there
        }));
        rig.Endpoint.Drain();

        Assert.Equal("ch", Assert.Single(rig.Endpoint.Errors).Channel);
        Assert.Empty(rig.Endpoint.Events);
        Assert.Empty(rig.Connection.Written);
    }

    [Fact]
    public void ACallWithAMalformedArgumentSectionIsAnsweredWithTheError()
    {
        using var rig = new PeerRig();

        rig.Connection.Deliver(Frames.Build(frame =>
        {
            frame.WriteHeader(MessageKind.Invoke, 5, "ch");
            frame.WriteInt32(5);
        }));
        rig.Endpoint.Drain();

        Frame reply = Assert.Single(rig.Connection.Written);
        Assert.Equal(5, reply.Id);
        Assert.Equal(typeof(InvalidDataException).FullName, Assert.Throws<IpcRemoteException>(() => Frames.Read<int>(reply)).RemoteType);
        Assert.Empty(rig.Endpoint.Events);
    }

    [Fact]
    public void ANestedInvokeToARendererBlockedInSendSyncIsRefusedAndItsHandlerNeverRuns()
    {
        using var rig = new PeerRig(InboundPolicy.ForRenderer());
        rig.Endpoint.IsDispatcherBlockedInSendSync = true;
        rig.Endpoint.Handler = (_, _, _) => Task.FromResult<object?>("ran");

        rig.Connection.Deliver(Frames.Message(MessageKind.NestedInvoke, 4, "ch"));
        rig.Endpoint.IsDispatcherBlockedInSendSync = false;
        rig.Endpoint.Drain();

        Frame reply = Assert.Single(rig.Connection.Written);
        Assert.Equal(ReplyStatus.Refused, Frames.StatusOf(reply));
        Assert.Empty(rig.Endpoint.Events);
    }

    [Fact]
    public void MalformedFramesArrivingWhileTheirReportWaitsAreCountedIntoIt()
    {
        using var rig = new PeerRig();
        using var release = new ManualResetEventSlim();
        rig.Endpoint.Listener = (_, _) => release.Wait(Rig.Patience);
        rig.Connection.Deliver(Frames.Message(MessageKind.Send, 0, "busy")); // holds the dispatcher

        for (int i = 0; i < 5; i++)
        {
            rig.Connection.Deliver([0xFF, 1, 2]);
        }

        release.Set();
        rig.Endpoint.Drain();

        IpcErrorEventArgs reported = Assert.Single(rig.Endpoint.Errors);
        Assert.Contains("4 more malformed frame(s)", reported.Exception.Message);
        Assert.True(rig.Connection.IsConnected);
    }

    [Fact]
    public void AThousandMalformedFramesInARowCloseTheConnection()
    {
        using var rig = new PeerRig();

        for (int i = 1; i < MalformedFrames.MaxInARow; i++)
        {
            rig.Connection.Deliver([0xFF, 1, 2]);
        }

        Assert.True(rig.Connection.IsConnected);
        rig.Connection.Deliver([0xFF, 1, 2]);

        Assert.False(rig.Connection.IsConnected);
        Assert.Contains($"{MalformedFrames.MaxInARow} malformed frames in a row", rig.Connection.CloseError?.Message);
    }

    [Fact]
    public void AWellFormedFrameEndsARunOfMalformedOnes()
    {
        using var rig = new PeerRig();

        for (int i = 0; i < 2 * MalformedFrames.MaxInARow; i++)
        {
            rig.Connection.Deliver(i % (MalformedFrames.MaxInARow / 2) == 0 ? Frames.Message(MessageKind.Send, 0, "fine") : [0xFF, 1, 2]);
        }

        Assert.True(rig.Connection.IsConnected);
        rig.Endpoint.Drain();
    }
}
