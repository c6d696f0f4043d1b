using AiPlatform.Sdk.Telemetry;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using AiPlatform.Sdk.Data.Diagnostics;
using Minio;
using Minio.DataModel;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace AiPlatform.Sdk.Data.ObjectStore;

/// <summary>
/// The S3 object store on the MinIO SDK. Uploads are spooled to a temp file when needed so that the SHA-256 is known before the
/// upload starts and each part can be resent; reads go through a presigned URL with a <c>Range</c> header, which also avoids the
/// SDK's ranged-read bug (a correct 206 answered with <c>PartialContentException</c>).
/// </summary>
internal sealed class S3ObjectStore : IObjectStore, IHealthProbe, IDisposable
{
    private const string Service = "object-store";
    private const string MetaPrefix = "x-amz-meta-";
    private const string ShaKey = "sha256";
    private readonly IMinioClient _client;
    private readonly HttpClient _http;
    private readonly ClientInstrumentation _instrumentation;
    private readonly Uri _endpoint;

    public S3ObjectStore(ObjectStoreSettings settings, HttpClient http, ClientInstrumentation instrumentation)
    {
        _http = http;
        _instrumentation = instrumentation;
        _endpoint = new Uri($"{(settings.UseSsl ? "https" : "http")}://{settings.Endpoint}");
        _client = new MinioClient()
            .WithEndpoint(settings.Endpoint)
            .WithCredentials(settings.AccessKey, settings.SecretKey)
            .WithSSL(settings.UseSsl)
            .WithRegion(settings.Region)
            .WithHttpClient(http)
            .WithTimeout((int)settings.RequestTimeout.TotalMilliseconds)
            .WithRetryPolicy(new S3RetryPolicy(settings.MaxRetries).ExecuteAsync)
            .Build();
    }

    public Task CreateBucketAsync(string bucket, CancellationToken cancellationToken = default) =>
        CallAsync("CreateBucket", bucket, null, async () =>
        {
            if (!await _client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), cancellationToken).ConfigureAwait(false))
            {
                await _client.MakeBucketAsync(new MakeBucketArgs().WithBucket(bucket), cancellationToken).ConfigureAwait(false);
            }

            return true;
        });

    public Task<bool> BucketExistsAsync(string bucket, CancellationToken cancellationToken = default) =>
        CallAsync("BucketExists", bucket, null, () => _client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), cancellationToken));

    public Task<ObjectInfo> PutAsync(
        string bucket, string key, Stream content, PutObjectOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return CallAsync("Put", bucket, key, async () =>
        {
            var metadata = new Dictionary<string, string>(options?.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
            ObjectNames.ValidateMetadata(Service, metadata);
            await using var spooled = await SpooledContent.CreateAsync(content, cancellationToken).ConfigureAwait(false);
            metadata[ShaKey] = spooled.Sha256;
            var headers = metadata.ToDictionary(p => MetaPrefix + p.Key.ToLowerInvariant(), p => p.Value);
            var args = new PutObjectArgs()
                .WithBucket(bucket)
                .WithObject(key)
                .WithStreamData(spooled.Stream)
                .WithObjectSize(spooled.Length)
                .WithContentType(options?.ContentType ?? "application/octet-stream")
                .WithHeaders(headers);
            if (options?.Progress is { } progress)
            {
                args = args.WithProgress(new ProgressAdapter(progress));
            }

            await _client.PutObjectAsync(args, cancellationToken).ConfigureAwait(false);
            options?.Progress?.Report(spooled.Length);
            return await StatCoreAsync(bucket, key, cancellationToken).ConfigureAwait(false);
        });
    }

    public Task<ObjectContent> GetAsync(string bucket, string key, GetObjectOptions? options = null, CancellationToken cancellationToken = default) =>
        CallAsync("Get", bucket, key, async () =>
        {
            options ??= new GetObjectOptions();
            var url = await _client.PresignedGetObjectAsync(
                new PresignedGetObjectArgs().WithBucket(bucket).WithObject(key).WithExpiry(600)).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (options.IsRange)
            {
                request.Headers.Range = new RangeHeaderValue(options.Offset, options.Length is { } length ? options.Offset + length - 1 : null);
            }

            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            try
            {
                if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
                {
                    var size = response.Content.Headers.ContentRange?.Length ?? 0;
                    response.Dispose();
                    var empty = await StatCoreAsync(bucket, key, cancellationToken).ConfigureAwait(false);
                    return new ObjectContent(empty with { Size = size }, Stream.Null, 0);
                }

                await AiPlatformErrors.EnsureSuccessAsync(response, Service, "Get", cancellationToken).ConfigureAwait(false);
                var info = Describe(bucket, key, response);
                Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                stream = new ResponseStream(stream, response);
                if (options.VerifyChecksum && !options.IsRange && info.Sha256 is { } sha)
                {
                    stream = new VerifyingStream(stream, sha, actual => new ObjectIntegrityException(Service, bucket, key, sha, actual));
                }

                return new ObjectContent(info, stream, response.Content.Headers.ContentLength ?? info.Size);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        });

    public Task<ObjectInfo> StatAsync(string bucket, string key, CancellationToken cancellationToken = default) =>
        CallAsync("Stat", bucket, key, () => StatCoreAsync(bucket, key, cancellationToken));

    public async IAsyncEnumerable<ObjectInfo> ListAsync(
        string bucket, string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectNames.ValidateBucket(Service, "List", bucket);
        var args = new ListObjectsArgs().WithBucket(bucket).WithRecursive(true);
        if (!string.IsNullOrEmpty(prefix))
        {
            args = args.WithPrefix(prefix);
        }

        var started = _instrumentation.Timestamp();
        await using var items = _client.ListObjectsEnumAsync(args, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (await NextAsync(items, bucket, started).ConfigureAwait(false) is { } item)
        {
            if (!item.IsDir)
            {
                yield return new ObjectInfo(bucket, item.Key, (long)item.Size, item.LastModifiedDateTime ?? DateTime.MinValue, null, null,
                    new Dictionary<string, string>());
            }
        }

        _instrumentation.Record("List", started, null);
    }

    public Task CopyAsync(string sourceBucket, string sourceKey, string targetBucket, string targetKey, CancellationToken cancellationToken = default) =>
        CallAsync("Copy", sourceBucket, sourceKey, async () =>
        {
            ObjectNames.ValidateBucket(Service, "Copy", targetBucket);
            ObjectNames.ValidateKey(Service, "Copy", targetKey);
            await _client.CopyObjectAsync(
                new CopyObjectArgs().WithBucket(targetBucket).WithObject(targetKey)
                    .WithCopyObjectSource(new CopySourceObjectArgs().WithBucket(sourceBucket).WithObject(sourceKey)),
                cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken = default) =>
        CallAsync("Delete", bucket, key, async () =>
        {
            await _client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(bucket).WithObject(key), cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task DeleteManyAsync(string bucket, IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var list = keys.ToList();
        return CallAsync("DeleteMany", bucket, null, async () =>
        {
            foreach (var key in list)
            {
                ObjectNames.ValidateKey(Service, "DeleteMany", key);
            }

            if (list.Count > 0)
            {
                var errors = await _client.RemoveObjectsAsync(new RemoveObjectsArgs().WithBucket(bucket).WithObjects(list), cancellationToken).ConfigureAwait(false);
                if (errors.FirstOrDefault(e => e.Code != "NoSuchKey") is { } error)
                {
                    throw new AiPlatformException(Service, "DeleteMany", null, null, error.Code, $"{error.Key}: {error.Message}");
                }
            }

            return true;
        });
    }

    public Task<Uri> GetPresignedUrlAsync(string bucket, string key, HttpMethod method, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        return CallAsync("Presign", bucket, key, async () =>
        {
            if (expiry < TimeSpan.FromSeconds(1) || expiry > TimeSpan.FromDays(7))
            {
                throw new AiPlatformValidationException(Service, "Presign", $"{Service} Presign rejected: the expiry must be between 1 second and 7 days");
            }

            var seconds = (int)expiry.TotalSeconds;
            var url = method == HttpMethod.Get
                ? await _client.PresignedGetObjectAsync(new PresignedGetObjectArgs().WithBucket(bucket).WithObject(key).WithExpiry(seconds)).ConfigureAwait(false)
                : method == HttpMethod.Put
                    ? await _client.PresignedPutObjectAsync(new PresignedPutObjectArgs().WithBucket(bucket).WithObject(key).WithExpiry(seconds)).ConfigureAwait(false)
                    : throw new AiPlatformValidationException(Service, "Presign", $"{Service} Presign rejected: only GET and PUT URLs can be presigned");
            return new Uri(url);
        });
    }

    public Task ProbeAsync(CancellationToken cancellationToken) =>
        CallAsync("Probe", "health", null, () => _client.ListBucketsAsync(cancellationToken));

    public void Dispose() => _client.Dispose();

    /// <summary>Fetches the next listed item (the SDK pages underneath), mapping failures like every other call.</summary>
    private async Task<Item?> NextAsync(IAsyncEnumerator<Item> items, string bucket, long started)
    {
        try
        {
            return await items.MoveNextAsync().ConfigureAwait(false) ? items.Current : null;
        }
        catch (Exception ex) when (ex is MinioException or HttpRequestException or IOException)
        {
            _instrumentation.Record("List", started, ex.GetType().Name);
            throw Map(ex, "List", bucket, null);
        }
    }

    private async Task<ObjectInfo> StatCoreAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var stat = await _client.StatObjectAsync(new StatObjectArgs().WithBucket(bucket).WithObject(key), cancellationToken).ConfigureAwait(false);
        // The SDK strips the x-amz-meta- prefix from user metadata and adds the content type to the same dictionary.
        var metadata = stat.MetaData
            .Where(p => !p.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value, StringComparer.OrdinalIgnoreCase);
        metadata.Remove(ShaKey, out var sha);
        return new ObjectInfo(bucket, key, stat.Size, stat.LastModified, stat.ContentType, sha, metadata);
    }

    private static ObjectInfo Describe(string bucket, string key, HttpResponseMessage response)
    {
        var metadata = UserMetadata(response.Headers.Select(h => (h.Key, string.Join(",", h.Value))));
        metadata.Remove(ShaKey, out var sha);
        var length = response.Content.Headers.ContentRange?.Length ?? response.Content.Headers.ContentLength ?? 0;
        return new ObjectInfo(bucket, key, length, response.Content.Headers.LastModified ?? DateTimeOffset.MinValue,
            response.Content.Headers.ContentType?.ToString(), sha, metadata);
    }

    private static Dictionary<string, string> UserMetadata(IEnumerable<(string Key, string Value)> headers)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            if (name.StartsWith(MetaPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[name[MetaPrefix.Length..].ToLowerInvariant()] = value;
            }
        }

        return metadata;
    }

    private Task<T> CallAsync<T>(string operation, string bucket, string? key, Func<Task<T>> body) =>
        _instrumentation.RunAsync(operation, async _ =>
        {
            ObjectNames.ValidateBucket(Service, operation, bucket);
            if (key is not null)
            {
                ObjectNames.ValidateKey(Service, operation, key);
            }

            try
            {
                return await body().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MinioException or HttpRequestException or IOException or TaskCanceledException and not OperationCanceledException { CancellationToken.IsCancellationRequested: true })
            {
                throw Map(ex, operation, bucket, key);
            }
        });

    private AiPlatformException Map(Exception exception, string operation, string bucket, string? key)
    {
        var what = key is null ? $"bucket {bucket}" : $"object {bucket}/{key}";
        return exception switch
        {
            ObjectNotFoundException or BucketNotFoundException =>
                new AiPlatformNotFoundException(Service, operation, $"{Service} {operation} failed: {what} does not exist at {_endpoint.Authority}", innerException: exception),
            MinioException { ServerResponse: { } response } when response.StatusCode == HttpStatusCode.NotFound =>
                new AiPlatformNotFoundException(Service, operation, $"{Service} {operation} failed: {what} does not exist at {_endpoint.Authority}", innerException: exception),
            AccessDeniedException or AuthorizationException =>
                new AiPlatformForbiddenException(Service, operation, $"{Service} {operation} was denied at {_endpoint.Authority}: {exception.Message}", innerException: exception),
            MinioException { ServerResponse: { } response } when (int)response.StatusCode >= 400 =>
                AiPlatformErrors.FromStatus(Service, operation, (int)response.StatusCode, null, exception.Message, innerException: exception),
            _ => new AiPlatformException(Service, operation,
                $"{Service} {operation} failed: the server at {_endpoint.Authority} could not be reached ({exception.GetBaseException().Message})", innerException: exception),
        };
    }

    private sealed class ProgressAdapter(IProgress<long> progress) : IProgress<ProgressReport>
    {
        public void Report(ProgressReport value) => progress.Report(value.TotalBytesTransferred);
    }
}
