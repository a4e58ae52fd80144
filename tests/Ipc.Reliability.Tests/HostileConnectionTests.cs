using CsCheck;
using Ipc.CrossProcess.Tests.Infrastructure;
using Ipc.Protocol;
using Ipc.Reliability.Tests.Infrastructure;

namespace Ipc.Reliability.Tests;

/// <summary>
/// The same hostile inputs as <see cref="HostileInputTests"/>, sent to a live main over its socket by a raw
/// client. A frame whose length prefix is intact is dropped with an error naming the sender; the
/// connection and its other messages are unaffected, and so is every other renderer.
/// </summary>
[Collection(nameof(SocketScenarios))]
public sealed class HostileConnectionTests : IDisposable
{
    private const int MaxMessageSize = 64 * 1024;
    private const long ProbeIds = 0x5EED_0000_0000;

    private readonly IpcMain _main = new(new IpcMainOptions { MaxMessageSize = MaxMessageSize });
    private readonly List<IpcErrorEventArgs> _errors = [];

    public HostileConnectionTests()
    {
        UnobservedTasks.Watch();
        _main.On("echo", (e, args) => e.ReturnValue = args.Get<string>(0));
        _main.Handle("add-one", (e, args) => Task.FromResult<object?>(args.Get<int>(0) + 1));
        _main.Error += (_, e) => { lock (_errors) { _errors.Add(e); } };
    }

    public void Dispose() => _main.Dispose();

    [Fact]
    public async Task Garbage_frames_are_dropped_with_an_error_and_the_same_connection_still_gets_its_answers()
    {
        IpcEndpoint endpoint = _main.Listen();
        using IpcRenderer good = await IpcRenderer.ConnectAsync(endpoint);
        (RawClient client, int clientId) = await RawClient.ConnectAcceptedAsync(endpoint);
        using (client)
        {
            long probe = ProbeIds;
            HostileInputTests.HostileFrame.Sample(
                frame =>
                {
                    client.SendFrame(frame);

                    // A well-formed SendSync right behind it on the same connection must be answered as usual.
                    probe++;
                    client.SendFrame(Frames.Message(MessageKind.SendSync, probe, "echo", "probe " + probe));
                    Frame reply = ReadReplyTo(client, probe);
                    Assert.Equal("probe " + probe, ReplyReader.Read<string>(reply, "echo", JsonIpcSerializer.Default, MessageKind.SendSync));
                },
                iter: FuzzCases.OverSocket,
                threads: 1);

            Assert.Equal("still fine", good.SendSync<string>("echo", "still fine"));
            Assert.Equal(2, await good.InvokeAsync<int>("add-one", 1));
            Assert.Equal([good.Id, clientId], _main.Renderers.Select(r => r.Id).Order());
            await Eventually.TrueAsync(() => Errors().Length > 0, "the dropped frames are reported");
            Assert.All(Errors(), e => Assert.Equal(clientId, e.Sender?.Id)); // never the good renderer
        }

        UnobservedTasks.AssertNone();
    }

    [Fact]
    public async Task Garbage_handshakes_are_refused_each_with_an_error_and_connected_renderers_are_untouched()
    {
        IpcEndpoint endpoint = _main.Listen();
        using IpcRenderer good = await IpcRenderer.ConnectAsync(endpoint);
        int cases = Math.Max(50, FuzzCases.OverSocket / 4);
        int sent = 0;

        await HostileInputTests.HostileHello(endpoint.Token).Where(h => !IsValidHello(h, endpoint.Token)).SampleAsync(
            async hello =>
            {
                using RawClient client = await RawClient.ConnectAsync(endpoint);
                client.SendBytes(hello);
                client.ShutdownSend(); // a hello cut short ends here, so main need not wait for its handshake timeout
                Assert.True(await client.DrainUntilClosedAsync(Eventually.Bound), "main closes a connection it refused");
                sent++;
            },
            iter: cases,
            threads: 1);

        await Eventually.TrueAsync(() => Errors().Length == sent, $"each of the {sent} refusals is reported");
        Assert.All(Errors(), e => Assert.IsType<IpcConnectionRefusedException>(e.Exception));
        Assert.Equal([good.Id], _main.Renderers.Select(r => r.Id));
        Assert.Equal("still fine", good.SendSync<string>("echo", "still fine"));
        UnobservedTasks.AssertNone();
    }

    [Theory]
    [InlineData((byte)MessageKind.SendSync)]
    [InlineData((byte)MessageKind.Invoke)]
    public async Task A_call_whose_channel_name_is_not_UTF_8_is_answered_with_an_error_instead_of_left_waiting(byte kindByte)
    {
        var kind = (MessageKind)kindByte;
        IpcEndpoint endpoint = _main.Listen();
        (RawClient client, int clientId) = await RawClient.ConnectAcceptedAsync(endpoint);
        using (client)
        {
            byte[] frame = Frames.Message(kind, 77, "echo", "x");
            frame[13] = 0xC3; // "echo" becomes a lead byte followed by ASCII: not UTF-8
            client.SendFrame(frame);

            Frame reply = await Task.Run(() => ReadReplyTo(client, 77)).WaitAsync(Eventually.Bound);
            IpcRemoteException error = Assert.Throws<IpcRemoteException>(() => ReplyReader.Read<string>(reply, "echo", JsonIpcSerializer.Default, kind));
            Assert.Contains("UTF-8", error.Message);
            await Eventually.TrueAsync(() => Errors().Any(e => e.Sender?.Id == clientId), "main reports the malformed frame");
            client.SendFrame(Frames.Message(MessageKind.SendSync, 78, "echo", "next"));
            Assert.Equal("next", ReplyReader.Read<string>(ReadReplyTo(client, 78), "echo", JsonIpcSerializer.Default, MessageKind.SendSync));
        }
    }

    private static bool IsValidHello(byte[] hello, string token) =>
        hello.Length >= 26 && hello.AsSpan(4, 4).SequenceEqual("IPCG"u8) && hello[8] == 1 && hello[9] == 0 &&
        hello.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(token)) > 0;

    private static Frame ReadReplyTo(RawClient client, long id)
    {
        while (true)
        {
            Frame frame = Frame.Decode(client.ReadFrame()); // replies to garbage that happened to be a valid call are skipped
            if (frame.Kind == MessageKind.Reply && frame.Id == id)
            {
                return frame;
            }
        }
    }

    private IpcErrorEventArgs[] Errors()
    {
        lock (_errors)
        {
            return [.. _errors];
        }
    }
}
