using System.Net;
using System.Text.Json;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.ReferenceHost.Tests.Inference;

/// <summary>
/// Requests shaped as Triton's own clients send them, against a repository with one good model and one whose file is not a model.
/// </summary>
public sealed class TritonInteropTests : IAsyncLifetime
{
    private readonly string _repository = Directory.CreateTempSubdirectory("aiplatform-models-").FullName;
    private ReferenceHostProcess _host = null!;

    public async Task InitializeAsync()
    {
        OnnxIdentityModel.Write(_repository, "good", "FP32", -1);
        Directory.CreateDirectory(Path.Combine(_repository, "broken", "1"));
        await File.WriteAllTextAsync(Path.Combine(_repository, "broken", "1", "model.onnx"), "this is not an ONNX model");
        _host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AiPlatform:Server:Authentication:AllowAnonymous"] = "true",
            ["AiPlatform:Server:Inference:ModelRepository"] = _repository,
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_repository, recursive: true);
    }

    [Fact]
    public async Task The_repository_index_accepts_an_empty_body_as_tritonclient_sends_it()
    {
        using var response = await _host.Client.PostAsync("v2/repository/index", content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"good\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_that_fails_to_load_is_unavailable_with_the_reason_everywhere()
    {
        using var index = await _host.Client.PostAsync("v2/repository/index", new StringContent("{}"));
        using var indexJson = JsonDocument.Parse(await index.Content.ReadAsStringAsync());
        using var modelReady = await _host.Client.GetAsync("v2/models/broken/ready");
        using var serverReady = await _host.Client.GetAsync("v2/health/ready");
        using var infer = await _host.Client.PostAsync("v2/models/broken/infer",
            new StringContent("""{"inputs":[{"name":"INPUT","shape":[1],"datatype":"FP32","data":[1.0]}]}"""));

        var broken = indexJson.RootElement.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "broken");
        Assert.Equal("UNAVAILABLE", broken.GetProperty("state").GetString());
        Assert.Contains("failed to load", broken.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, modelReady.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, serverReady.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, infer.StatusCode);
        Assert.Contains("failed to load", await infer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
