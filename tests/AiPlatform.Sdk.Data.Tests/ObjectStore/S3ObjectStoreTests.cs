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
    public async Task Large_upload_is_stored_as_a_multipart_object_on_the_server()
    {
        const int size = 50 * 1024 * 1024;
        await Store.PutAsync(Bucket, "large/parts.bin", new NonSeekableStream(RandomBytes(size)));
        var url = await Store.GetPresignedUrlAsync(Bucket, "large/parts.bin", HttpMethod.Get, TimeSpan.FromMinutes(5));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 0);

        using var response = await http.SendAsync(request);

        // The server's own record: S3 gives an object completed from N uploaded parts the ETag "<md5 of the part md5s>-N";
        // a single PUT has the plain MD5 of the body.
        var etag = response.Headers.ETag?.Tag ?? "";
        var parts = System.Text.RegularExpressions.Regex.Match(etag, "^\"[0-9a-f]{32}-([0-9]+)\"$");
        Assert.True(parts.Success, $"ETag {etag} is not the ETag of a multipart upload");
        Assert.True(int.Parse(parts.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 1);
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
