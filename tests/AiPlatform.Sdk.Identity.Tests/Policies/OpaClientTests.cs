using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AiPlatform.Sdk.Identity.Policies;
using AiPlatform.Sdk.Identity.Tests.Tokens;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Identity.Tests.Policies;

/// <summary>OPA's Data API (POST /v1/data/{path}) answering the payloads its REST API documentation gives.</summary>
[Trait("Kind", "Contract")]
public sealed class OpaClientTests
{
    private const string Allowed = """{"decision_id":"5c2fdcd6-2ba4-4d4f-8a3a-6e2f6f1f2a11","result":true}""";
    private const string Undefined = "{}";
    private const string Document = """{"result":{"allow":true,"reasons":["owner"]}}""";
    private const string Denied = """{"result":false}""";
    private const string Error = """{"code":"internal_error","message":"1 error occurred: policy.rego:5: eval_conflict_error: complete rules must not produce multiple outputs"}""";

    [Fact]
    public async Task Evaluate_posts_the_input_to_the_data_api_path()
    {
        await using var opa = await StartAsync(Allowed);
        await using var services = Build(opa);

        var decision = await services.GetRequiredService<IPolicyClient>()
            .EvaluateAsync("aiplatform/authz/allow", new JsonObject { ["method"] = "GET", ["roles"] = new JsonArray("reader") });

        var request = Assert.Single(opa.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/data/aiplatform/authz/allow", request.PathAndQuery);
        Assert.Equal("""{"input":{"method":"GET","roles":["reader"]}}""", request.Body);
        Assert.True(decision.IsAllowed);
        Assert.Equal("5c2fdcd6-2ba4-4d4f-8a3a-6e2f6f1f2a11", decision.DecisionId);
    }

    [Theory]
    [InlineData(Allowed, true, true)]
    [InlineData(Document, true, true)]
    [InlineData(Denied, true, false)]
    [InlineData(Undefined, false, false)]
    public async Task Decisions_allow_only_on_an_explicit_true(string answer, bool defined, bool allowed)
    {
        await using var opa = await StartAsync(answer);
        await using var services = Build(opa);

        var decision = await services.GetRequiredService<IPolicyClient>().EvaluateAsync("aiplatform/authz", null);

        Assert.Equal(defined, decision.IsDefined);
        Assert.Equal(allowed, decision.IsAllowed);
    }

    [Fact]
    public async Task A_decision_document_reads_as_a_typed_value()
    {
        await using var opa = await StartAsync(Document);
        await using var services = Build(opa);

        var decision = await services.GetRequiredService<IPolicyClient>().EvaluateAsync("aiplatform/authz", null);
        var typed = decision.As(OpaTestJsonContext.Default.AuthzDecision);

        Assert.Equal(new[] { "owner" }, typed!.Reasons);
        Assert.True(typed.Allow);
    }

    [Fact]
    public async Task An_opa_error_surfaces_with_its_code_and_message()
    {
        await using var opa = await StartAsync(Error, StatusCodes.Status500InternalServerError);
        await using var services = Build(opa, retries: 0);

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => services.GetRequiredService<IPolicyClient>().IsAllowedAsync("x/allow", null));

        Assert.Equal("opa", error.Service);
        Assert.Equal(500, error.StatusCode);
        Assert.Equal("internal_error", error.ErrorCode);
        Assert.Contains("eval_conflict_error", error.ServerMessage, StringComparison.Ordinal);
    }

    private static Task<KestrelTestServer> StartAsync(string answer, int status = StatusCodes.Status200OK) =>
        KestrelTestServer.StartAsync(app =>
        {
            app.MapPost("/v1/data/{**path}", () => Results.Text(answer, "application/json", statusCode: status));
            app.MapGet("/health", () => Results.Text("{}", "application/json"));
        });

    private static ServiceProvider Build(KestrelTestServer opa, int retries = 3) => IdentityTestHost.Build(new()
    {
        ["AiPlatform:Identity:Opa:Endpoint"] = opa.BaseAddress.AbsoluteUri,
        ["AiPlatform:Resilience:MaxRetryAttempts"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}

public sealed record AuthzDecision(
    [property: JsonPropertyName("allow")] bool Allow,
    [property: JsonPropertyName("reasons")] string[] Reasons);

[JsonSerializable(typeof(AuthzDecision))]
internal sealed partial class OpaTestJsonContext : JsonSerializerContext;
