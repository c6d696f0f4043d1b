using System.Diagnostics;
using System.Text;

namespace AiPlatform.Sdk.Analyzers.Tests;

/// <summary>
/// Builds samples/AnalyzerShowcase with the analyzers as its consumers get them and checks that every rule it demonstrates is
/// reported. The build writes to a folder of its own (<c>--artifacts-path</c> in the temp folder), analyzer projects included, so
/// it runs beside a build or test run of the solution without sharing outputs or build servers.
/// </summary>
public sealed class AnalyzerShowcaseTests(AnalyzerShowcaseTests.ShowcaseBuild build) : IClassFixture<AnalyzerShowcaseTests.ShowcaseBuild>
{
    public static TheoryData<string, string> ExpectedDiagnostics() => new()
    {
        { DiagnosticIds.HardCodedSecret, "Showcase.cs" },
        { DiagnosticIds.UnknownSetting, "appsettings.json" },
        { DiagnosticIds.InvalidSettingValue, "appsettings.json" },
        { DiagnosticIds.SecretInSettingsFile, "appsettings.json" },
        { DiagnosticIds.EndpointWithoutScheme, "appsettings.json" },
        { DiagnosticIds.SyncOverAsync, "Showcase.cs" },
        { DiagnosticIds.CancellationTokenNotPassed, "Showcase.cs" },
        { DiagnosticIds.UndisposedRunScope, "Showcase.cs" },
        { DiagnosticIds.HandBuiltClient, "Showcase.cs" },
        { DiagnosticIds.UndisposedObjectContent, "Showcase.cs" },
        { DiagnosticIds.EmbeddingInLoop, "Showcase.cs" },
        { DiagnosticIds.SingleItemCallInLoop, "Showcase.cs" },
        { DiagnosticIds.SingleMetricBatchInLoop, "Showcase.cs" },
        { DiagnosticIds.UnboundedPageStream, "Showcase.cs" },
    };

    [Fact]
    public void The_showcase_builds_with_its_warnings()
    {
        Assert.True(build.ExitCode == 0, "dotnet build failed (exit code " + build.ExitCode + "):\n" + build.Output);
        Assert.DoesNotContain(": error ", build.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ExpectedDiagnostics))]
    public void The_showcase_build_reports_the_rule(string id, string file)
    {
        var lines = build.Output.Split('\n').Where(l => l.Contains("warning " + id + ":", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count > 0, id + " was not reported by the showcase build:\n" + build.Output);
        Assert.Contains(lines, l => l.Contains(file + "(", StringComparison.Ordinal));
    }

    /// <summary>Builds the showcase once for the class's tests.</summary>
    public sealed class ShowcaseBuild : IDisposable
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
        private readonly string _artifacts = Path.Combine(Path.GetTempPath(), "aip-showcase-" + Guid.NewGuid().ToString("N"));

        public ShowcaseBuild()
        {
            var root = FindRepoRoot();
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "build", Path.Combine("samples", "AnalyzerShowcase", "AnalyzerShowcase.csproj"), "-v", "q", "-nologo",
                "-p:TreatWarningsAsErrors=false", "--artifacts-path", _artifacts, "--disable-build-servers", "-tl:off",
            })
            {
                start.ArgumentList.Add(argument);
            }

            // The test host runs under 'dotnet test': its MSBuild settings must not leak into the child build.
            foreach (var name in new[] { "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "MSBUILDNOINPROCNODE" })
            {
                start.Environment.Remove(name);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException("dotnet build of the showcase did not finish within " + Timeout + ":\n" + output);
            }

            process.WaitForExit();
            ExitCode = process.ExitCode;
            lock (output)
            {
                Output = output.ToString();
            }
        }

        public int ExitCode { get; }

        public string Output { get; } = "";

        public void Dispose()
        {
            try
            {
                Directory.Delete(_artifacts, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the temp folder is cleaned eventually.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line != null)
            {
                lock (output)
                {
                    output.Append(line).Append('\n');
                }
            }
        }

        private static string FindRepoRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "AiPlatform.Sdk.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
        }
    }
}
