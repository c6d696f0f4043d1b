using AiPlatform.Sdk.Training.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiPlatform.Sdk.Training.Tests;

/// <summary>
/// The suite through the SDK's MLflow REST client (Refit over the platform's HTTP pipeline) against the platform's own MLflow API
/// (<c>AddExperimentTracking()</c>) on a real Kestrel port: the client and the server agree on MLflow's wire format.
/// </summary>
public sealed class ServerTrackerTests : ExperimentTrackerSuite, IClassFixture<ServerTrackerTests.MlflowServer>
{
    public ServerTrackerTests(MlflowServer server) => Tracker = server.Client;

    protected override IExperimentTracker Tracker { get; }

    public sealed class MlflowServer : IAsyncLifetime
    {
        private WebApplication? _app;
        private ServiceProvider? _client;

        public Uri BaseAddress { get; private set; } = null!;

        /// <summary>The server's own services (its model deployment, its stores).</summary>
        public IServiceProvider ServerServices => _app!.Services;

        /// <summary>The SDK's services configured against the server (tracker, registry, artifacts).</summary>
        public IServiceProvider ClientServices => _client!;

        public IExperimentTracker Client => _client!.GetRequiredService<IExperimentTracker>();

        public AiPlatform.Sdk.Training.Registry.IModelRegistry Registry => _client!.GetRequiredService<AiPlatform.Sdk.Training.Registry.IModelRegistry>();

        public async Task InitializeAsync()
        {
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            builder.Configuration["AiPlatform:DataPath"] = Directory.CreateTempSubdirectory("aip-mlflow-server-").FullName;
            builder.Configuration["AiPlatform:Server:Authentication:AllowAnonymous"] = "true";
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.AddExperimentTracking();
            builder.AddInferenceProtocol();
            _app = builder.Build();
            _app.UsePlatformSecurity();
            _app.MapPlatformServer();
            await _app.StartAsync();
            BaseAddress = new Uri(_app.Urls.Single().TrimEnd('/') + "/");

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AiPlatform:Training:Tracking:Endpoint"] = BaseAddress.AbsoluteUri,
                ["AiPlatform:Serving:Inference:Endpoint"] = BaseAddress.AbsoluteUri,
                ["AiPlatform:Serving:Inference:Protocol"] = "Rest",
            }).Build();
            var services = new ServiceCollection().AddLogging();
            services.AddAiPlatformCore(configuration).AddTraining().AddServing();
            _client = services.BuildServiceProvider();
        }

        public async Task DisposeAsync()
        {
            await _client!.DisposeAsync();
            await _app!.DisposeAsync();
        }
    }
}
