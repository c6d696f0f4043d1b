using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AiPlatform.ReferenceHost.Tests.Security;

namespace AiPlatform.ReferenceHost.Tests.AspNetCore;

/// <summary>The OpenAPI document that <c>MapPlatformServer()</c> serves at <c>/openapi/v1.json</c>, read from the running host.</summary>
public sealed class OpenApiDocumentTests(EmbeddedIssuerHostFixture fixture) : IClassFixture<EmbeddedIssuerHostFixture>
{
    [Fact]
    public async Task Anonymous_callers_get_a_document_that_describes_every_mapped_family()
    {
        var document = await ReadDocumentAsync();

        Assert.StartsWith("3.", (string)document["openapi"]!, StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        Assert.Contains("/v1/objects/{bucket}/{key}", paths);
        Assert.Contains("/v1/events/{topic}", paths);
        Assert.Contains("/v1/embeddings", paths);
        Assert.Contains("/v2/models/{model}/infer", paths);
        Assert.Contains("/v1/collections/{name}/search", paths);
        Assert.Contains("/v1/jobs/{id}", paths);
        Assert.Contains("/v1/permissions", paths);
    }

    [Fact]
    public async Task Operations_that_need_a_caller_name_the_bearer_scheme_and_answer_problems()
    {
        var document = await ReadDocumentAsync();

        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal("http", (string)scheme["type"]!);
        Assert.Equal("bearer", (string)scheme["scheme"]!);
        var embeddings = document["paths"]!["/v1/embeddings"]!["post"]!;
        Assert.Contains(embeddings["security"]!.AsArray(), r => r!.AsObject().ContainsKey("Bearer"));
        foreach (var status in new[] { "400", "401", "403", "500" })
        {
            Assert.Equal("#/components/schemas/ProblemDetails",
                (string)embeddings["responses"]![status]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!);
        }

        Assert.NotNull(document["components"]!["schemas"]!["ProblemDetails"]!["properties"]!["detail"]);
        var infer = document["paths"]!["/v2/models/{model}/infer"]!["post"]!["responses"]!;
        Assert.Equal("#/components/schemas/InferenceError", (string)infer["400"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        Assert.Equal("#/components/schemas/ProblemDetails", (string)infer["401"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!);
        var job = document["paths"]!["/v1/jobs/{id}"]!["get"]!;
        Assert.NotNull(job["responses"]!["401"]);
        Assert.Null(job["responses"]!["400"]);
    }

    [Fact]
    public async Task Operations_that_read_a_json_body_document_415_and_raw_uploads_do_not()
    {
        var paths = (await ReadDocumentAsync())["paths"]!;

        Assert.Equal("#/components/schemas/ProblemDetails",
            (string)paths["/v1/embeddings"]!["post"]!["responses"]!["415"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!);
        Assert.NotNull(paths["/v2/models/{model}/infer"]!["post"]!["responses"]!["415"]);
        Assert.NotNull(paths["/v1/collections"]!["post"]!["responses"]!["415"]);
        Assert.Null(paths["/v1/objects/{bucket}/{key}"]!["put"]!["responses"]!["415"]);
    }

    [Fact]
    public async Task The_documented_examples_are_requests_the_server_accepts()
    {
        var document = await ReadDocumentAsync();
        var example = document["paths"]!["/v1/embeddings"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!;
        var infer = document["paths"]!["/v2/models/{model}/infer"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!;
        Assert.Equal("FP32", (string)infer["inputs"]![0]!["datatype"]!);

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/embeddings")
        {
            Content = new StringContent(example.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Forge(
            TestTokens.Claims(fixture.Issuer, "aiplatform", DateTimeOffset.UtcNow, null, "aiplatform-writer")));
        using var response = await fixture.Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(example["input"]!.AsArray().Count, body["data"]!.AsArray().Count);
    }

    private async Task<JsonNode> ReadDocumentAsync()
    {
        using var response = await fixture.Host.Client.GetAsync("openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
