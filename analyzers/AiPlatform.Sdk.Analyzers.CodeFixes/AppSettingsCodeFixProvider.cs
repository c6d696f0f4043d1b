using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// Fixes the appsettings rules in the JSON file itself, by replacing the flagged key or value and leaving the rest of the file,
/// comments included, as it is: AIP1002 renames the key to the suggested one, AIP1003 writes the closest name of an enumeration,
/// AIP1004 empties the secret (the title gives the <c>dotnet user-secrets</c> command, never the value), and AIP1005 writes the
/// endpoint with <c>http://</c> or, as a second fix, <c>https://</c>. Roslyn hands the provider the file as
/// <see cref="CodeFixContext.TextDocument"/> because its export names <see cref="TextDocumentKind.AdditionalDocument"/>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AppSettingsCodeFixProvider),
    DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }, DocumentExtensions = new[] { ".json" }), Shared]
public sealed class AppSettingsCodeFixProvider : CodeFixProvider
{
    private const string Http = "http://";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(
        DiagnosticIds.UnknownSetting, DiagnosticIds.InvalidSettingValue, DiagnosticIds.SecretInSettingsFile, DiagnosticIds.EndpointWithoutScheme);

    /// <summary>No fix all: Roslyn's batch fixer does not fix additional files yet (dotnet/roslyn#77016); each diagnostic is fixed on its own.</summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.TextDocument;
        var text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var span = diagnostic.Location.SourceSpan;
            if (span.End > text.Length)
            {
                continue;
            }

            foreach (var (title, replacement) in Replacements(diagnostic))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(title, c => Task.FromResult(Replace(document, text, span, replacement)), diagnostic.Id + ":" + replacement),
                    diagnostic);
            }
        }
    }

    /// <summary>The fixes of a diagnostic: each one's title and the JSON text that replaces the diagnostic's span.</summary>
    private static IEnumerable<(string Title, string Replacement)> Replacements(Diagnostic diagnostic)
    {
        diagnostic.Properties.TryGetValue(AppSettingsAnalyzer.SuggestionProperty, out var suggestion);
        diagnostic.Properties.TryGetValue(AppSettingsAnalyzer.KeyProperty, out var key);
        if (diagnostic.Id == DiagnosticIds.SecretInSettingsFile && key != null)
        {
            yield return ("Empty the value and keep it in user secrets: dotnet user-secrets set \"" + key + "\" <value>", "\"\"");
        }
        else if (diagnostic.Id == DiagnosticIds.UnknownSetting && suggestion != null)
        {
            yield return ("Rename the key to '" + suggestion + "'", Quote(suggestion));
        }
        else if (suggestion != null)
        {
            yield return ("Write '" + suggestion + "'", Quote(suggestion));
            if (diagnostic.Id == DiagnosticIds.EndpointWithoutScheme && suggestion.StartsWith(Http, StringComparison.Ordinal))
            {
                var https = "https://" + suggestion.Substring(Http.Length);
                yield return ("Write '" + https + "'", Quote(https));
            }
        }
    }

    /// <summary>A string as a JSON string literal, quotes included (quotes, backslashes and control characters escaped).</summary>
    private static string Quote(string value)
    {
        var json = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c == '"' || c == '\\')
            {
                json.Append('\\').Append(c);
            }
            else if (c < ' ')
            {
                json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                json.Append(c);
            }
        }

        return json.Append('"').ToString();
    }

    private static Solution Replace(TextDocument document, SourceText text, TextSpan span, string replacement) =>
        document.Project.Solution.WithAdditionalDocumentText(document.Id, text.WithChanges(new TextChange(span, replacement)));
}
