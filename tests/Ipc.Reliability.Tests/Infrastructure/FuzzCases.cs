using System.Globalization;

namespace Ipc.Reliability.Tests.Infrastructure;

/// <summary>
/// How many random cases each hostile-input property runs: 10,000 by default (CI), or IPCGEN_FUZZ_CASES
/// for the long run recorded in docs/reliability.md. The socket properties run a hundredth of that, at least 200.
/// </summary>
public static class FuzzCases
{
    public const string Variable = "IPCGEN_FUZZ_CASES";

    public static long InProcess { get; } =
        long.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out long cases) && cases > 0 ? cases : 10_000;

    public static int OverSocket => (int)Math.Max(200, InProcess / 100);
}
