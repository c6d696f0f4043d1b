using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.ReferenceHost.Tests.Collections;

/// <summary>
/// Semantic search through the running host with the real embedding model: ingest 1,100 man-page sentences, restart, and find
/// sentences by paraphrase; a document that cannot be processed fails its job with a reason while the others are indexed.
/// </summary>
[Trait("Kind", "EndToEnd")]
public sealed class SemanticSearchEndToEndTests
{
    private const string Collection = "manpages";

    [Fact]
    public async Task Paraphrase_queries_find_their_sentences_after_a_restart_and_a_bad_document_fails_its_job()
    {
        await using var host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AiPlatform:Server:Authentication:AllowAnonymous"] = "true",
            ["AiPlatform:Serving:Embeddings:ModelPath"] = MiniLmModelFolder.Path,
        }, TimeSpan.FromSeconds(120));
        var sentences = await File.ReadAllLinesAsync(CorpusPath());
        Assert.True(sentences.Length >= 1000);

        (await host.Client.PostAsJsonAsync("v1/collections", new { name = Collection })).EnsureSuccessStatusCode();
        var documents = sentences.Chunk(100)
            .Select((part, i) => (object)new { id = $"part-{i}", text = string.Join("\n", part), source = "man-sentences.txt", tags = new[] { "man" } })
            .Append(new { id = "bad-document", bucket = "missing-bucket", objectKey = "missing.md" })
            .ToList();
        using var accepted = await host.Client.PostAsJsonAsync($"v1/collections/{Collection}/documents", new { documents, chunkSize = 240, chunkOverlap = 0 });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobId = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var job = await WaitForJobAsync(host, jobId);

        Assert.Equal("failed", job["status"]!.GetValue<string>());
        Assert.Contains("bad-document", job["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(documents.Count, job["processedDocuments"]!.GetValue<int>());
        Assert.True(job["indexedChunks"]!.GetValue<int>() >= sentences.Length / 2);

        await host.RestartAsync();

        Assert.Equal("failed", (await host.Client.GetFromJsonAsync<JsonObject>($"v1/jobs/{jobId}"))!["status"]!.GetValue<string>());
        await AssertFoundAsync(host, "Which utility bundles many files together into one archive file?", "GNU tar is an archiving program");
        await AssertFoundAsync(host, "Does gzip remember the original name and modification time inside the compressed output?",
            "By default, gzip keeps the original file name and timestamp in the compressed file.");
    }

    private static async Task AssertFoundAsync(ReferenceHostProcess host, string paraphrase, string sentence)
    {
        using var response = await host.Client.PostAsJsonAsync($"v1/collections/{Collection}/search", new { text = paraphrase, top = 3, filter = new { tag = "man" } });
        response.EnsureSuccessStatusCode();
        var results = (await response.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray();

        Assert.Contains(results, r => r!["text"]!.GetValue<string>().Contains(sentence, StringComparison.Ordinal));
        Assert.All(results, r => Assert.Equal("man-sentences.txt", r!["source"]!.GetValue<string>()));
    }

    private static async Task<JsonObject> WaitForJobAsync(ReferenceHostProcess host, string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (true)
        {
            var job = (await host.Client.GetFromJsonAsync<JsonObject>($"v1/jobs/{id}", timeout.Token))!;
            if (job["status"]!.GetValue<string>() is "succeeded" or "failed")
            {
                return job;
            }

            await Task.Delay(250, timeout.Token);
        }
    }

    // Copied next to the test assembly (CI builds map source paths, so the source folder is not known at run time).
    private static string CorpusPath() => Path.Combine(AppContext.BaseDirectory, "Collections", "man-sentences.txt");
}
