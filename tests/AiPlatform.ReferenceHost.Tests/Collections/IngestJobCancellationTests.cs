using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.ReferenceHost.Tests.Collections;

/// <summary>
/// Ingest jobs stop when asked (<c>DELETE /v1/jobs/{id}</c>) and when their collection is deleted. The jobs are long (many
/// documents for the real embedding model) and run one at a time, so a second job is still queued when the test acts on it.
/// </summary>
public sealed class IngestJobCancellationTests : IAsyncLifetime
{
    private ReferenceHostProcess _host = null!;

    public async Task InitializeAsync() =>
        _host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?> { ["AiPlatform:Server:Authentication:AllowAnonymous"] = "true" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Delete_on_a_job_cancels_it_and_it_indexes_nothing_more()
    {
        await CreateAsync("notes");
        var blocker = await IngestAsync("notes");
        var queued = await IngestAsync("notes");

        using var cancel = await _host.Client.DeleteAsync($"v1/jobs/{queued}");
        using var cancelBlocker = await _host.Client.DeleteAsync($"v1/jobs/{blocker}");
        var job = await WaitForJobAsync(queued);
        using var again = await _host.Client.DeleteAsync($"v1/jobs/{queued}");

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", job["status"]!.GetValue<string>());
        Assert.Equal(0, job["indexedChunks"]!.GetValue<int>());
        Assert.Equal("cancelled", (await WaitForJobAsync(blocker))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_collection_stops_its_jobs()
    {
        await CreateAsync("doomed");
        var running = await IngestAsync("doomed");
        var queued = await IngestAsync("doomed");

        using var deleted = await _host.Client.DeleteAsync("v1/collections/doomed");
        var first = await WaitForJobAsync(running);
        var second = await WaitForJobAsync(queued);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("failed", first["status"]!.GetValue<string>());
        Assert.Contains("deleted", first["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("failed", second["status"]!.GetValue<string>());
        Assert.Equal(0, second["indexedChunks"]!.GetValue<int>());
    }

    [Fact]
    public async Task Delete_wins_over_a_running_ingest_and_concurrent_searches()
    {
        for (var iteration = 0; iteration < 6; iteration++)
        {
            await CreateAsync("racing");
            var job = await IngestAsync("racing");
            using var stop = new CancellationTokenSource();
            var searches = Task.Run(async () =>
            {
                var answered = 0;
                while (!stop.IsCancellationRequested)
                {
                    using var search = await _host.Client.PostAsJsonAsync("v1/collections/racing/search", new { text = "ingest jobs", top = 3 }, CancellationToken.None);
                    Assert.True(search.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"search answered {(int)search.StatusCode}");
                    answered++;
                }

                return answered;
            });

            await Task.Delay(TimeSpan.FromMilliseconds(100 + (iteration * 150)));
            using var deleted = await _host.Client.DeleteAsync("v1/collections/racing");
            var finished = await WaitForJobAsync(job);
            await stop.CancelAsync();
            await searches;

            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.Equal("failed", finished["status"]!.GetValue<string>());
            Assert.Contains("deleted", finished["reason"]!.GetValue<string>(), StringComparison.Ordinal);
            using (var gone = await _host.Client.GetAsync("v1/collections/racing"))
            {
                Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            }

            // A new collection of the same name starts empty: nothing the stopped job wrote comes back.
            await CreateAsync("racing");
            using var fresh = await _host.Client.PostAsJsonAsync("v1/collections/racing/search", new { text = "ingest jobs", top = 3 });
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
            Assert.Empty((await fresh.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray());
            (await _host.Client.DeleteAsync("v1/collections/racing")).EnsureSuccessStatusCode();
        }
    }

    private async Task CreateAsync(string name) =>
        (await _host.Client.PostAsJsonAsync("v1/collections", new { name, dimensions = 384 })).EnsureSuccessStatusCode();

    private async Task<string> IngestAsync(string collection)
    {
        var text = string.Join(" ", Enumerable.Range(0, 200).Select(i => $"Sentence number {i} says something about ingest jobs."));
        var documents = Enumerable.Range(0, 200).Select(i => new { id = $"doc-{i}", text }).ToList();
        using var accepted = await _host.Client.PostAsJsonAsync($"v1/collections/{collection}/documents", new { documents, chunkSize = 64, chunkOverlap = 0 });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private async Task<JsonObject> WaitForJobAsync(string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var job = (await _host.Client.GetFromJsonAsync<JsonObject>($"v1/jobs/{id}", timeout.Token))!;
            if (job["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled")
            {
                return job;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
