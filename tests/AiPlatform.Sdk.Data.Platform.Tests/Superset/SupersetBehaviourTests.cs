using System.Net;
using AiPlatform.Sdk.Data.Platform.Superset;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.Superset;

/// <summary>
/// Behaviour Prism cannot show, against a Kestrel fake that behaves as Superset with Flask-WTF's CSRF protection (superset#18062): a write
/// needs the bearer token, the <c>X-CSRFToken</c> header and the session cookie that token belongs to. Also the refresh token, paging
/// with rison <c>q</c>, and malformed answers.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class SupersetBehaviourTests
{
    [Fact]
    public async Task A_write_carries_the_csrf_token_and_its_session_cookie()
    {
        var fake = new SupersetFake();
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);

        var token = await provider.GetRequiredService<ISupersetClient>().CreateGuestTokenAsync(
            new SupersetGuestTokenRequest { Username = "alice", DashboardIds = ["abc"], RowLevelFilters = ["region = 'EU'"] });

        Assert.Equal("guest-for-alice", token);
        var write = server.Requests.Single(r => r.PathAndQuery == "/api/v1/security/guest_token/");
        Assert.Equal("csrf-1", write.Headers["X-CSRFToken"]);
        Assert.Equal("session=s-1", write.Headers["Cookie"]);
        Assert.Equal("Bearer access-1", write.Headers["Authorization"]);
        Assert.Equal(
            """{"user":{"username":"alice","first_name":"","last_name":""},"resources":[{"type":"dashboard","id":"abc"}],"rls":[{"clause":"region = \u0027EU\u0027"}]}""",
            write.Body);
        Assert.Equal("""{"username":"admin","password":"admin-password","provider":"db","refresh":true}""", server.Requests.First().Body);
    }

    [Fact]
    public async Task A_bearer_token_alone_is_refused_by_the_fake_as_by_superset()
    {
        var fake = new SupersetFake();
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        (await http.PostAsync("api/v1/security/login", new StringContent("{}"))).Dispose(); // issues access-1
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/security/guest_token/") { Content = new StringContent("{}") };
        request.Headers.Authorization = new("Bearer", "access-1");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The CSRF token is missing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_csrf_session_is_renewed_once()
    {
        var fake = new SupersetFake { ExpireFirstSession = true };
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);

        var token = await provider.GetRequiredService<ISupersetClient>().CreateGuestTokenAsync(new SupersetGuestTokenRequest { Username = "bob", DashboardIds = ["abc"] });

        Assert.Equal("guest-for-bob", token);
        Assert.Equal(["session=s-1", "session=s-2"],
            server.Requests.Where(r => r.PathAndQuery == "/api/v1/security/guest_token/").Select(r => r.Headers["Cookie"]));
    }

    [Fact]
    public async Task A_dashboard_zip_is_imported_as_form_data_with_overwrite_and_passwords_under_csrf()
    {
        var fake = new SupersetFake();
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);

        await provider.GetRequiredService<ISupersetClient>().ImportDashboardsAsync(
            new MemoryStream("PK-zip"u8.ToArray()), overwrite: true, new Dictionary<string, string> { ["databases/examples.yaml"] = "db-password" });

        Assert.Equal("""PK-zip overwrite=true passwords={"databases/examples.yaml":"db-password"}""", Assert.Single(fake.Imports));
        var import = server.Requests.Single(r => r.PathAndQuery == "/api/v1/dashboard/import/");
        Assert.Equal(("csrf-1", "session=s-1"), (import.Headers["X-CSRFToken"], import.Headers["Cookie"]));
        Assert.Contains("Content-Disposition: form-data; name=\"formData\"; filename=\"dashboards.zip\"", import.Body, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/zip", import.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_refused_for_an_expired_csrf_session_is_not_resent_and_the_next_one_carries_a_new_token()
    {
        var fake = new SupersetFake { ExpireFirstSession = true };
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);
        var client = provider.GetRequiredService<ISupersetClient>();

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() => client.ImportDashboardsAsync(new MemoryStream("PK-first"u8.ToArray())));
        await client.ImportDashboardsAsync(new MemoryStream("PK-second"u8.ToArray()));

        Assert.Contains("CSRF session token is missing", error.Message, StringComparison.Ordinal);
        Assert.Equal(["PK-second overwrite=false passwords={}"], fake.Imports);
        Assert.Equal(["session=s-1", "session=s-2"],
            server.Requests.Where(r => r.PathAndQuery == "/api/v1/dashboard/import/").Select(r => r.Headers["Cookie"]));
    }

    [Fact]
    public async Task An_expired_access_token_is_renewed_with_the_refresh_token()
    {
        var fake = new SupersetFake { RevokeFirstAccessToken = true };
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server);

        var charts = await provider.GetRequiredService<ISupersetClient>().ListChartsAsync().ToListAsync();

        Assert.Equal(4, Assert.Single(charts).Id);
        Assert.Equal("Bearer refresh-1", server.Requests.Single(r => r.PathAndQuery == "/api/v1/security/refresh").Headers["Authorization"]);
        Assert.Single(server.Requests, r => r.PathAndQuery == "/api/v1/security/login");
        Assert.Equal(["Bearer access-1", "Bearer access-2"], server.Requests.Where(r => r.PathAndQuery.StartsWith("/api/v1/chart/", StringComparison.Ordinal)).Select(r => r.Headers["Authorization"]));
    }

    [Fact]
    public async Task Listings_page_with_rison()
    {
        var fake = new SupersetFake();
        await using var server = await KestrelTestServer.StartAsync(fake.Map);
        await using var provider = Build(server, pageSize: 2);

        var dashboards = await provider.GetRequiredService<ISupersetClient>().ListDashboardsAsync().ToListAsync();

        Assert.Equal([1, 2, 3], dashboards.Select(d => d.Id));
        Assert.Equal(["(page:0,page_size:2)", "(page:1,page_size:2)"], fake.DashboardQueries);
    }

    [Fact]
    public async Task A_login_without_an_access_token_is_a_malformed_response()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/api/v1/security/login", () => Results.Json(new { message = "ok" })));
        await using var provider = Build(server);

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => provider.GetRequiredService<ISupersetClient>().ListChartsAsync().ToListAsync().AsTask());

        Assert.Equal("MalformedResponse", error.ErrorCode);
    }

    [Fact]
    public async Task Refused_credentials_are_unauthorized()
    {
        await using var server = await KestrelTestServer.StartAsync(app =>
            app.MapPost("/api/v1/security/login", () => Results.Json(new { message = "Not authorized" }, statusCode: 401)));
        await using var provider = Build(server);

        var error = await Assert.ThrowsAsync<AiPlatformUnauthorizedException>(() => provider.GetRequiredService<ISupersetClient>().ListChartsAsync().ToListAsync().AsTask());

        Assert.Equal("Not authorized", error.ServerMessage);
    }

    private static ServiceProvider Build(KestrelTestServer server, int pageSize = 100) => PlatformHost.Build(
        new Dictionary<string, string?>
        {
            ["DataPlatform:Superset:Endpoint"] = server.BaseAddress.AbsoluteUri,
            ["DataPlatform:Superset:Username"] = "admin",
            ["DataPlatform:Superset:Password"] = "admin-password",
            ["DataPlatform:Superset:PageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        p => p.AddSuperset());

    /// <summary>
    /// Superset with Flask-WTF: the CSRF token of a session is valid only with that session's cookie; access tokens are opaque
    /// (<c>access-N</c>, so the client cannot see their expiry and reuses them until refused).
    /// </summary>
    private sealed class SupersetFake
    {
        private readonly HashSet<string> _validAccess = [];
        private readonly Dictionary<string, string> _csrfBySession = [];
        private int _sessions;
        private int _access;

        public bool ExpireFirstSession { get; init; }

        public bool RevokeFirstAccessToken { get; init; }

        public List<string> DashboardQueries { get; } = [];

        public List<string> Imports { get; } = [];

        public void Map(WebApplication app)
        {
            app.MapPost("/api/v1/security/login", () => Results.Json(new { access_token = NewAccess(), refresh_token = "refresh-1" }));
            app.MapPost("/api/v1/security/refresh", (HttpRequest r) => r.Headers.Authorization == "Bearer refresh-1"
                ? Results.Json(new { access_token = NewAccess() })
                : Results.Json(new { msg = "Token has expired" }, statusCode: 401));
            app.MapGet("/api/v1/security/csrf_token/", (HttpContext c) =>
            {
                if (!Authorized(c.Request))
                {
                    return Unauthorized();
                }

                var session = $"s-{++_sessions}";
                _csrfBySession[session] = $"csrf-{_sessions}";
                c.Response.Headers.SetCookie = $"session={session}; HttpOnly; Path=/; SameSite=Lax";
                return Results.Json(new { result = _csrfBySession[session] });
            });
            app.MapPost("/api/v1/security/guest_token/", async (HttpRequest r) =>
            {
                if (Refused(r) is { } refused)
                {
                    return refused;
                }

                using var body = await System.Text.Json.JsonDocument.ParseAsync(r.Body);
                return Results.Json(new { token = "guest-for-" + body.RootElement.GetProperty("user").GetProperty("username").GetString() });
            });
            app.MapPost("/api/v1/dashboard/import/", async (HttpRequest r) =>
            {
                if (Refused(r) is { } refused)
                {
                    return refused;
                }

                var form = await r.ReadFormAsync();
                using var zip = new MemoryStream();
                await form.Files["formData"]!.CopyToAsync(zip);
                Imports.Add($"{System.Text.Encoding.UTF8.GetString(zip.ToArray())} overwrite={form["overwrite"]} passwords={form["passwords"]}");
                return Results.Json(new { message = "OK" });
            });
            app.MapGet("/api/v1/chart/", (HttpRequest r) => Authorized(r)
                ? Results.Json(new { count = 1, ids = new[] { 4 }, result = new[] { new { id = 4, slice_name = "Revenue" } } })
                : Unauthorized());
            app.MapGet("/api/v1/dashboard/", (HttpRequest r, string q) =>
            {
                DashboardQueries.Add(q);
                return Results.Json(q.StartsWith("(page:0", StringComparison.Ordinal)
                    ? new { count = 3, result = new object[] { new { id = 1 }, new { id = 2 } } }
                    : new { count = 3, result = new object[] { new { id = 3 } } });
            });
        }

        // Flask-WTF's refusals of a write: no bearer token, no CSRF token, or a token that is not the session cookie's.
        private IResult? Refused(HttpRequest r)
        {
            if (!Authorized(r))
            {
                return Unauthorized();
            }

            var session = r.Cookies["session"];
            if (!r.Headers.TryGetValue("X-CSRFToken", out var csrf))
            {
                return Results.Json(new { errors = new[] { new { message = "400 Bad Request: The CSRF token is missing.", error_type = "GENERIC_BACKEND_ERROR" } } }, statusCode: 400);
            }

            return session is null || !_csrfBySession.TryGetValue(session, out var expected) || expected != csrf || (ExpireFirstSession && session == "s-1")
                ? Results.Json(new { errors = new[] { new { message = "400 Bad Request: The CSRF session token is missing.", error_type = "GENERIC_BACKEND_ERROR" } } }, statusCode: 400)
                : null;
        }

        private string NewAccess()
        {
            var token = $"access-{++_access}";
            if (!(RevokeFirstAccessToken && _access == 1))
            {
                _validAccess.Add(token);
            }

            return token;
        }

        private bool Authorized(HttpRequest request) =>
            request.Headers.Authorization.ToString() is { } h && h.StartsWith("Bearer ", StringComparison.Ordinal) && _validAccess.Contains(h["Bearer ".Length..]);

        private static IResult Unauthorized() => Results.Json(new { msg = "Token has expired" }, statusCode: 401);
    }
}
