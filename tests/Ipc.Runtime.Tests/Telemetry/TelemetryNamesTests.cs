using System.Reflection;
using Ipc.Telemetry;

namespace Ipc.Runtime.Tests.Telemetry;

/// <summary>The public names and version, and the opt-in to OpenTelemetry's stable RPC attribute names.</summary>
public sealed class TelemetryNamesTests
{
    [Fact]
    public void TheSourceAndTheMeterAreNamedIpcGenAndVersionedAsThePackage()
    {
        string assemblyVersion = typeof(IpcMain).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal("IpcGen", IpcTelemetry.ActivitySourceName);
        Assert.Equal("IpcGen", IpcTelemetry.MeterName);
        Assert.StartsWith(IpcTelemetry.Version, assemblyVersion, StringComparison.Ordinal);
        Assert.Equal((IpcTelemetry.ActivitySourceName, IpcTelemetry.Version), (IpcActivities.Source.Name, IpcActivities.Source.Version));
        Assert.Equal((IpcTelemetry.MeterName, IpcTelemetry.Version), (IpcMetrics.Meter.Name, IpcMetrics.Meter.Version));
    }

    [Theory]
    [InlineData(null, true, false)]
    [InlineData("", true, false)]
    [InlineData("http", true, false)]
    [InlineData("rpc", false, true)]
    [InlineData("http, RPC", false, true)]
    [InlineData("rpc/dup", true, true)]
    [InlineData("rpc,rpc/dup", true, true)]
    public void OTelSemconvStabilityOptInChoosesTheRpcAttributeNames(string? value, bool experimental, bool stable) =>
        Assert.Equal((experimental, stable), SemanticConventions.ReadOptIn(value));
}
