using Ipc.Reliability.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ipc.Reliability.Tests;

/// <summary>
/// The reduced-size load run: 4 renderer processes × 5,000 mixed messages (Send, SendSync, InvokeAsync;
/// payloads 16 B – 64 KiB, log-uniform) to one main in the test process. The full size is a command, see
/// docs/reliability.md.
/// </summary>
[Collection(nameof(SocketScenarios))]
public sealed class LoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_message_of_four_renderers_arrives_exactly_once_in_order_with_main_memory_bounded()
    {
        UnobservedTasks.Watch();

        LoadReport report = await LoadScenario.RunAsync(new LoadOptions(Renderers: 4, Messages: 5_000), timeout: TimeSpan.FromMinutes(3));

        output.WriteLine(report.ToString());
        Assert.Empty(report.Problems);
        Assert.Equal(20_000, report.Sent);
        Assert.Equal(20_000, report.Received);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicated);
        Assert.Equal(0, report.OutOfOrder);
        Assert.Equal(0, report.Corrupt);
        Assert.Equal(0, report.ReplyMismatches);

        // Bounded: each renderer has at most a few messages in flight (every SendSync drains what it sent before),
        // so main holds a handful of 64 KiB payloads at a time, whatever the number of messages. The bound is
        // loose because this is the test host's whole heap, xunit included.
        Assert.True(report.PeakManagedHeap < 256L * 1024 * 1024, $"peak managed heap {report.PeakManagedHeap} bytes");
        UnobservedTasks.AssertNone();
    }
}
