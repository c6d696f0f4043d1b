namespace AiPlatform.Sdk.Data.ObjectStore;

// A stand-in for the Data package's object store, so that the showcase builds without the packages.
public sealed class ObjectInfo
{
    public long Length { get; set; }
}

public interface IObjectStore
{
    Task<ObjectInfo> StatAsync(string bucket, string key, CancellationToken cancellationToken = default);

    Task<bool> BucketExistsAsync(string bucket, CancellationToken cancellationToken = default);

    Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken = default);

    Task DeleteManyAsync(string bucket, IEnumerable<string> keys, CancellationToken cancellationToken = default);

    IAsyncEnumerable<ObjectInfo> ListAsync(string bucket, string? prefix = null, CancellationToken cancellationToken = default);
}
