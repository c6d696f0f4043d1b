namespace AiPlatform.Sdk.Training.Datasets;

/// <summary>
/// One version of a dataset tracked by DVC: an output of a <c>.dvc</c> file or a <c>dvc.lock</c> stage, pinned by its md5, and the
/// remote its content lives on.
/// </summary>
/// <param name="Path">The output's path, relative to the folder of the file that declares it.</param>
/// <param name="Md5">The content hash as DVC writes it; a directory's ends in <c>.dir</c> (the md5 of its manifest).</param>
/// <param name="Size">The total size in bytes, when recorded.</param>
/// <param name="FileCount">For a directory, how many files it holds, when recorded.</param>
/// <param name="Layout">How the remote stores content: DVC 3's <c>files/md5/</c> tree, or DVC 2's.</param>
/// <param name="Remote">The remote holding the content.</param>
public sealed record DvcDataset(string Path, string Md5, long? Size, int? FileCount, DvcLayout Layout, DvcRemote Remote)
{
    /// <summary>Whether the output is a directory (its md5 names a manifest).</summary>
    public bool IsDirectory => Md5.EndsWith(".dir", StringComparison.Ordinal);

    /// <summary>The tags that pin this version on a training run (<c>dvc.path</c>, <c>dvc.md5</c>, <c>dvc.remote</c>).</summary>
    public IReadOnlyDictionary<string, string> ToRunTags() => new Dictionary<string, string>
    {
        ["dvc.path"] = Path,
        ["dvc.md5"] = Md5,
        ["dvc.remote"] = Remote.Url,
    };
}

/// <summary>A DVC remote on S3-compatible storage (<c>url = s3://bucket/prefix</c> in <c>.dvc/config</c>).</summary>
/// <param name="Name">The remote's name.</param>
/// <param name="Url">Its URL as configured.</param>
/// <param name="Bucket">The bucket.</param>
/// <param name="Prefix">The key prefix inside the bucket, without a trailing slash; empty for the bucket's root.</param>
/// <param name="EndpointUrl">The configured <c>endpointurl</c> (MinIO and other S3-compatible stores), for reference: content is read
/// through the object store the SDK was given.</param>
public sealed record DvcRemote(string Name, string Url, string Bucket, string Prefix, string? EndpointUrl)
{
    /// <summary>A remote from an <c>s3://bucket/prefix</c> URL.</summary>
    /// <param name="name">The remote's name.</param>
    /// <param name="url">The URL.</param>
    /// <param name="endpointUrl">The S3 endpoint, if not AWS.</param>
    /// <returns>The remote.</returns>
    /// <exception cref="FormatException">The URL is not <c>s3://bucket[/prefix]</c>.</exception>
    public static DvcRemote FromUrl(string name, string url, string? endpointUrl = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        if (!url.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) || url.Length == "s3://".Length)
        {
            throw new FormatException($"DVC remote '{name}' has url '{url}': only s3://bucket[/prefix] remotes are supported.");
        }

        var rest = url["s3://".Length..].TrimEnd('/');
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? new DvcRemote(name, url, rest, string.Empty, endpointUrl)
            : new DvcRemote(name, url, rest[..slash], rest[(slash + 1)..], endpointUrl);
    }
}

/// <summary>How a DVC remote lays out content.</summary>
public enum DvcLayout
{
    /// <summary>DVC 3 (<c>hash: md5</c> on the output): <c>files/md5/{2}/{30}</c>, md5 of the bytes as they are.</summary>
    Dvc3,

    /// <summary>DVC 2: <c>{2}/{30}</c> at the remote's root, md5 of text files with CRLF read as LF (<c>md5-dos2unix</c>).</summary>
    Legacy,
}
