using System.Text;
using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Training.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Training.Tests;

/// <summary>
/// HTTP Basic authentication to an MLflow server (its <c>basic-auth</c> app, as <c>MLFLOW_TRACKING_USERNAME</c>/<c>PASSWORD</c> set it),
/// against a Kestrel fake that answers 401 without the right credentials, as MLflow's auth app does. Contract test.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class TrackingBasicAuthTests : IAsyncLifetime
{
    private static readonly string Expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret"));
    private KestrelTestServer _server = null!;

    public async Task InitializeAsync() => _server = await KestrelTestServer.StartAsync(app =>
        app.MapGet("/api/2.0/mlflow/experiments/get", (HttpRequest request, string experiment_id) => request.Headers.Authorization == Expected
            ? Results.Json(new { experiment = new { experiment_id, name = "churn", lifecycle_stage = "active" } })
            : Results.Text("You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html", statusCode: 401)));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Configured_credentials_are_sent_as_basic_authentication()
    {
        using var services = Build(("Username", "alice"), ("Password", "s3cret"));

        var experiment = await services.GetRequiredService<IExperimentTracker>().GetExperimentAsync("7");

        Assert.Equal("churn", experiment.Name);
        Assert.Equal(Expected, _server.Requests.Last().Headers["Authorization"]);
    }

    [Fact]
    public async Task Wrong_credentials_are_unauthorized_and_a_password_without_a_user_fails_validation_naming_the_key()
    {
        using var wrong = Build(("Username", "alice"), ("Password", "guess"));
        using var invalid = Build(("Password", "s3cret"));

        await Assert.ThrowsAsync<AiPlatformUnauthorizedException>(() => wrong.GetRequiredService<IExperimentTracker>().GetExperimentAsync("7"));
        Assert.Contains("AiPlatform:Training:Tracking:Username", Assert.Throws<OptionsValidationException>(() => invalid.GetRequiredService<IExperimentTracker>()).Message);
    }

    private ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["AiPlatform:Training:Tracking:Endpoint"] = _server.BaseAddress.ToString(),
            ["AiPlatform:Training:Tracking:Authenticate"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            values[$"AiPlatform:Training:Tracking:{key}"] = value;
        }

        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).AddTraining();
        return services.BuildServiceProvider();
    }
}
