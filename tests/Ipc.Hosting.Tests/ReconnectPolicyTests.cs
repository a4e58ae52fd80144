using Ipc.Hosting;

namespace Ipc.Hosting.Tests;

/// <summary><see cref="IpcReconnectPolicy"/> refuses bad values with the checks and messages the runtime's options use.</summary>
public sealed class ReconnectPolicyTests
{
    [Fact]
    public void ANegativeDelayIsRefusedAsTheRuntimesOptionsRefuseIt()
    {
        var policy = new IpcReconnectPolicy();
        var options = new IpcMainOptions();

        var fromPolicy = Assert.Throws<ArgumentOutOfRangeException>("InitialDelay", () => policy.InitialDelay = TimeSpan.FromSeconds(-1));
        Assert.Throws<ArgumentOutOfRangeException>("MaxDelay", () => policy.MaxDelay = TimeSpan.FromSeconds(-1));
        var fromOptions = Assert.Throws<ArgumentOutOfRangeException>("DrainTimeout", () => options.DrainTimeout = TimeSpan.FromSeconds(-1));

        Assert.Equal(fromOptions.Message.Replace("DrainTimeout", "InitialDelay"), fromPolicy.Message);
    }

    [Fact]
    public void ADelayAboveIntMaxValueMillisecondsIsRefused()
    {
        var policy = new IpcReconnectPolicy();

        Assert.Throws<ArgumentOutOfRangeException>("MaxDelay", () => policy.MaxDelay = TimeSpan.FromMilliseconds(int.MaxValue + 1.0));
    }
}
