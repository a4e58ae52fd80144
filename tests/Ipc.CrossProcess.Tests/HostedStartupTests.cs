using Ipc.CrossProcess.Tests.Infrastructure;
using Ipc.TestRenderer.Contracts;

namespace Ipc.CrossProcess.Tests;

/// <summary>
/// A renderer process on the generic host ("hosted": AddIpcRenderer, a contract served through AddService, a proxy
/// injected into a hosted service's constructor) has everything the host registers in place before main's first frame
/// is delivered: main invokes it and sends to it the instant it appears in <see cref="IpcMain.Renderers"/>, before
/// <see cref="IpcMain.StartRendererAsync"/> has even returned, and nothing is dropped and no call gets "no handler".
/// </summary>
public sealed class HostedStartupTests : IDisposable
{
    /// <summary>Launches per test: one launch that passed by luck must not hide a race.</summary>
    private const int Launches = 5;

    private const int Messages = 20;

    private readonly TestProcesses _processes = new();

    public void Dispose() => _processes.Dispose();

    [Fact]
    public async Task A_hosted_renderer_serves_every_registered_contract_before_the_first_message_main_sends_the_instant_it_connects()
    {
        for (int launch = 0; launch < Launches; launch++)
        {
            using var main = new IpcMain();
            using var timeout = new CancellationTokenSource(Eventually.Bound * 4);
            Task<FirstCalls> firstCalls = CallTheInstantItConnectsAsync(main, launch, timeout.Token);
            IpcSender started = await main.StartRendererAsync(TestProcesses.StartInfo("hosted"), timeout.Token);
            _processes.Track(started.ProcessId);

            FirstCalls calls = await firstCalls;
            Assert.Same(started, calls.Renderer);
            Assert.Equal(launch, await Eventually.Within(calls.Echo)); // the first frame: answered, not "no handler"
            int[] received = await Eventually.Within(calls.Renderer.StartupProbe().Received());
            Assert.Equal(Enumerable.Range(0, Messages), received); // every message, in order
        }
    }

    /// <summary>
    /// Watches <see cref="IpcMain.Renderers"/> and, the moment the renderer is listed (before main's handshake
    /// thread has even finished with it), invokes it and sends it <see cref="Messages"/> messages.
    /// </summary>
    private static Task<FirstCalls> CallTheInstantItConnectsAsync(IpcMain main, int launch, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(
            () =>
            {
                var spin = new SpinWait();
                IpcSender? renderer;
                while ((renderer = main.Renderers.FirstOrDefault()) is null)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    spin.SpinOnce(sleep1Threshold: -1); // yields, never sleeps a millisecond: the calls leave at once
                }

                IStartupProbe probe = renderer.StartupProbe();
                Task<int> echo = probe.Echo(launch);
                for (int i = 0; i < Messages; i++)
                {
                    probe.Record(i);
                }

                return new FirstCalls(renderer, echo);
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private sealed record FirstCalls(IpcSender Renderer, Task<int> Echo);
}
