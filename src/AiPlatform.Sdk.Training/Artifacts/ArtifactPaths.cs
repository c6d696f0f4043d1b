using AiPlatform.Sdk.Training.Tracking;

namespace AiPlatform.Sdk.Training.Artifacts;

/// <summary>Artifact paths as MLflow's proxy sees them: relative, <c>/</c>-separated, never leaving the run's folder.</summary>
internal static class ArtifactPaths
{
    /// <summary>The scheme of artifacts served by the platform (and by an MLflow server run with <c>--serve-artifacts</c>).</summary>
    public const string ProxyScheme = "mlflow-artifacts:";
    public const string S3Scheme = "s3://";

    /// <summary>Checks a relative path and returns it normalised (no leading or trailing <c>/</c>).</summary>
    public static string Relative(string? path, string operation, bool allowEmpty = false)
    {
        var trimmed = (path ?? string.Empty).Trim('/');
        if (trimmed.Length == 0 && allowEmpty)
        {
            return trimmed;
        }

        if (trimmed.Length == 0 || trimmed.Contains('\\', StringComparison.Ordinal) || trimmed.Any(char.IsControl) ||
            trimmed.Split('/').Any(s => s.Length == 0 || s == "." || s == ".."))
        {
            throw TrackingErrors.Invalid(operation, $"Invalid artifact path '{path}': a relative path of '/'-separated names, without '.', '..' or '\\'.");
        }

        return trimmed;
    }

    /// <summary>The proxy path of a run's artifact root from its artifact URI (<c>mlflow-artifacts:/1/abc/artifacts</c> → <c>1/abc/artifacts</c>).</summary>
    public static string RootOf(string? artifactUri, string runId, string operation)
    {
        if (artifactUri is null || !artifactUri.StartsWith(ProxyScheme, StringComparison.Ordinal))
        {
            throw TrackingErrors.Invalid(operation,
                $"Run '{runId}' keeps its artifacts at '{artifactUri}'; this client reads the artifact proxy ({ProxyScheme}) and s3:// through the object store.");
        }

        return artifactUri[ProxyScheme.Length..].Trim('/');
    }

    /// <summary>The bucket and key prefix of an <c>s3://bucket/prefix</c> artifact URI, or <see langword="null"/> for any other.</summary>
    public static (string Bucket, string Root)? S3(string? artifactUri)
    {
        if (artifactUri is null || !artifactUri.StartsWith(S3Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = artifactUri[S3Scheme.Length..].Trim('/');
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (rest, string.Empty) : (rest[..slash], rest[(slash + 1)..]);
    }

    public static string Join(string root, string relative) => relative.Length == 0 ? root : root.Length == 0 ? relative : $"{root}/{relative}";
}
