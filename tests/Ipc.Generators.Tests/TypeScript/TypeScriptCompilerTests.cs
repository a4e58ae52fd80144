using System.Diagnostics;
using Ipc.Generators.Tests.Infrastructure;

namespace Ipc.Generators.Tests.TypeScript;

/// <summary>
/// The generated modules pass the real TypeScript compiler, strict, each folder alone: the .ts files type-check with
/// nothing imported, and the .js twins parse as JavaScript modules.
/// </summary>
public sealed class TypeScriptCompilerTests
{
    private const string TscVariable = "IPCGEN_TSC";

    private const string StrictOptions = """
        "strict": true,
        "noEmit": true,
        "target": "es2022",
        "module": "es2022",
        "moduleResolution": "bundler",
        "lib": ["es2022", "dom"],
        "noUnusedLocals": true,
        "noUnusedParameters": true,
        "noImplicitReturns": true,
        "noImplicitOverride": true,
        "exactOptionalPropertyTypes": true,
        "isolatedModules": true,
        "skipLibCheck": false
        """;

    [Fact]
    public async Task GeneratedTypeScriptPassesStrictTsc()
    {
        string directory = WriteModules("*.ts", """
            // A page using the modules as docs/typescript.md shows: imports by their .js names, handlers and listeners typed.
            import { pingPong, type IpcRendererLike } from "./PingPong.js";
            import { libraryEvents } from "./LibraryEvents.js";
            import { library, Binding, type Book } from "./Library.js";

            export async function use(ipc: IpcRendererLike, book: Book): Promise<number> {
                const toMain = pingPong(ipc);
                toMain.asynchronousMessage("ping");
                const sum: number = await toMain.add(2, 3, { signal: new AbortController().signal });
                const off = libraryEvents(ipc).bookAdded.on((event, added, recent) => console.log(event.channel, added.title, recent.items.length));
                off();
                libraryEvents(ipc).confirm.handle(async (event, question) => !event.signal.aborted && question.length > 0);
                library(ipc).add({ ...book, binding: Binding.Hardcover });
                const page = await library(ipc).search(null, ["Poetry"], 0);
                return sum + page.total;
            }
            """);

        await RunTscAsync(directory, """{ "compilerOptions": { """ + StrictOptions + """ }, "include": ["*.ts"] }""");
    }

    [Fact]
    public async Task GeneratedJavaScriptParsesAsModules()
    {
        string directory = WriteModules("*.js", page: null);

        await RunTscAsync(directory, """{ "compilerOptions": { """ + StrictOptions + """, "allowJs": true, "checkJs": false }, "include": ["*.js"] }""");
    }

    private static string WriteModules(string pattern, string? page)
    {
        string directory = Path.Combine(Path.GetTempPath(), "ipcgen-tsc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        string extension = pattern.Substring(1);
        foreach (string source in new[] { ContractSources.PingPong, ContractSources.Library })
        {
            GeneratorOutcome outcome = GeneratorHarness.Run(BuildProperties.WithTypeScriptOutput, source);
            foreach ((string fileName, string module) in ClientModuleFiles.Of(outcome).Where(m => m.Key.EndsWith(extension, StringComparison.Ordinal)))
            {
                File.WriteAllText(Path.Combine(directory, fileName), module);
            }
        }

        if (page is not null)
        {
            File.WriteAllText(Path.Combine(directory, "page.ts"), page);
        }

        return directory;
    }

    private static async Task RunTscAsync(string directory, string tsconfig)
    {
        try
        {
            File.WriteAllText(Path.Combine(directory, "tsconfig.json"), tsconfig);
            var start = new ProcessStartInfo(FindTsc(), ["-p", Path.Combine(directory, "tsconfig.json"), "--pretty", "false"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory,
            };
            using Process tsc = Process.Start(start)!;
            Task<string> stdout = tsc.StandardOutput.ReadToEndAsync();
            Task<string> stderr = tsc.StandardError.ReadToEndAsync();
            await tsc.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            string printed = await stdout + await stderr;
            Assert.True(tsc.ExitCode == 0, $"tsc failed on the generated modules in {directory} (exit code {tsc.ExitCode}):\n{printed}");
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception) when (Directory.Exists(directory))
        {
            throw; // the folder stays for a look at what tsc saw
        }
    }

    /// <summary>
    /// clients/js/node_modules/.bin/tsc (typescript is a devDependency of the JavaScript client), else the file the
    /// IPCGEN_TSC variable names. No tsc is a failure, never a skip: this test is what keeps the modules valid TypeScript.
    /// </summary>
    private static string FindTsc()
    {
        string repository = Snapshot.ProjectDirectory();
        while (!File.Exists(Path.Combine(repository, "IpcGen.sln")))
        {
            repository = Path.GetDirectoryName(repository) ?? throw new InvalidOperationException("No IpcGen.sln above the test project.");
        }

        string fromClient = Path.Combine(repository, "clients", "js", "node_modules", ".bin", OperatingSystem.IsWindows() ? "tsc.cmd" : "tsc");
        if (File.Exists(fromClient))
        {
            return fromClient;
        }

        if (Environment.GetEnvironmentVariable(TscVariable) is { Length: > 0 } named && File.Exists(named))
        {
            return named;
        }

        Assert.Fail($"No TypeScript compiler: {fromClient} does not exist and {TscVariable} names no file. Run `npm ci` in clients/js (typescript is among its devDependencies), or set {TscVariable} to a tsc.");
        return string.Empty;
    }
}
