using AiPlatform.Sdk.AspNetCore.Training;
using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Testing.Onnx;
using AiPlatform.Sdk.Training.Artifacts;
using AiPlatform.Sdk.Training.Registry;
using AiPlatform.Sdk.Training.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Training.Tests;

/// <summary>
/// From the algorithm platform to the model platform, end to end over real HTTP: a run logs an ONNX model as an artifact, the model is
/// registered and aliased, <see cref="ModelDeployment"/> puts <c>name@champion</c> into the inference server's repository, and the SDK's
/// inference client runs it over the Open Inference Protocol — all against one running server, no restart.
/// </summary>
public sealed class RegistryToServingTests(ServerTrackerTests.MlflowServer server) : IClassFixture<ServerTrackerTests.MlflowServer>
{
    [Fact]
    public async Task A_registered_champion_is_deployed_and_served()
    {
        var client = server.ClientServices;
        var tracker = client.GetRequiredService<IExperimentTracker>();
        var name = $"doubler-{Guid.NewGuid():N}"[..20];
        string runId;
        await using (var run = await tracker.StartRunAsync("e2e", "train-identity"))
        {
            runId = run.RunId;
            await client.GetRequiredService<IArtifactRepository>().UploadAsync(
                runId, "model/model.onnx", new MemoryStream(OnnxTestModels.Identity(OnnxTestModels.Float, 1, 4)));
            run.LogMetric("accuracy", 1.0);
        }

        var registry = client.GetRequiredService<IModelRegistry>();
        await registry.CreateRegisteredModelAsync(name);
        var version = await registry.CreateModelVersionAsync(name, $"runs:/{runId}/model", runId);
        await registry.SetAliasAsync(name, "champion", version.Version);

        var deployed = await server.ServerServices.GetRequiredService<ModelDeployment>().DeployAsync($"models:/{name}@champion");
        var inference = client.GetRequiredService<IInferenceClient>();
        var request = new InferenceRequest { ModelName = name, ModelVersion = deployed.Version };
        request.Inputs.Add(InferenceTensor.Create<float>("INPUT", [1.5f, -2f, 0f, 8f], 1, 4));
        var response = await inference.InferAsync(request);

        Assert.Equal(version.Version, deployed.Version);
        Assert.True(await inference.IsModelReadyAsync(name, deployed.Version));
        Assert.Equal([1.5f, -2f, 0f, 8f], response.Outputs.Single(o => o.Name == "OUTPUT").ToArray<float>());
    }

    [Fact]
    public async Task Deploying_an_unknown_alias_is_not_found()
    {
        var registry = server.ClientServices.GetRequiredService<IModelRegistry>();
        var name = $"empty-{Guid.NewGuid():N}"[..20];
        await registry.CreateRegisteredModelAsync(name);

        var error = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() =>
            server.ServerServices.GetRequiredService<ModelDeployment>().DeployAsync($"{name}@champion"));

        Assert.Equal("RESOURCE_DOES_NOT_EXIST", error.ErrorCode);
    }
}
