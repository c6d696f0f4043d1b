using System.Buffers;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace AiPlatform.Sdk.Ops.Redaction;

/// <summary>
/// Replaces the application's secrets with <c>***</c> wherever they appear in free text (a log message, an exception, a span
/// attribute). The secrets are the values of configuration keys whose names say so (<c>*Password</c>, <c>*Secret*</c>,
/// <c>*Token</c>, <c>*ApiKey</c>, <c>*Headers</c>, ...) and the passwords inside connection strings; attributes whose own key names a
/// credential (<c>authorization</c>, <c>password</c>, ...) are redacted whatever their value.
/// </summary>
internal sealed partial class SecretScrubber
{
    public const string Mask = "***";
    private const int MinimumSecretLength = 4;

    private readonly string[] _secrets;
    private readonly SearchValues<string>? _search;

    public SecretScrubber(IEnumerable<string> secrets)
    {
        // Longest first, so a secret that contains another is masked whole.
        _secrets = [.. secrets.Where(s => s.Length >= MinimumSecretLength).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
        _search = _secrets.Length == 0 ? null : SearchValues.Create(_secrets, StringComparison.Ordinal);
    }

    /// <summary>A scrubber that masks nothing but credential-named attributes.</summary>
    public static SecretScrubber None { get; } = new([]);

    public static SecretScrubber FromConfiguration(IConfiguration configuration)
    {
        var secrets = new List<string>();
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            var name = key[(key.LastIndexOf(':') + 1)..];
            if (IsCredentialName(name))
            {
                secrets.Add(value);
                secrets.AddRange(HeaderValues(name, value));
            }
            else if (name.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) || key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase))
            {
                secrets.AddRange(ConnectionStringSecrets(value));
            }
        }

        return new SecretScrubber(secrets);
    }

    /// <summary>Whether an attribute or configuration key names a credential, so its value is never shown.</summary>
    public static bool IsCredentialName(string name) => CredentialName().IsMatch(name);

    /// <summary>The text with every known secret masked; the same instance when it holds none.</summary>
    public string Scrub(string text)
    {
        if (_search is null || text.AsSpan().IndexOfAny(_search) < 0)
        {
            return text;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The attribute's value as it may be shown: masked whole for a credential-named key, scrubbed otherwise.</summary>
    public object? ScrubAttribute(string key, object? value) => value switch
    {
        null => null,
        _ when IsCredentialName(key) => Mask,
        string text => Scrub(text),
        _ when value.GetType().IsPrimitive || value is decimal or DateTime or DateTimeOffset or TimeSpan or Guid => value,
        _ => value.ToString() is { } text && Scrub(text) is var scrubbed && !ReferenceEquals(scrubbed, text) ? scrubbed : value,
    };

    /// <summary>The exception, or a stand-in with the same type name and secrets masked from its message and stack when it shows any.</summary>
    public Exception Scrub(Exception exception)
    {
        var text = exception.ToString();
        return ReferenceEquals(Scrub(text), text) ? exception : new RedactedException(exception, this);
    }

    private static IEnumerable<string> HeaderValues(string name, string value)
    {
        // OTLP headers and the like: "api-key=abc,tenant=x" — each value is a secret of its own.
        if (!name.EndsWith("Headers", StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }

        foreach (var pair in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                yield return Uri.UnescapeDataString(pair[(equals + 1)..].Trim());
            }
        }
    }

    private static IEnumerable<string> ConnectionStringSecrets(string value)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            var password = uri.UserInfo[(uri.UserInfo.IndexOf(':', StringComparison.Ordinal) + 1)..];
            return [password, Uri.UnescapeDataString(password)];
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = value;
        }
        catch (ArgumentException)
        {
            return [];
        }

        return builder.Keys.Cast<string>().Where(k => IsCredentialName(k) || k.Equals("pwd", StringComparison.OrdinalIgnoreCase))
            .Select(k => builder[k]?.ToString() ?? string.Empty).ToList();
    }

    [GeneratedRegex(@"(password|passwd|secret|token|apikey|api[-_.]key|credential|privatekey|authorization|cookie|headers)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialName();
}
