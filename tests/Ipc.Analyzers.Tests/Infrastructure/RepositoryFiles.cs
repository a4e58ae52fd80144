namespace Ipc.Analyzers.Tests.Infrastructure;

/// <summary>The repository the tests run from: its root, found from the test binaries' folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder holding <c>IpcGen.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IpcGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("IpcGen.sln not found above " + AppContext.BaseDirectory);
    }
}
