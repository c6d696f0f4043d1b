using System.Net;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.ReferenceHost.Tests.Security;

/// <summary>
/// A host with required reader roles, OPA that fails open and a decision cache: each setting changes what the running host
/// answers. The OPA stand-in fails for the caller's own listing and allows checks.
/// </summary>
public sealed class HostPolicyOptionsTests
{
    [Fact]
    public async Task Reader_roles_opa_fail_open_and_the_decision_cache_take_effect()
    {
        await using var opa = await KestrelTestServer.StartAsync(app =>
        {
            app.MapGet("/health", () => Results.Text("{}", "application/json"));
            app.MapPost("/v1/data/aiplatform/authz/allow", async (HttpContext http) =>
                (await new StreamReader(http.Request.Body).ReadToEndAsync()).Contains("/v1/permissions/mine", StringComparison.Ordinal)
                    ? Results.Text("""{"code":"internal_error","message":"policy failed"}""", "application/json", statusCode: 500)
                    : Results.Text("""{"result":true}""", "application/json"));
        });
        await using var host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AiPlatform:Server:Authentication:ReaderRoles:0"] = "analyst",
            ["AiPlatform:Server:Authentication:Clients:0:ClientId"] = "analyst-app",
            ["AiPlatform:Server:Authentication:Clients:0:ClientSecret"] = "analyst-secret-Rw35",
            ["AiPlatform:Server:Authentication:Clients:0:Roles:0"] = "analyst",
            ["AiPlatform:Server:Authentication:Clients:1:ClientId"] = "plain-app",
            ["AiPlatform:Server:Authentication:Clients:1:ClientSecret"] = "plain-secret-Tz81",
            ["AiPlatform:Identity:Opa:Endpoint"] = opa.BaseAddress.AbsoluteUri,
            ["AiPlatform:Identity:Opa:DenyWhenUnavailable"] = "false",
            ["AiPlatform:Identity:Opa:DecisionCacheDuration"] = "00:10:00",
            ["AiPlatform:Resilience:MaxRetryAttempts"] = "0",
        });
        await using var analyst = new SdkClients(host.BaseAddress, "analyst-app", "analyst-secret-Rw35", host.BaseAddress);
        await using var plain = new SdkClients(host.BaseAddress, "plain-app", "plain-secret-Tz81", host.BaseAddress);
        const string check = "v1/permissions/check?permission=read&objectId=dataset:1";

        using var withoutRole = await plain.Host.GetAsync(check);
        using var firstCheck = await analyst.Host.GetAsync(check);
        using var secondCheck = await analyst.Host.GetAsync(check);
        using var opaFailing = await analyst.Host.GetAsync("v1/permissions/mine");

        Assert.Equal(HttpStatusCode.Forbidden, withoutRole.StatusCode);
        Assert.Equal(HttpStatusCode.OK, firstCheck.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondCheck.StatusCode);
        Assert.Equal(HttpStatusCode.OK, opaFailing.StatusCode);
        Assert.Single(opa.Requests, r => r.Method == "POST" && r.Body.Contains("analyst-app", StringComparison.Ordinal) && r.Body.Contains("/v1/permissions/check", StringComparison.Ordinal));
    }
}
