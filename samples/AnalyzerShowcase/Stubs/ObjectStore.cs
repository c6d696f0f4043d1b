namespace AiPlatform.Sdk.Data.ObjectStore;

// A stand-in for the Data package's object store, so that the showcase builds without the packages.
public sealed class ObjectInfo
{
    public long Length { get; set; }
}

public sealed class ObjectContent : IAsyncDisposable
{
    public Stream Content { get; } = Stream.Null;

    public ValueTask DisposeAsync() => default;
}

public interface IObjectStore
{
    Task<ObjectContent> GetAsync(string bucket, string key, CancellationToken cancellationToken = default);

    Task<ObjectInfo> StatAsync(string bucket, string key, CancellationToken cancellationToken = default);

    Task<bool> BucketExistsAsync(string bucket, CancellationToken cancellationToken = default);

    Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken = default);

    Task DeleteManyAsync(string bucket, IEnumerable<string> keys, CancellationToken cancellationToken = default);

    IAsyncEnumerable<ObjectInfo> ListAsync(string bucket, string? prefix = null, CancellationToken cancellationToken = default);
}
