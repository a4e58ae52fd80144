using System.Diagnostics;
using Ipc.Browser.Tests.Infrastructure;

namespace Ipc.Browser.Tests;

/// <summary>samples/WebRenderer, run as its README says with <c>--headless</c>: its page adds, lists and removes notes in headless Chromium.</summary>
public sealed class SampleTests
{
    [Fact]
    public async Task TheWebRendererSampleRunsItsPageToTheEnd()
    {
        string sample = SampleProgram();
        var start = new ProcessStartInfo("dotnet", [sample, "--headless"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["IPCGEN_CHROMIUM"] = Chromium.Executable;
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        string printed = await output + await errors;
        Assert.True(process.ExitCode == 0, $"The sample exited with {process.ExitCode}:\n{printed}");
        Assert.Contains("its title is \"IpcGen notes\"", printed, StringComparison.Ordinal);
        Assert.Contains("removing an unknown note failed as it should: The handler for 'remove' threw System.Collections.Generic.KeyNotFoundException", printed, StringComparison.Ordinal);
        Assert.Contains("done", printed, StringComparison.Ordinal);
    }

    /// <summary>The sample's build output, of this test's configuration (the solution builds both).</summary>
    private static string SampleProgram()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory); // tests/Ipc.Browser.Tests/bin/<configuration>/<framework>/
        string configuration = here.Parent!.Name;
        DirectoryInfo repository = here;
        while (!File.Exists(Path.Join(repository.FullName, "IpcGen.sln")))
        {
            repository = repository.Parent ?? throw new InvalidOperationException("No IpcGen.sln above the tests.");
        }

        string program = Path.Join(repository.FullName, "samples", "WebRenderer", "bin", configuration, here.Name, "WebRenderer.dll");
        Assert.True(File.Exists(program), $"{program} is missing: build the solution (or samples/WebRenderer) in {configuration} first.");
        return program;
    }
}
