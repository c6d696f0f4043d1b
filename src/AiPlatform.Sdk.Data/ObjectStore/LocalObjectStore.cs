using AiPlatform.Sdk.Telemetry;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiPlatform.Sdk.Data.Diagnostics;

namespace AiPlatform.Sdk.Data.ObjectStore;

/// <summary>
/// The embedded object store: one file per object under <c>{root}/buckets/{bucket}/{key}</c>, each a fixed-size JSON header
/// (content type, SHA-256, user metadata) followed by the content. Writes go to a temp file that is flushed and renamed into place;
/// temp files left by a killed upload (untouched for 15 minutes) are deleted when the store opens.
/// </summary>
internal sealed class LocalObjectStore : IObjectStore, IHealthProbe
{
    private const string Service = "object-store";
    private const int BufferSize = 1 << 20;

    // A temp file nobody has written to for this long is left over from an upload whose process was killed.
    private static readonly TimeSpan StaleTemp = TimeSpan.FromMinutes(15);
    private readonly string _buckets;
    private readonly string _temp;
    private readonly ClientInstrumentation _instrumentation;
    private readonly TimeProvider _timeProvider;

    public LocalObjectStore(string root, ClientInstrumentation instrumentation, TimeProvider timeProvider)
    {
        Root = System.IO.Path.GetFullPath(root);
        _buckets = System.IO.Path.Combine(Root, "buckets");
        _temp = System.IO.Path.Combine(Root, "tmp");
        _instrumentation = instrumentation;
        _timeProvider = timeProvider;
        DeleteStaleTemps();
    }

    public string Root { get; }

    public Task CreateBucketAsync(string bucket, CancellationToken cancellationToken = default) =>
        _instrumentation.RunAsync("CreateBucket", _ =>
        {
            ObjectNames.ValidateBucket(Service, "CreateBucket", bucket);
            Directory.CreateDirectory(System.IO.Path.Combine(_buckets, bucket));
            return Task.CompletedTask;
        });

    public Task<bool> BucketExistsAsync(string bucket, CancellationToken cancellationToken = default) =>
        _instrumentation.RunAsync("BucketExists", _ =>
        {
            ObjectNames.ValidateBucket(Service, "BucketExists", bucket);
            return Task.FromResult(Directory.Exists(System.IO.Path.Combine(_buckets, bucket)));
        });

    public Task<ObjectInfo> PutAsync(
        string bucket, string key, Stream content, PutObjectOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return _instrumentation.RunAsync("Put", async _ =>
        {
            var path = ObjectPath(bucket, key, "Put");
            var metadata = new Dictionary<string, string>(options?.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
            ObjectNames.ValidateMetadata(Service, metadata);
            return await WriteAsync(bucket, key, path, content, options?.ContentType, metadata, options?.Progress, cancellationToken).ConfigureAwait(false);
        });
    }

    public Task<ObjectContent> GetAsync(string bucket, string key, GetObjectOptions? options = null, CancellationToken cancellationToken = default) =>
        _instrumentation.RunAsync("Get", async _ =>
        {
            options ??= new GetObjectOptions();
            var path = ObjectPath(bucket, key, "Get");
            var file = Open(bucket, key, path, "Get");
            try
            {
                var (header, info) = await ReadHeaderAsync(file, bucket, key, cancellationToken).ConfigureAwait(false);
                var offset = Math.Min(options.Offset, header.Size);
                var length = Math.Min(options.Length ?? long.MaxValue, header.Size - offset);
                file.Position = LocalObjectHeader.ReservedBytes + offset;
                Stream stream = new BoundedStream(file, length);
                if (options.VerifyChecksum && !options.IsRange)
                {
                    stream = new VerifyingStream(stream, header.Sha256, actual => new ObjectIntegrityException(Service, bucket, key, header.Sha256, actual));
                }

                return new ObjectContent(info, stream, length);
            }
            catch
            {
                await file.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        });

    public Task<ObjectInfo> StatAsync(string bucket, string key, CancellationToken cancellationToken = default) =>
        _instrumentation.RunAsync("Stat", _ => StatCoreAsync(bucket, key, "Stat", cancellationToken));

    public async IAsyncEnumerable<ObjectInfo> ListAsync(
        string bucket, string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var directory = BucketPath(bucket, "List");
        var keys = await _instrumentation.RunAsync("List", _ => Task.FromResult(
            Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Select(f => System.IO.Path.GetRelativePath(directory, f).Replace('\\', '/'))
                .Where(k => prefix is null || k.StartsWith(prefix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList())).ConfigureAwait(false);
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = new FileInfo(System.IO.Path.Combine(directory, key));
            if (file.Exists)
            {
                yield return new ObjectInfo(bucket, key, Math.Max(0, file.Length - LocalObjectHeader.ReservedBytes),
                    file.LastWriteTimeUtc, null, null, new Dictionary<string, string>());
            }
        }
    }

    public Task CopyAsync(string sourceBucket, string sourceKey, string targetBucket, string targetKey, CancellationToken cancellationToken = default) =>
        _instrumentation.RunAsync("Copy", async _ =>
        {
            var source = ObjectPath(sourceBucket, sourceKey, "Copy");
            var target = ObjectPath(targetBucket, targetKey, "Copy");
            await using var file = Open(sourceBucket, sourceKey, source, "Copy");
            var (header, _) = await ReadHeaderAsync(file, sourceBucket, sourceKey, cancellationToken).ConfigureAwait(false);
            await using var content = new VerifyingStream(new BoundedStream(file, header.Size), header.Sha256,
                actual => new ObjectIntegrityException(Service, sourceBucket, sourceKey, header.Sha256, actual));
            await WriteAsync(targetBucket, targetKey, target, content, header.ContentType, header.Metadata, null, cancellationToken).ConfigureAwait(false);
        });

    public Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken = default) =>
        _instrumentation.RunAsync("Delete", _ =>
        {
            DeleteCore(bucket, key);
            return Task.CompletedTask;
        });

    public Task DeleteManyAsync(string bucket, IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return _instrumentation.RunAsync("DeleteMany", _ =>
        {
            foreach (var key in keys)
            {
                DeleteCore(bucket, key);
            }

            return Task.CompletedTask;
        });
    }

    public Task<Uri> GetPresignedUrlAsync(string bucket, string key, HttpMethod method, TimeSpan expiry, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The local-folder object store has no HTTP endpoint to presign; configure AiPlatform:Data:ObjectStore:Endpoint for presigned URLs.");

    public Task ProbeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_buckets);
        return Task.CompletedTask;
    }

    private async Task<ObjectInfo> WriteAsync(
        string bucket, string key, string path, Stream content, string? contentType, Dictionary<string, string> metadata,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_temp);
        var temp = System.IO.Path.Combine(_temp, $"{Guid.NewGuid():N}.tmp");
        try
        {
            LocalObjectHeader header;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                file.Position = LocalObjectHeader.ReservedBytes;
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[BufferSize];
                long total = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    total += read;
                    progress?.Report(total);
                }

                header = new LocalObjectHeader(contentType ?? "application/octet-stream", Convert.ToHexStringLower(hash.GetHashAndReset()), total, metadata);
                var bytes = JsonSerializer.SerializeToUtf8Bytes(header, DataJsonContext.Default.LocalObjectHeader);
                if (bytes.Length > LocalObjectHeader.ReservedBytes)
                {
                    throw new AiPlatformValidationException(Service, "Put", $"{Service} Put rejected: the metadata of '{key}' exceeds {LocalObjectHeader.ReservedBytes - 512} bytes");
                }

                file.Position = 0;
                await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await file.WriteAsync(Encoding.ASCII.GetBytes(new string(' ', LocalObjectHeader.ReservedBytes - bytes.Length)), cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            if (Directory.Exists(path))
            {
                throw new AiPlatformConflictException(Service, "Put", $"{Service} Put rejected: '{key}' is a prefix of other objects in the local store");
            }

            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            }
            catch (IOException)
            {
                // A file stands where a folder of the key's path would go (dir/file exists, dir/file/sub is written).
                throw new AiPlatformConflictException(Service, "Put", $"{Service} Put rejected: a prefix of '{key}' is an object in the local store");
            }

            File.Move(temp, path, overwrite: true);
            return Describe(bucket, key, header, _timeProvider.GetUtcNow());
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task<ObjectInfo> StatCoreAsync(string bucket, string key, string operation, CancellationToken cancellationToken)
    {
        var path = ObjectPath(bucket, key, operation);
        await using var file = Open(bucket, key, path, operation);
        return (await ReadHeaderAsync(file, bucket, key, cancellationToken).ConfigureAwait(false)).Info;
    }

    private void DeleteCore(string bucket, string key)
    {
        var path = ObjectPath(bucket, key, "Delete");
        if (!File.Exists(path))
        {
            return;
        }

        File.Delete(path);
        var bucketPath = BucketPath(bucket, "Delete");
        for (var dir = System.IO.Path.GetDirectoryName(path); dir is not null && dir.Length > bucketPath.Length; dir = System.IO.Path.GetDirectoryName(dir))
        {
            if (Directory.EnumerateFileSystemEntries(dir).Any())
            {
                break;
            }

            Directory.Delete(dir);
        }
    }

    private static async Task<(LocalObjectHeader Header, ObjectInfo Info)> ReadHeaderAsync(
        FileStream file, string bucket, string key, CancellationToken cancellationToken)
    {
        var buffer = new byte[LocalObjectHeader.ReservedBytes];
        await file.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        LocalObjectHeader? header;
        try
        {
            header = JsonSerializer.Deserialize(buffer.AsSpan().TrimEnd((byte)' '), DataJsonContext.Default.LocalObjectHeader);
        }
        catch (JsonException ex)
        {
            throw new ObjectIntegrityException(Service, bucket, key, "a readable header", $"an unreadable header ({ex.Message})");
        }

        if (header is null || file.Length - LocalObjectHeader.ReservedBytes != header.Size)
        {
            throw new ObjectIntegrityException(Service, bucket, key, $"{header?.Size} bytes", $"{file.Length - LocalObjectHeader.ReservedBytes} bytes");
        }

        return (header, Describe(bucket, key, header, File.GetLastWriteTimeUtc(file.Name)));
    }

    private static ObjectInfo Describe(string bucket, string key, LocalObjectHeader header, DateTimeOffset modified) =>
        new(bucket, key, header.Size, modified, header.ContentType, header.Sha256,
            header.Metadata.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value));

    private static FileStream Open(string bucket, string key, string path, string operation)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new AiPlatformNotFoundException(Service, operation, $"{Service} {operation} failed: object {bucket}/{key} does not exist", errorCode: "NoSuchKey");
        }
    }

    private void DeleteStaleTemps()
    {
        if (!Directory.Exists(_temp))
        {
            return;
        }

        var cutoff = _timeProvider.GetUtcNow() - StaleTemp;
        foreach (var file in new DirectoryInfo(_temp).EnumerateFiles("*.tmp").Where(f => f.LastWriteTimeUtc < cutoff.UtcDateTime))
        {
            try
            {
                file.Delete();
            }
            catch (IOException)
            {
                // Still open somewhere; the next start tries again.
            }
        }
    }

    private string BucketPath(string bucket, string operation)
    {
        ObjectNames.ValidateBucket(Service, operation, bucket);
        var path = System.IO.Path.Combine(_buckets, bucket);
        return Directory.Exists(path)
            ? path
            : throw new AiPlatformNotFoundException(Service, operation, $"{Service} {operation} failed: bucket {bucket} does not exist", errorCode: "NoSuchBucket");
    }

    private string ObjectPath(string bucket, string key, string operation)
    {
        var bucketPath = BucketPath(bucket, operation);
        ObjectNames.ValidateKey(Service, operation, key);
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(bucketPath, key));
        return path.StartsWith(bucketPath + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new AiPlatformValidationException(Service, operation, $"{Service} {operation} rejected: the key '{key}' escapes its bucket", errorCode: "InvalidName");
    }
}
