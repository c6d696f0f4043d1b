using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AiPlatform.Sdk.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// AIP1002-AIP1005: checks the <c>AiPlatform</c> section (and <c>ConnectionStrings</c>) of every <c>appsettings*.json</c> handed
/// to the compiler as an additional file against the settings schema of the SDK's packages: unknown keys (with the closest known
/// name), values the binder cannot convert, secrets in plain text and endpoints without a scheme. Diagnostics point at the JSON
/// line and column.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AppSettingsAnalyzer : AiPlatformAnalyzer
{
    /// <summary>The diagnostic property that carries the suggested key of AIP1002 or the suggested value of AIP1003/AIP1005.</summary>
    public const string SuggestionProperty = "Suggestion";

    /// <summary>The diagnostic property that carries the configuration key (<c>AiPlatform:Identity:ClientSecret</c>) of AIP1004.</summary>
    public const string KeyProperty = "Key";

    internal static readonly DiagnosticDescriptor UnknownSettingRule = new DiagnosticDescriptor(
        DiagnosticIds.UnknownSetting,
        "Unknown AiPlatform setting",
        "'{0}' is not a setting of the AiPlatform SDK{1}",
        "Usage",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The configuration binder ignores keys it does not know, so a misspelt key silently leaves the default in place.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.UnknownSetting));

    internal static readonly DiagnosticDescriptor InvalidValueRule = new DiagnosticDescriptor(
        DiagnosticIds.InvalidSettingValue,
        "AiPlatform setting has a value of the wrong type",
        "'{0}' expects {1}, but the value is {2}",
        "Usage",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A value the binder cannot convert fails the application at start-up (or, for a section given a plain value, is silently ignored).",
        helpLinkUri: HelpLinks.For(DiagnosticIds.InvalidSettingValue));

    internal static readonly DiagnosticDescriptor SecretRule = new DiagnosticDescriptor(
        DiagnosticIds.SecretInSettingsFile,
        "Do not commit AiPlatform secrets in appsettings files",
        "'{0}' holds a secret in plain text; keep it out of committed files: dotnet user-secrets set \"{0}\" <value>, the environment variable {1}, or Vault",
        "Usage",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "appsettings files are committed and copied into every build output and image; secrets belong in user secrets, the environment or a secret store.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.SecretInSettingsFile));

    internal static readonly DiagnosticDescriptor EndpointRule = new DiagnosticDescriptor(
        DiagnosticIds.EndpointWithoutScheme,
        "AiPlatform endpoint has no scheme",
        "'{0}' is '{1}', which has no scheme; write '{2}'",
        "Usage",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An endpoint without http:// or https:// is not an absolute URI ('triton:8001' even parses as the scheme 'triton'), so the client fails at start-up.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.EndpointWithoutScheme));

    private static readonly string[] SecretNames =
        { "ClientSecret", "SecretKey", "SecretId", "Token", "Password", "ApiKey", "InferenceKey", "ManagementKey" };

    private static readonly string[] SecretSuffixes = { "Secret", "Password", "ApiKey" };

    private static readonly Regex SchemePrefix = new Regex("^[A-Za-z][A-Za-z0-9+.-]*://", RegexOptions.CultureInvariant);

    private static readonly Regex UserInfoPassword = new Regex("^[A-Za-z][A-Za-z0-9+.-]*://[^/@:\\s]*:([^/@\\s]+)@", RegexOptions.CultureInvariant);

    private static readonly Regex Placeholder = new Regex(@"^\s*(<.*>|\$\{.*\}|\{\{.*\}\}|#\{.*\}#?|%.*%|__.*__|\.{3,}|\u2026|\*+)\s*$", RegexOptions.CultureInvariant);

    private readonly Func<SettingsSchema?> _schema;

    /// <summary>Checks against the settings of every SDK package this analyzer was built with.</summary>
    public AppSettingsAnalyzer()
        : this(() => SettingsSchema.AiPlatform)
    {
    }

    internal AppSettingsAnalyzer(Func<SettingsSchema?> schema) => _schema = schema;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        ImmutableArray.Create(UnknownSettingRule, InvalidValueRule, SecretRule, EndpointRule);

    /// <inheritdoc/>
    private protected override void Register(AnalysisContext context) => context.RegisterAdditionalFileAction(AnalyzeFile);

    /// <summary>Whether a file is one the configuration host reads: <c>appsettings.json</c>, <c>appsettings.{Environment}.json</c>.</summary>
    internal static bool IsAppSettingsFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) &&
               name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }

    private void AnalyzeFile(AdditionalFileAnalysisContext context)
    {
        if (!IsAppSettingsFile(context.AdditionalFile.Path) ||
            !(context.AdditionalFile.GetText(context.CancellationToken) is SourceText text) ||
            !(JsonReader.TryParse(text.ToString()) is JsonNode root) || root.Kind != JsonKind.Object)
        {
            return;
        }

        var file = new FileChecker(context, text, _schema());
        foreach (var property in root.Properties)
        {
            if (string.Equals(property.Name, "AiPlatform", StringComparison.OrdinalIgnoreCase))
            {
                file.CheckEntry(property, file.Schema, property.Name);
            }
            else if (string.Equals(property.Name, "ConnectionStrings", StringComparison.OrdinalIgnoreCase) && property.Value.Kind == JsonKind.Object)
            {
                foreach (var connection in property.Value.Properties)
                {
                    file.CheckConnectionString(connection, property.Name + ":" + connection.Name);
                }
            }
        }
    }

    private static bool IsSecretName(string name) =>
        SecretNames.Any(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase)) ||
        SecretSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    private static bool IsLiteralSecret(JsonNode value) =>
        (value.Kind == JsonKind.String || value.Kind == JsonKind.Number) &&
        !string.IsNullOrWhiteSpace(value.Text) && !Placeholder.IsMatch(value.Text);

    private static bool HasConnectionStringPassword(string value)
    {
        if (UserInfoPassword.IsMatch(value))
        {
            return true;
        }

        foreach (var part in value.Split(';', ','))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var key = part.Substring(0, equals).Trim();
            var secret = part.Substring(equals + 1).Trim();
            if ((key.Equals("Password", StringComparison.OrdinalIgnoreCase) || key.Equals("Pwd", StringComparison.OrdinalIgnoreCase) ||
                 key.Equals("SharedAccessKey", StringComparison.OrdinalIgnoreCase) || key.Equals("AccountKey", StringComparison.OrdinalIgnoreCase)) &&
                secret.Length > 0 && !Placeholder.IsMatch(secret))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(JsonNode value) => value.Kind switch
    {
        JsonKind.Object => "a section",
        JsonKind.Array => "an array",
        JsonKind.True => "true",
        JsonKind.False => "false",
        JsonKind.Number => value.Text!,
        _ => "'" + value.Text + "'",
    };

    private static string Expected(SettingsSchema schema)
    {
        if (schema.Enum != null)
        {
            return "one of " + string.Join(", ", schema.Enum);
        }

        if (schema.Pattern != null && schema.Pattern.Contains(@"\d{1,2}:\d{1,2}"))
        {
            return "a time span such as 00:00:30";
        }

        if (schema.Pattern != null)
        {
            return "a string matching " + schema.Pattern;
        }

        if (schema.IsSection)
        {
            return "a section";
        }

        return schema.Types.FirstOrDefault() switch
        {
            "integer" => "an integer",
            "number" => "a number",
            "boolean" => "true or false",
            "array" => "an array",
            _ => "a string",
        };
    }

    /// <summary>The checks of one file, with its text (for line and column) and the schema.</summary>
    private sealed class FileChecker
    {
        private readonly AdditionalFileAnalysisContext _context;
        private readonly SourceText _text;

        public FileChecker(AdditionalFileAnalysisContext context, SourceText text, SettingsSchema? schema)
        {
            _context = context;
            _text = text;
            Schema = schema;
        }

        public SettingsSchema? Schema { get; }

        public void CheckEntry(JsonProperty property, SettingsSchema? schema, string path)
        {
            if (schema == null)
            {
                CheckSecrets(property, path);
            }
            else if (schema.IsSection)
            {
                CheckSection(property.Value, schema, path);
            }
            else
            {
                CheckValue(property.Value, schema, path);
                if (IsSecretName(property.Name) && IsLiteralSecret(property.Value))
                {
                    ReportSecret(property.Value, path);
                }
                else if (property.Name.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase))
                {
                    CheckConnectionString(property, path);
                }
            }
        }

        public void CheckConnectionString(JsonProperty property, string path)
        {
            if (property.Value.Kind == JsonKind.String && HasConnectionStringPassword(property.Value.Text!))
            {
                ReportSecret(property.Value, path);
            }
        }

        private void CheckSection(JsonNode node, SettingsSchema schema, string path)
        {
            if (node.Kind == JsonKind.Null)
            {
                return;
            }

            if (node.Kind != JsonKind.Object)
            {
                Report(InvalidValueRule, node.Span, null, path, "a section", Describe(node));
                return;
            }

            foreach (var property in node.Properties)
            {
                var childPath = path + ":" + property.Name;
                if (schema.Properties.TryGetValue(property.Name, out var child))
                {
                    CheckEntry(property, child, childPath);
                }
                else if (schema.Keyed != null && property.Value.Kind == JsonKind.Object)
                {
                    // A keyed client's named sub-section (AiPlatform:Data:ObjectStore:raw): the same keys as the section.
                    CheckSection(property.Value, schema.Keyed, childPath);
                }
                else
                {
                    var suggestion = NameSuggester.Suggest(property.Name, schema.Properties.Keys);
                    Report(UnknownSettingRule, property.NameSpan, suggestion, childPath,
                        suggestion == null ? string.Empty : "; did you mean '" + path + ":" + suggestion + "'?");
                    CheckSecrets(property, childPath, suggestion);
                }
            }
        }

        private void CheckValue(JsonNode value, SettingsSchema schema, string path)
        {
            if (value.Kind == JsonKind.Null)
            {
                return;
            }

            if (schema.IsSection)
            {
                CheckSection(value, schema, path); // an array item with keys of its own
                return;
            }

            if (schema.Types.Contains("array"))
            {
                if (value.Kind != JsonKind.Array)
                {
                    Report(InvalidValueRule, value.Span, null, path, "an array", Describe(value));
                }
                else if (schema.Items != null)
                {
                    for (var i = 0; i < value.Items.Count; i++)
                    {
                        CheckValue(value.Items[i], schema.Items, path + ":" + i.ToString(CultureInfo.InvariantCulture));
                    }
                }

                return;
            }

            if (!value.IsScalar)
            {
                Report(InvalidValueRule, value.Span, null, path, Expected(schema), Describe(value));
                return;
            }

            var text = value.Kind == JsonKind.True ? "True" : value.Kind == JsonKind.False ? "False" : value.Text!;
            if (schema.Enum != null)
            {
                if (!schema.Enum.Any(e => string.Equals(e, text.Trim(), StringComparison.OrdinalIgnoreCase)) &&
                    !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                {
                    Report(InvalidValueRule, value.Span, NameSuggester.Suggest(text, schema.Enum), path, Expected(schema), Describe(value));
                }

                return;
            }

            var valid = schema.Types.FirstOrDefault() switch
            {
                "integer" => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                "number" => double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _),
                "boolean" => bool.TryParse(text, out _),
                _ => schema.Pattern == null || text.Length == 0 || Regex.IsMatch(text, schema.Pattern, RegexOptions.CultureInvariant),
            };
            if (!valid)
            {
                Report(InvalidValueRule, value.Span, null, path, Expected(schema), Describe(value));
                return;
            }

            if (schema.Format == "uri" && value.Kind == JsonKind.String && text.Trim().Length > 0 && !SchemePrefix.IsMatch(text.Trim()))
            {
                var suggestion = "http://" + text.Trim();
                Report(EndpointRule, value.Span, suggestion, path, text, suggestion);
            }
            else if (schema.Format == "uri" && UserInfoPassword.IsMatch(text))
            {
                ReportSecret(value, path);
            }
        }

        // Keys the schema does not know are still searched for secrets: a misspelt ClientSecret is still a secret.
        private void CheckSecrets(JsonProperty property, string path, string? suggestion = null)
        {
            if (property.Value.Kind == JsonKind.Object)
            {
                foreach (var child in property.Value.Properties)
                {
                    CheckSecrets(child, path + ":" + child.Name);
                }
            }
            else if ((IsSecretName(property.Name) || (suggestion != null && IsSecretName(suggestion))) && IsLiteralSecret(property.Value))
            {
                // The fix's user-secrets command names the key the binder reads: the suggested one, if the key is misspelt.
                ReportSecret(property.Value, path, suggestion == null ? path : path.Substring(0, path.LastIndexOf(':') + 1) + suggestion);
            }
            else if (property.Name.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase))
            {
                CheckConnectionString(property, path);
            }
        }

        private void ReportSecret(JsonNode value, string path) => ReportSecret(value, path, path);

        private void ReportSecret(JsonNode value, string path, string key) =>
            ReportWithProperty(SecretRule, value.Span, KeyProperty, key, path, path.Replace(":", "__"));

        private void Report(DiagnosticDescriptor rule, TextSpan span, string? suggestion, params object[] arguments) =>
            ReportWithProperty(rule, span, SuggestionProperty, suggestion, arguments);

        private void ReportWithProperty(DiagnosticDescriptor rule, TextSpan span, string propertyName, string? propertyValue, params object[] arguments)
        {
            var location = Location.Create(_context.AdditionalFile.Path, span, _text.Lines.GetLinePositionSpan(span));
            var properties = propertyValue == null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(propertyName, propertyValue);
            _context.ReportDiagnostic(Diagnostic.Create(rule, location, properties, arguments));
        }
    }
}
