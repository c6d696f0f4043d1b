using System.Net;
using System.Text;
using AiPlatform.Sdk.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AiPlatform.Sdk.Identity.Tests.Tokens;

public sealed class ClientCredentialsTokenProviderTests
{
    [Fact]
    public async Task Token_is_requested_by_basic_auth_at_the_endpoint_found_through_discovery()
    {
        await using var idp = await FakeOpenIdProvider.StartAsync();
        var settings = IdentityTestHost.ClientCredentials(idp.Authority);
        settings["AiPlatform:Identity:Scopes:0"] = "api.read";
        settings["AiPlatform:Identity:Scopes:1"] = "api.write";
        settings["AiPlatform:Identity:Audience"] = "sdk-api";
        await using var services = IdentityTestHost.Build(settings);

        var token = await services.GetRequiredService<IAccessTokenProvider>().GetTokenAsync();

        var request = Assert.Single(idp.Server.Requests, r => r.Method == "POST");
        Assert.Equal("token-1", token.Value);
        Assert.Contains(idp.Server.Requests, r => r.PathAndQuery == "/realms/test/.well-known/openid-configuration");
        Assert.Equal("/realms/test/protocol/openid-connect/token", request.PathAndQuery);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("orders-app:s3cr3t-value-xyz")), request.Headers["Authorization"]);
        Assert.Equal("grant_type=client_credentials&scope=api.read+api.write&audience=sdk-api", request.Body);
    }

    [Fact]
    public async Task A_keyed_identity_signs_in_as_its_own_client_for_the_client_of_that_name()
    {
        await using var idp = await FakeOpenIdProvider.StartAsync();
        var settings = IdentityTestHost.ClientCredentials(idp.Authority);
        settings["AiPlatform:Identity:api:ClientId"] = "reporting-app";
        settings["AiPlatform:Identity:api:ClientSecret"] = "reporting-secret-42";
        await using var services = IdentityTestHost.Build(settings, apiEndpoint: idp.Server.BaseAddress, keyedIdentity: "api");

        using var response = await services.GetRequiredService<IHttpClientFactory>().CreateClient("api").GetAsync("api/ping");
        var keyed = services.GetRequiredKeyedService<IAccessTokenProvider>("api");

        var tokenRequest = Assert.Single(idp.Server.Requests, r => r.Method == "POST");
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("reporting-app:reporting-secret-42")), tokenRequest.Headers["Authorization"]);
        Assert.Contains(idp.Server.Requests, r => r.PathAndQuery == "/api/ping" && r.Headers.TryGetValue("Authorization", out var bearer) && bearer == "Bearer token-1");
        Assert.NotSame(services.GetRequiredService<IAccessTokenProvider>(), keyed);
    }

    [Fact]
    public async Task Post_authentication_sends_the_credentials_in_the_form()
    {
        await using var idp = await FakeOpenIdProvider.StartAsync();
        await using var services = IdentityTestHost.Build(IdentityTestHost.ClientCredentials(idp.Authority, method: "Post"));

        await services.GetRequiredService<IAccessTokenProvider>().GetTokenAsync();

        var request = Assert.Single(idp.Server.Requests, r => r.Method == "POST");
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.Equal("grant_type=client_credentials&client_id=orders-app&client_secret=s3cr3t-value-xyz", request.Body);
    }

    [Fact]
    public async Task Token_is_reused_until_shortly_before_it_expires()
    {
        await using var idp = await FakeOpenIdProvider.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = IdentityTestHost.Build(IdentityTestHost.ClientCredentials(idp.Authority), time: time);
        var provider = services.GetRequiredService<IAccessTokenProvider>();

        var first = await provider.GetTokenAsync();
        time.Advance(TimeSpan.FromSeconds(230));
        var cached = await provider.GetTokenAsync();
        time.Advance(TimeSpan.FromSeconds(20));
        var renewed = await provider.GetTokenAsync();

        Assert.Equal(first, cached);
        Assert.NotEqual(first.Value, renewed.Value);
        Assert.Equal(2, idp.TokenRequests);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(300), renewed.ExpiresOn);
    }

    [Fact]
    public async Task Two_hundred_concurrent_calls_with_an_expired_token_cause_exactly_one_token_request()
    {
        await using var idp = await FakeOpenIdProvider.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = IdentityTestHost.Build(
            IdentityTestHost.ClientCredentials(idp.Authority), time: time, apiEndpoint: idp.Server.BaseAddress);
        var api = services.GetRequiredService<IHttpClientFactory>().CreateClient("api");
        using (await api.GetAsync("api/ping"))
        {
            // The first call caches token-1.
        }

        time.Advance(TimeSpan.FromMinutes(10));
        idp.TokenDelay = TimeSpan.FromMilliseconds(300);
        var before = idp.TokenRequests;

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => api.GetAsync("api/ping")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, idp.TokenRequests - before);
        Assert.All(
            idp.Server.Requests.Where(r => r.PathAndQuery == "/api/ping").Skip(1),
            r => Assert.Equal("Bearer token-2", r.Headers["Authorization"]));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_401_from_a_platform_service_forces_one_refresh_and_a_resend()
    {
        await using var idp = await FakeOpenIdProvider.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = IdentityTestHost.Build(
            IdentityTestHost.ClientCredentials(idp.Authority), time: time, apiEndpoint: idp.Server.BaseAddress);
        var provider = services.GetRequiredService<IAccessTokenProvider>();
        await provider.GetTokenAsync();
        time.Advance(TimeSpan.FromSeconds(30));
        idp.Accepted["token-2"] = true; // token-1 was revoked at the provider

        using var response = await services.GetRequiredService<IHttpClientFactory>().CreateClient("api").GetAsync("api/ping");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, idp.TokenRequests);
        Assert.Equal(
            ["Bearer token-1", "Bearer token-2"],
            idp.Server.Requests.Where(r => r.PathAndQuery == "/api/ping").Select(r => r.Headers["Authorization"]));
    }

    [Fact]
    public async Task A_forced_refresh_right_after_a_new_token_was_issued_reuses_it()
    {
        await using var idp = await FakeOpenIdProvider.StartAsync();
        await using var services = IdentityTestHost.Build(IdentityTestHost.ClientCredentials(idp.Authority));
        var provider = services.GetRequiredService<IAccessTokenProvider>();

        var first = await provider.GetTokenAsync();
        var forced = await provider.GetTokenAsync(forceRefresh: true);

        Assert.Equal(first, forced);
        Assert.Equal(1, idp.TokenRequests);
    }

    [Fact]
    public async Task A_burst_of_forced_refreshes_for_one_stale_token_fetches_one_new_token()
    {
        await using var idp = await FakeOpenIdProvider.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = IdentityTestHost.Build(IdentityTestHost.ClientCredentials(idp.Authority), time: time);
        var provider = services.GetRequiredService<IAccessTokenProvider>();
        await provider.GetTokenAsync();
        time.Advance(TimeSpan.FromSeconds(30));
        idp.TokenDelay = TimeSpan.FromMilliseconds(200);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => provider.GetTokenAsync(forceRefresh: true).AsTask()));

        Assert.Equal(2, idp.TokenRequests);
        Assert.All(tokens, t => Assert.Equal("token-2", t.Value));
    }

    [Fact]
    public async Task Transient_token_endpoint_failures_are_retried_through_the_pipeline()
    {
        await using var idp = await FakeOpenIdProvider.StartAsync();
        idp.TokenFailures.Enqueue(503);
        await using var services = IdentityTestHost.Build(IdentityTestHost.ClientCredentials(idp.Authority));

        var token = await services.GetRequiredService<IAccessTokenProvider>().GetTokenAsync();

        Assert.Equal("token-1", token.Value);
        Assert.Equal(2, idp.TokenRequests);
    }

    [Fact]
    public async Task Rejected_credentials_surface_as_unauthorized_with_the_provider_message()
    {
        await using var idp = await FakeOpenIdProvider.StartAsync();
        idp.TokenFailures.Enqueue(401);
        await using var services = IdentityTestHost.Build(IdentityTestHost.ClientCredentials(idp.Authority));

        var error = await Assert.ThrowsAsync<AiPlatformUnauthorizedException>(
            async () => await services.GetRequiredService<IAccessTokenProvider>().GetTokenAsync());

        Assert.Equal("identity", error.Service);
        Assert.Equal("invalid_client", error.ErrorCode);
        Assert.Equal("Invalid client or Invalid client credentials", error.ServerMessage);
    }

    [Fact]
    public async Task Secrets_and_tokens_appear_in_no_log_line_exception_or_description()
    {
        const string secret = "very-secret-client-value-4711";
        await using var idp = await FakeOpenIdProvider.StartAsync();
        var logs = new FakeLogCollector();
        await using var services = IdentityTestHost.Build(
            IdentityTestHost.ClientCredentials(idp.Authority, secret), logs, apiEndpoint: idp.Server.BaseAddress);
        var provider = services.GetRequiredService<IAccessTokenProvider>();
        idp.TokenFailures.Enqueue(401);
        var error = await Assert.ThrowsAsync<AiPlatformUnauthorizedException>(async () => await provider.GetTokenAsync());
        var token = await provider.GetTokenAsync();
        using (await services.GetRequiredService<IHttpClientFactory>().CreateClient("api").GetAsync("api/ping"))
        {
            // A call with the token, logged at trace level by the HTTP pipeline.
        }

        var options = services.GetRequiredService<IOptions<IdentitySettings>>().Value;

        var written = logs.GetSnapshot().Select(r => $"{r.Message} {r.Exception}")
            .Append(options.ToString()).Append(token.ToString()).Append(error.ToString()).ToList();

        Assert.NotEmpty(logs.GetSnapshot());
        Assert.DoesNotContain(written, line => line.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(written, line => line.Contains(token.Value, StringComparison.Ordinal));
    }
}
