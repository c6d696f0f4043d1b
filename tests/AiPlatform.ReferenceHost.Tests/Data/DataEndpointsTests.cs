using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiPlatform.ReferenceHost.Tests.Data;

public sealed class DataEndpointsTests(DataHostFixture fixture) : IClassFixture<DataHostFixture>
{
    private HttpClient Client => fixture.Host.Client;

    [Fact]
    public async Task Put_then_get_streams_an_object_back_with_its_metadata()
    {
        var bytes = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(bytes);
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-test");
        content.Headers.Add("x-meta-owner", "team-a");

        using var put = await Client.PutAsync("v1/objects/host-tests/dir/blob.bin", content);
        using var get = await Client.GetAsync("v1/objects/host-tests/dir/blob.bin");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(bytes, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal("team-a", get.Headers.GetValues("x-meta-owner").Single());
        Assert.Equal("application/x-test", get.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Range_requests_return_partial_content()
    {
        using var put = await Client.PutAsync("v1/objects/host-tests/range.txt", new StringContent("0123456789"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/objects/host-tests/range.txt");
        request.Headers.Range = new RangeHeaderValue(2, 5);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("2345", await response.Content.ReadAsStringAsync());
        Assert.Equal(10, response.Content.Headers.ContentRange?.Length);
    }

    [Fact]
    public async Task List_by_prefix_returns_matching_objects()
    {
        foreach (var key in new[] { "list/a", "list/b", "other/c" })
        {
            using var put = await Client.PutAsync($"v1/objects/host-list/{key}", new StringContent(key));
        }

        using var response = await Client.GetAsync("v1/objects/host-list?prefix=list/");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(["list/a", "list/b"], json.RootElement.EnumerateArray().Select(o => o.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task Listing_a_missing_bucket_is_not_found()
    {
        using var response = await Client.GetAsync("v1/objects/no-such-bucket?prefix=x");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Deleted_objects_are_not_found()
    {
        using var put = await Client.PutAsync("v1/objects/host-tests/gone.txt", new StringContent("x"));

        using var delete = await Client.DeleteAsync("v1/objects/host-tests/gone.txt");
        using var get = await Client.GetAsync("v1/objects/host-tests/gone.txt");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Keys_that_escape_the_bucket_are_rejected()
    {
        using var response = await Client.PutAsync("v1/objects/host-tests/a/%2E%2E/%2E%2E/escape", new StringContent("x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Posting_json_publishes_an_event()
    {
        using var response = await Client.PostAsJsonAsync("v1/events/orders?key=o-1", new { orderId = "o-1", amount = 3 });
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("orders", json.RootElement.GetProperty("topic").GetString());
        Assert.Equal("o-1", json.RootElement.GetProperty("key").GetString());
    }

    [Fact]
    public async Task Posting_invalid_json_is_a_bad_request()
    {
        using var response = await Client.PostAsync("v1/events/orders", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
