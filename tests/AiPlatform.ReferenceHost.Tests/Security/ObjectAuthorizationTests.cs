using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AiPlatform.ReferenceHost.Tests.Security;

/// <summary>
/// Who may grant, revoke and read through the host, checked against the running host as two writers (alice owns what she
/// creates, mallory tries to get at it) and a platform administrator, with tokens signed by the host's development key.
/// </summary>
public sealed class ObjectAuthorizationTests(EmbeddedIssuerHostFixture fixture) : IClassFixture<EmbeddedIssuerHostFixture>
{
    private const string Writer = "aiplatform-writer";

    [Fact]
    public async Task A_writer_cannot_grant_itself_access_to_an_object_it_does_not_administer()
    {
        var bucket = Unique("hrdept");
        var alice = Caller("alice", Writer);
        var mallory = Caller("mallory", Writer);
        await RestrictBucketToAsync(alice, bucket, "user:alice");

        using var selfGrant = await SendAsync(mallory, HttpMethod.Put, "v1/permissions", Grant("user:mallory", "read", $"bucket:{bucket}"));
        using var revokeOwner = await SendAsync(mallory, HttpMethod.Delete, "v1/permissions", Grant("user:alice", "read", $"bucket:{bucket}"));
        using var read = await SendAsync(mallory, HttpMethod.Get, $"v1/objects/{bucket}/secret.txt");

        Assert.Equal(HttpStatusCode.Forbidden, selfGrant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, revokeOwner.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }

    [Fact]
    public async Task The_creator_of_a_bucket_administers_it_and_a_platform_administrator_administers_any_object()
    {
        var bucket = Unique("owned");
        var alice = Caller("alice", Writer);
        var admin = Caller("root", Writer, "aiplatform-admin");
        using var put = await SendAsync(alice, HttpMethod.Put, $"v1/objects/{bucket}/a.txt", new StringContent("a"));

        using var ownerGrant = await SendAsync(alice, HttpMethod.Put, "v1/permissions", Grant("group:hr", "read", $"bucket:{bucket}"));
        using var adminGrant = await SendAsync(admin, HttpMethod.Put, "v1/permissions", Grant("group:audit", "read", $"dataset:{Unique("x")}"));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, ownerGrant.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, adminGrant.StatusCode);
    }

    [Fact]
    public async Task A_grant_is_revoked_with_the_same_body_that_made_it()
    {
        var admin = Caller("root", Writer, "aiplatform-admin");
        var grant = Grant("user:bob", "read", $"dataset:{Unique("d")}");

        using var made = await SendAsync(admin, HttpMethod.Put, "v1/permissions", grant);
        using var revoked = await SendAsync(admin, HttpMethod.Delete, "v1/permissions", Grant("user:bob", "read", grant["objectId"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.NoContent, made.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
    }

    [Fact]
    public async Task A_subject_longer_than_256_characters_is_refused_when_granting()
    {
        var admin = Caller("root", Writer, "aiplatform-admin");

        using var response = await SendAsync(admin, HttpMethod.Put, "v1/permissions", Grant("user:" + new string('a', 300), "read", "dataset:1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("256", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_cannot_read_an_object_its_caller_may_not_read_and_says_nothing_about_which_keys_exist()
    {
        var bucket = Unique("hrdept");
        var alice = Caller("alice", Writer);
        var mallory = Caller("mallory", Writer);
        await RestrictBucketToAsync(alice, bucket, "user:alice");
        var collection = Unique("loot");
        (await SendAsync(mallory, HttpMethod.Post, "v1/collections", JsonContent.Create(new { name = collection, dimensions = 384 }))).EnsureSuccessStatusCode();

        using var accepted = await SendAsync(mallory, HttpMethod.Post, $"v1/collections/{collection}/documents", JsonContent.Create(new
        {
            documents = new object[] { new { id = "a", bucket, objectKey = "secret.txt" }, new { id = "b", bucket, objectKey = "absent.txt" } },
        }));
        var job = await WaitForJobAsync(mallory, (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());

        var failures = job["failures"]!.AsArray().Select(f => f!["reason"]!.GetValue<string>()).ToList();
        Assert.Equal("failed", job["status"]!.GetValue<string>());
        Assert.Equal(0, job["indexedChunks"]!.GetValue<int>());
        Assert.Equal(2, failures.Count);
        Assert.Equal(failures[0].Replace("secret.txt", "KEY", StringComparison.Ordinal), failures[1].Replace("absent.txt", "KEY", StringComparison.Ordinal));
        Assert.DoesNotContain("salaries", job.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_and_collection_listings_show_restricted_collections_only_to_callers_who_may_read_them()
    {
        var alice = Caller("alice", Writer);
        var mallory = Caller("mallory", Writer);
        var collection = Unique("payroll");
        (await SendAsync(alice, HttpMethod.Post, "v1/collections", JsonContent.Create(new { name = collection, dimensions = 384 }))).EnsureSuccessStatusCode();
        (await SendAsync(alice, HttpMethod.Put, "v1/permissions", Grant("user:alice", "read", $"collection:{collection}"))).EnsureSuccessStatusCode();
        using var accepted = await SendAsync(alice, HttpMethod.Post, $"v1/collections/{collection}/documents", JsonContent.Create(new
        {
            documents = new object[] { new { id = "a", bucket = "nowhere", objectKey = "a.txt" } },
        }));
        var jobId = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        using var malloryJob = await SendAsync(mallory, HttpMethod.Get, $"v1/jobs/{jobId}");
        using var aliceJob = await SendAsync(alice, HttpMethod.Get, $"v1/jobs/{jobId}");
        var malloryList = await (await SendAsync(mallory, HttpMethod.Get, "v1/collections")).Content.ReadAsStringAsync();
        var aliceList = await (await SendAsync(alice, HttpMethod.Get, "v1/collections")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, malloryJob.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aliceJob.StatusCode);
        Assert.DoesNotContain(collection, malloryList, StringComparison.Ordinal);
        Assert.Contains(collection, aliceList, StringComparison.Ordinal);
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    private static JsonObject Grant(string subject, string permission, string objectId) =>
        new() { ["subject"] = subject, ["permission"] = permission, ["objectId"] = objectId };

    private string Caller(string name, params string[] roles)
    {
        var claims = TestTokens.Claims(fixture.Issuer, "aiplatform", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30), roles);
        claims["sub"] = name;
        claims["client_id"] = $"{name}-app";
        return fixture.Forge(claims);
    }

    // The owner creates the bucket with a secret in it (and so administers it), then restricts reading to one subject.
    private async Task RestrictBucketToAsync(string owner, string bucket, string reader)
    {
        (await SendAsync(owner, HttpMethod.Put, $"v1/objects/{bucket}/secret.txt", new StringContent("salaries of everyone"))).EnsureSuccessStatusCode();
        (await SendAsync(owner, HttpMethod.Put, "v1/permissions", Grant(reader, "read", $"bucket:{bucket}"))).EnsureSuccessStatusCode();
    }

    private async Task<JsonObject> WaitForJobAsync(string token, string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            using var response = await SendAsync(token, HttpMethod.Get, $"v1/jobs/{id}");
            var job = (await response.Content.ReadFromJsonAsync<JsonObject>(timeout.Token))!;
            if (job["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled")
            {
                return job;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string token, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body switch
            {
                null => null,
                HttpContent content => content,
                JsonObject json => JsonContent.Create(json),
                _ => throw new ArgumentException("Unsupported body.", nameof(body)),
            },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await fixture.Host.Client.SendAsync(request);
    }
}
