using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiPlatform.Sdk.Analyzers.Tests;

/// <summary>
/// Runs <see cref="AppSettingsCodeFixProvider"/> on Roslyn's workspace, as the IDE does: a project with the file as an additional
/// document, the analyzer's diagnostics from <see cref="CompilationWithAnalyzers"/>, and the fix asked through a
/// <see cref="CodeFixContext"/> for the additional document: the code-fix testing package (1.1.4) never asks a fix for one.
/// </summary>
internal static class AppSettingsCodeFixTest
{
    private const int MaxFixes = 20;

    /// <summary>
    /// Fixes every diagnostic <paramref name="id"/> in the file that a fix is offered for, one after the other with the analysis run
    /// again in between (the action whose title starts with <paramref name="title"/>, or the first one offered), then checks the
    /// file's text against <paramref name="fixedContent"/>.
    /// </summary>
    public static async Task VerifyAsync(string id, string fileName, string content, string fixedContent, string? title = null)
    {
        using var workspace = new AdhocWorkspace();
        var (solution, documentId) = Create(workspace, fileName, content);
        for (var fixes = 0; await FirstActionAsync(solution, documentId, id, title) is CodeAction action; fixes++)
        {
            Assert.True(fixes < MaxFixes, "The fixes do not converge: " + action.Title);
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            solution = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        }

        Assert.Equal(fixedContent, (await solution.GetAdditionalDocument(documentId)!.GetTextAsync()).ToString());
    }

    /// <summary>The titles of the fixes offered for each diagnostic <paramref name="id"/> in the file, in the order of the diagnostics.</summary>
    public static async Task<IReadOnlyList<string[]>> TitlesAsync(string id, string fileName, string content)
    {
        using var workspace = new AdhocWorkspace();
        var (solution, documentId) = Create(workspace, fileName, content);
        var titles = new List<string[]>();
        foreach (var diagnostic in await DiagnosticsAsync(solution, documentId, id))
        {
            titles.Add((await ActionsAsync(solution, documentId, diagnostic)).Select(a => a.Title).ToArray());
        }

        return titles;
    }

    private static (Solution Solution, DocumentId DocumentId) Create(AdhocWorkspace workspace, string fileName, string content)
    {
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId, VersionStamp.Default, "App", "App", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                metadataReferences: Basic.Reference.Assemblies.Net100.References.All))
            .AddDocument(DocumentId.CreateNewId(projectId), "Program.cs", SourceText.From("class Program { }"))
            .AddAdditionalDocument(documentId, fileName, SourceText.From(content), filePath: fileName);
        return (solution, documentId);
    }

    private static async Task<CodeAction?> FirstActionAsync(Solution solution, DocumentId documentId, string id, string? title)
    {
        foreach (var diagnostic in await DiagnosticsAsync(solution, documentId, id))
        {
            var actions = await ActionsAsync(solution, documentId, diagnostic);
            if (actions.FirstOrDefault(a => title == null || a.Title.StartsWith(title, StringComparison.Ordinal)) is CodeAction action)
            {
                return action;
            }
        }

        return null;
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Solution solution, DocumentId documentId, string id)
    {
        var project = solution.GetProject(documentId.ProjectId)!;
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new AppSettingsAnalyzer()), project.AnalyzerOptions)
            .GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => d.Id == id).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    private static async Task<List<CodeAction>> ActionsAsync(Solution solution, DocumentId documentId, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var document = solution.GetAdditionalDocument(documentId)!;
        Assert.Equal(document.FilePath, diagnostic.Location.GetLineSpan().Path);
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new AppSettingsCodeFixProvider().RegisterCodeFixesAsync(context);
        return actions;
    }
}
