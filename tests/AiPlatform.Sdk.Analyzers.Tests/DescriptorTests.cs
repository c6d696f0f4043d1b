using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiPlatform.Sdk.Analyzers.Tests;

public sealed class DescriptorTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            data.Add((string)field.GetValue(null)!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_rule_is_reported_documented_and_tracked(string id)
    {
        var descriptor = typeof(DiagnosticIds).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .Single(d => d.Id == id);

        Assert.Equal("docs/analyzers.md#" + id.ToLowerInvariant(), descriptor.HelpLinkUri);
        Assert.Contains("\n## " + id + "\n", File.ReadAllText(Path.Combine(RepoRoot, "docs", "analyzers.md")).Replace("\r\n", "\n"));
        Assert.Contains(id + " | " + descriptor.Category + " | " + descriptor.DefaultSeverity,
            File.ReadAllText(Path.Combine(RepoRoot, "analyzers", "AiPlatform.Sdk.Analyzers", "AnalyzerReleases.Unshipped.md")));
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
