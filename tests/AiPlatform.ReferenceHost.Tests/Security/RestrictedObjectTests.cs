using System.Net;
using System.Net.Http.Json;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.ReferenceHost.Tests.Security;

/// <summary>Object-level permissions guard the host's buckets and collections once an object has grants.</summary>
public sealed class RestrictedObjectTests
{
    [Fact]
    public async Task A_bucket_with_grants_admits_only_callers_holding_the_permission_while_other_buckets_stay_open()
    {
        await using var host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?> { ["AiPlatform:Server:Authentication:AllowAnonymous"] = "true" });

        using var open = await host.Client.PutAsync("v1/objects/open-bucket/a.txt", new StringContent("hello"));
        using var grant = await host.Client.PutAsJsonAsync("v1/permissions/",
            new { subject = "user:alice", permission = "write", objectId = "bucket:private-bucket" });
        using var restricted = await host.Client.PutAsync("v1/objects/private-bucket/a.txt", new StringContent("hello"));
        using var stillOpen = await host.Client.GetAsync("v1/objects/open-bucket/a.txt");

        Assert.True(open.IsSuccessStatusCode, $"open bucket: {open.StatusCode}");
        Assert.Equal(HttpStatusCode.NoContent, grant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, restricted.StatusCode);
        Assert.Contains("bucket:private-bucket", await restricted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillOpen.StatusCode);
    }

    [Fact]
    public async Task A_collection_with_grants_refuses_search_to_callers_without_read()
    {
        await using var host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?> { ["AiPlatform:Server:Authentication:AllowAnonymous"] = "true" });
        using var grant = await host.Client.PutAsJsonAsync("v1/permissions/",
            new { subject = "group:finance", permission = "read", objectId = "collection:ledger" });

        using var search = await host.Client.PostAsJsonAsync("v1/collections/ledger/search", new { text = "quarterly revenue", top = 3 });

        Assert.Equal(HttpStatusCode.NoContent, grant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, search.StatusCode);
    }
}
