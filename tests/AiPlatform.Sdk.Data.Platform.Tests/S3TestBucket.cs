using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests;

/// <summary>
/// A fresh bucket on the test services' S3 server (OpenStack Swift's S3 API, <c>AIP_S3_ENDPOINT</c>) behind the Data layer's
/// <see cref="IObjectStore"/>, which presigns real URLs; its objects are deleted afterwards.
/// </summary>
internal sealed class S3TestBucket : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly string _dataPath;

    private S3TestBucket(ServiceProvider provider, string dataPath, string name)
    {
        _provider = provider;
        _dataPath = dataPath;
        Name = name;
    }

    public string Name { get; }

    public IObjectStore Store => _provider.GetRequiredService<IObjectStore>();

    /// <summary>The configuration of the S3 store below <c>AiPlatform</c>, for a test's own service provider.</summary>
    public static Dictionary<string, string?> Settings(string dataPath) => new()
    {
        ["DataPath"] = dataPath,
        ["Data:ObjectStore:Endpoint"] = ServiceEndpoints.S3Endpoint,
        ["Data:ObjectStore:AccessKey"] = ServiceEndpoints.S3AccessKey,
        ["Data:ObjectStore:SecretKey"] = ServiceEndpoints.S3SecretKey,
    };

    public static async Task<S3TestBucket> CreateAsync()
    {
        var dataPath = Directory.CreateTempSubdirectory("aip-platform-s3-").FullName;
        var provider = PlatformHost.Build(Settings(dataPath), p => p.AddData());
        var bucket = new S3TestBucket(provider, dataPath, "aip-" + Guid.NewGuid().ToString("N")[..20]);
        await bucket.Store.CreateBucketAsync(bucket.Name);
        return bucket;
    }

    public Task<ObjectInfo> PutAsync(string key, byte[] content) => Store.PutAsync(Name, key, new MemoryStream(content));

    public async ValueTask DisposeAsync()
    {
        var keys = await Store.ListAsync(Name).Select(o => o.Key).ToListAsync();
        await Store.DeleteManyAsync(Name, keys);
        await _provider.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }
}
