using AiPlatform.Sdk.Data.Platform.Airflow;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.Airflow;

/// <summary>
/// Behaviour Prism cannot show, against Kestrel fakes that answer with Airflow's bodies (DAGRunResponse, LoginResponse, the 401 of an
/// expired JWT): a run whose state progresses, cancellation while waiting, the JWT cached and fetched again, Basic for Airflow 2.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class AirflowBehaviourTests
{
    [Fact]
    public async Task Waiting_reports_each_state_until_the_run_succeeds()
    {
        string[] states = ["queued", "running", "running", "success"];
        var reads = 0;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/api/v2/dags/{dag}/dagRuns/{run}", () =>
            Json(Run(states[Math.Min(Interlocked.Increment(ref reads), states.Length) - 1]))));
        await using var provider = Build(server, AirflowGeneration.Airflow3, user: false);
        var seen = new List<string>();

        var run = await provider.GetRequiredService<IAirflowClient>()
            .WaitForDagRunAsync("etl", "manual__1", new SynchronousProgress<DagRun>(r => seen.Add(r.State.Value)), TimeSpan.FromMilliseconds(1));

        Assert.Equal(DagRunState.Success, run.State);
        Assert.Equal(states, seen);
    }

    [Fact]
    public async Task Cancelling_while_waiting_stops_polling()
    {
        var reads = 0;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/api/v2/dags/{dag}/dagRuns/{run}", () =>
        {
            Interlocked.Increment(ref reads);
            return Json(Run("running"));
        }));
        await using var provider = Build(server, AirflowGeneration.Airflow3, user: false);
        using var cancellation = new CancellationTokenSource();
        var reported = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.GetRequiredService<IAirflowClient>().WaitForDagRunAsync(
            "etl", "manual__1", new SynchronousProgress<DagRun>(_ =>
            {
                if (++reported == 2)
                {
                    cancellation.Cancel();
                }
            }), TimeSpan.FromMilliseconds(1), cancellation.Token));

        Assert.Equal(2, reported);
        Assert.Equal(2, Volatile.Read(ref reads));
    }

    [Fact]
    public async Task The_jwt_is_reused_and_fetched_again_when_the_server_refuses_it()
    {
        var issued = 0;
        var versionCalls = 0;
        await using var server = await KestrelTestServer.StartAsync(app =>
        {
            app.MapPost("/auth/token", () => Results.Json(new { access_token = TestJwt.Create($"token-{Interlocked.Increment(ref issued)}", DateTimeOffset.UtcNow.AddHours(1)) }, statusCode: 201));
            app.MapGet("/api/v2/version", (HttpRequest request) =>
            {
                // The third call finds the first token revoked, as after a server restart with a new secret.
                var call = Interlocked.Increment(ref versionCalls);
                return call == 3 && Subject(request) == "token-1"
                    ? Results.Json(new { detail = "Invalid JWT token" }, statusCode: 401)
                    : Results.Json(new { version = "3.0.2", git_version = (string?)null });
            });
        });
        await using var provider = Build(server, AirflowGeneration.Airflow3);
        var client = provider.GetRequiredService<IAirflowClient>();

        await client.GetVersionAsync();
        await client.GetVersionAsync();
        var version = await client.GetVersionAsync();

        Assert.Equal("3.0.2", version.Version);
        Assert.Equal(2, issued);
        var login = server.Requests.First(r => r.PathAndQuery == "/auth/token");
        Assert.Equal("""{"username":"admin","password":"admin-password"}""", login.Body);
        var versions = server.Requests.Where(r => r.PathAndQuery == "/api/v2/version").Select(r => TestJwt.SubjectOf(r.Headers["Authorization"])).ToList();
        Assert.Equal(["token-1", "token-1", "token-1", "token-2"], versions);
    }

    [Fact]
    public async Task A_token_about_to_expire_is_not_reused()
    {
        var issued = 0;
        await using var server = await KestrelTestServer.StartAsync(app =>
        {
            app.MapPost("/auth/token", () => Results.Json(new { access_token = TestJwt.Create($"token-{Interlocked.Increment(ref issued)}", DateTimeOffset.UtcNow.AddSeconds(5)) }, statusCode: 201));
            app.MapGet("/api/v2/version", () => Results.Json(new { version = "3.0.2" }));
        });
        await using var provider = Build(server, AirflowGeneration.Airflow3);
        var client = provider.GetRequiredService<IAirflowClient>();

        await client.GetVersionAsync();
        await client.GetVersionAsync();

        Assert.Equal(2, issued);
    }

    [Fact]
    public async Task Airflow_2_gets_basic_credentials_and_detection_falls_back_to_api_v1()
    {
        await using var server = await KestrelTestServer.StartAsync(app =>
            app.MapGet("/api/v1/version", () => Results.Json(new { version = "2.10.5", git_version = "abc" })));
        await using var provider = Build(server, AirflowGeneration.Detect);

        var version = await provider.GetRequiredService<IAirflowClient>().GetVersionAsync();

        Assert.Equal("2.10.5", version.Version);
        Assert.Equal("/api/v2/monitor/health", server.Requests.First().PathAndQuery);
        Assert.Equal(PlatformHost.Basic("admin", "admin-password").ToString(), server.Requests.Last().Headers["Authorization"]);
    }

    [Fact]
    public async Task A_malformed_run_is_a_typed_error()
    {
        await using var server = await KestrelTestServer.StartAsync(app =>
            app.MapGet("/api/v2/dags/{dag}/dagRuns/{run}", () => Results.Text("""{"dag_id":"etl","state":""", "application/json")));
        await using var provider = Build(server, AirflowGeneration.Airflow3, user: false);

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => provider.GetRequiredService<IAirflowClient>().GetDagRunAsync("etl", "manual__1"));

        Assert.Equal("MalformedResponse", error.ErrorCode);
    }

    [Fact]
    public async Task Refused_airflow_credentials_are_unauthorized()
    {
        await using var server = await KestrelTestServer.StartAsync(app =>
            app.MapPost("/auth/token", () => Results.Json(new { detail = "Invalid credentials" }, statusCode: 401)));
        await using var provider = Build(server, AirflowGeneration.Airflow3);

        var error = await Assert.ThrowsAsync<AiPlatformUnauthorizedException>(() => provider.GetRequiredService<IAirflowClient>().GetVersionAsync());

        Assert.Equal("Invalid credentials", error.ServerMessage);
    }

    private static IResult Json(string body) => Results.Text(body, "application/json");

    private static string Run(string state) =>
        $$"""{"dag_run_id":"manual__1","dag_id":"etl","logical_date":null,"queued_at":null,"start_date":null,"end_date":null,"run_after":"2025-06-01T00:00:00Z","run_type":"manual","state":"{{state}}","conf":{},"note":null}""";

    private static string Subject(HttpRequest request) => TestJwt.SubjectOf(request.Headers.Authorization.ToString());

    private static ServiceProvider Build(KestrelTestServer server, AirflowGeneration version, bool user = true) => PlatformHost.Build(
        new Dictionary<string, string?>
        {
            ["DataPlatform:Airflow:Endpoint"] = server.BaseAddress.AbsoluteUri,
            ["DataPlatform:Airflow:Version"] = version.ToString(),
            ["DataPlatform:Airflow:Username"] = user ? "admin" : null,
            ["DataPlatform:Airflow:Password"] = user ? "admin-password" : null,
        },
        p => p.AddAirflow());
}
