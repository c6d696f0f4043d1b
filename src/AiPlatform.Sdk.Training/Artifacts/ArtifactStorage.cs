using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Training.Tracking;

namespace AiPlatform.Sdk.Training.Artifacts;

/// <summary>
/// Where the platform keeps proxied artifacts: the bucket <c>mlflow-artifacts</c> of the Data layer's object store (a local folder by
/// default, S3 when configured), keyed by the proxy path (<c>{experiment}/{run}/artifacts/{path}</c>). Shared by the embedded
/// repository and the server's <c>mlflow-artifacts</c> endpoints — and, for runs of an MLflow server whose artifact URI is
/// <c>s3://bucket/...</c>, that bucket (never created by the SDK). Reads check the SHA-256 the object store recorded, where it did.
/// </summary>
internal sealed class ArtifactStorage(IObjectStore store, string bucket = ArtifactStorage.DefaultBucket, bool createBucket = true)
{
    public const string DefaultBucket = "mlflow-artifacts";
    private readonly SemaphoreSlim _bucket = new(1, 1);
    private bool _bucketReady;

    public async Task PutAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        await store.PutAsync(bucket, path, content, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<ObjectContent> GetAsync(string path, CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await store.GetAsync(bucket, path, new GetObjectOptions { VerifyChecksum = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (AiPlatformNotFoundException)
        {
            throw TrackingErrors.NotFound("GetArtifact", $"Artifact '{path}' not found");
        }
    }

    /// <summary>The files and folders directly under <paramref name="folder"/>, with paths relative to <paramref name="relativeTo"/>.</summary>
    public async Task<IReadOnlyList<ArtifactInfo>> ListAsync(string folder, string relativeTo, CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        var prefix = folder.Length == 0 ? string.Empty : folder + "/";
        var entries = new SortedDictionary<string, ArtifactInfo>(StringComparer.Ordinal);
        await foreach (var item in store.ListAsync(bucket, prefix, cancellationToken).ConfigureAwait(false))
        {
            var rest = item.Key[prefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var name = slash < 0 ? rest : rest[..slash];
            var full = Relative(prefix + name, relativeTo);
            entries.TryAdd(name, slash < 0 ? new ArtifactInfo(full, false, item.Size) : new ArtifactInfo(full, true, null));
        }

        return [.. entries.Values];
    }

    private static string Relative(string key, string root) => root.Length == 0 ? key : key[(root.Length + 1)..];

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (!createBucket || Volatile.Read(ref _bucketReady))
        {
            return;
        }

        await _bucket.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_bucketReady && !await store.BucketExistsAsync(bucket, cancellationToken).ConfigureAwait(false))
            {
                await store.CreateBucketAsync(bucket, cancellationToken).ConfigureAwait(false);
            }

            _bucketReady = true;
        }
        finally
        {
            _bucket.Release();
        }
    }
}
