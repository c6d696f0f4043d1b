namespace AiPlatform.Sdk.Data.ObjectStore;

/// <summary>
/// Buckets of objects addressed by key: the local-folder embedded default or an S3-compatible server (MinIO, Swift, AWS).
/// Every method throws <see cref="AiPlatformValidationException"/> for an invalid bucket name or key,
/// <see cref="AiPlatformNotFoundException"/> for a missing bucket or object, and <see cref="AiPlatformException"/> when the server cannot be reached.
/// </summary>
public interface IObjectStore
{
    /// <summary>Creates the bucket unless it exists.</summary>
    /// <param name="bucket">The bucket name: 3 to 63 lowercase letters, digits, dots and hyphens.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task CreateBucketAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>Tells whether the bucket exists.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it exists.</returns>
    Task<bool> BucketExistsAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="content"/> (of known or unknown length) under <paramref name="key"/>, replacing any object there, with its
    /// SHA-256 recorded as metadata. Large objects are uploaded in parts, each retried on transient failures.
    /// </summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key: 1 to 1024 UTF-8 bytes, '/'-separated segments, no '.' or '..' segment, no control characters.</param>
    /// <param name="content">The content, read to its end.</param>
    /// <param name="options">Content type, user metadata and progress.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored object's description.</returns>
    Task<ObjectInfo> PutAsync(string bucket, string key, Stream content, PutObjectOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Opens an object, or a byte range of it, for reading. Dispose the result to release the connection or file.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    /// <param name="options">A byte range, and whether to verify the SHA-256 while reading.</param>
    /// <param name="cancellationToken">Cancels opening the object.</param>
    /// <returns>The content and the object's description.</returns>
    /// <exception cref="ObjectIntegrityException">Reading a verified object found content that does not match its SHA-256.</exception>
    Task<ObjectContent> GetAsync(string bucket, string key, GetObjectOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Describes an object: size, content type, SHA-256 and user metadata.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The description.</returns>
    Task<ObjectInfo> StatAsync(string bucket, string key, CancellationToken cancellationToken = default);

    /// <summary>Lists the objects whose keys start with <paramref name="prefix"/>, in key order; paging is done underneath.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="prefix">The key prefix, or <see langword="null"/> for every object.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The objects (size, last modification; user metadata only from <see cref="StatAsync"/>).</returns>
    IAsyncEnumerable<ObjectInfo> ListAsync(string bucket, string? prefix = null, CancellationToken cancellationToken = default);

    /// <summary>Copies an object with its metadata, within or across buckets.</summary>
    /// <param name="sourceBucket">The source bucket.</param>
    /// <param name="sourceKey">The source key.</param>
    /// <param name="targetBucket">The target bucket.</param>
    /// <param name="targetKey">The target key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task CopyAsync(string sourceBucket, string sourceKey, string targetBucket, string targetKey, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object; deleting a missing object succeeds.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes several objects in as few calls as the backend allows; missing objects are ignored.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="keys">The keys.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task DeleteManyAsync(string bucket, IEnumerable<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Creates a URL that lets anyone holding it read (GET) or write (PUT) one object until it expires.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    /// <param name="method">Either <see cref="HttpMethod.Get"/> or <see cref="HttpMethod.Put"/>.</param>
    /// <param name="expiry">How long the URL is valid: 1 second to 7 days.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The URL.</returns>
    /// <exception cref="NotSupportedException">The local-folder store has no HTTP endpoint to sign for.</exception>
    Task<Uri> GetPresignedUrlAsync(string bucket, string key, HttpMethod method, TimeSpan expiry, CancellationToken cancellationToken = default);
}
