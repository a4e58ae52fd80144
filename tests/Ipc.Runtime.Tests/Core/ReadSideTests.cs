using Ipc.Transport;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Core;

/// <summary>
/// The ownership rule of a renderer socket's reading side (leader/follower): one owner at a time, only a free side can
/// be taken, the owner gives it back, a closed side stays closed, and the standby learns when its bytes were not touched
/// and when a caller had to follow it.
/// </summary>
public sealed class ReadSideTests
{
    [Fact]
    public void OneCallerLeadsAtATimeAndTheOthersFollow()
    {
        var side = new ReadSide();

        Assert.True(side.TryLead());
        Assert.False(side.TryLead());
        Assert.False(side.TryRead(side.MarkBeforeWaiting(), out _));

        side.Release(ReadSide.Caller);

        Assert.True(side.TryLead());
    }

    [Fact]
    public void WhileTheStandbyReadsCallersFollowAndItIsTold()
    {
        var side = new ReadSide();
        Assert.False(side.TakeCallerFollowedReader());
        Assert.True(side.TryRead(side.MarkBeforeWaiting(), out _));

        Assert.False(side.TryLead());
        side.Release(ReadSide.Reader);

        Assert.True(side.TakeCallerFollowedReader());
        Assert.False(side.TakeCallerFollowedReader()); // told once
        Assert.True(side.TryLead());
    }

    [Fact]
    public void TheStandbysBytesAreUntouchedOnlyIfNoCallerLedSinceItsMark()
    {
        var side = new ReadSide();

        long quiet = side.MarkBeforeWaiting();
        Assert.True(side.TryRead(quiet, out bool untouched));
        Assert.True(untouched);
        side.Release(ReadSide.Reader);

        long mark = side.MarkBeforeWaiting();
        Assert.True(side.TryLead());
        side.Release(ReadSide.Caller);
        Assert.True(side.TryRead(mark, out untouched));
        Assert.False(untouched); // the leader may have read what the standby saw arrive
        side.Release(ReadSide.Reader);

        Assert.True(side.TryLead());
        long markWhileLed = side.MarkBeforeWaiting();
        side.Release(ReadSide.Caller);
        Assert.True(side.TryRead(markWhileLed, out untouched));
        Assert.False(untouched); // someone owned it when the standby began to wait
    }

    [Fact]
    public void AClosedSideStaysClosedAndItsOwnerMayStillGiveItBack()
    {
        var side = new ReadSide();
        Assert.True(side.TryLead());

        side.Close();
        side.Release(ReadSide.Caller);

        Assert.True(side.IsClosed);
        Assert.False(side.TryLead());
        Assert.False(side.TryRead(side.MarkBeforeWaiting(), out _));
    }

    [Fact]
    public async Task AParkedStandbyIsWokenWhenTheSideCloses()
    {
        var side = new ReadSide();
        Assert.True(side.TryLead());

        Task parked = Task.Factory.StartNew(
            () =>
            {
                while (!side.IsClosed)
                {
                    side.ParkWhileCallerLeads(); // returns within ReadSide.ParkLimit at the latest, or when woken
                }
            },
            TaskCreationOptions.LongRunning);
        side.Close();

        await parked.Bounded();
    }
}
