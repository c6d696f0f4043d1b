using AiPlatform.Sdk.Data.ObjectStore;

namespace AiPlatform.Sdk.Data.Tests.ObjectStore;

/// <summary>The shared suite against OpenStack Swift's S3 API (live), plus what only a server offers: presigned URLs.</summary>
[Trait("Kind", "Live")]
public sealed class S3ObjectStoreTests : ObjectStoreSuite
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = TestHost.S3Settings();

    [Fact]
    public async Task Presigned_put_then_presigned_get_round_trip_without_credentials()
    {
        using var http = new HttpClient();
        var put = await Store.GetPresignedUrlAsync(Bucket, "presigned/obj.txt", HttpMethod.Put, TimeSpan.FromMinutes(5));
        (await http.PutAsync(put, new ByteArrayContent("from a browser"u8.ToArray()))).EnsureSuccessStatusCode();

        var get = await Store.GetPresignedUrlAsync(Bucket, "presigned/obj.txt", HttpMethod.Get, TimeSpan.FromMinutes(5));

        Assert.Equal("from a browser", await http.GetStringAsync(get));
    }

    [Fact]
    public async Task Unreachable_server_fails_with_the_service_and_endpoint_named()
    {
        var settings = new Dictionary<string, string?>(TestHost.S3Settings())
        {
            ["AiPlatform:Data:ObjectStore:Endpoint"] = "127.0.0.1:9",
            ["AiPlatform:Data:ObjectStore:MaxRetries"] = "1",
        };
        using var host = TestHost.Build(settings);
        var store = (IObjectStore)host.Services.GetService(typeof(IObjectStore))!;

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => store.StatAsync("any-bucket", "any-key"));

        Assert.Equal("object-store", error.Service);
        Assert.Contains("127.0.0.1:9", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
    }
}
