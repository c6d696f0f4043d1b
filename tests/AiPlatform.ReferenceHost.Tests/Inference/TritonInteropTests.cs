using System.Net;
using System.Text;
using System.Text.Json;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.ReferenceHost.Tests.Inference;

/// <summary>
/// Requests shaped as Triton's own clients send them, against a repository with one good model and one whose file is not a model.
/// Bodies go without a <c>Content-Type</c>, as <c>tritonclient.http</c> sends them (geventhttpclient sets none).
/// </summary>
public sealed class TritonInteropTests : IAsyncLifetime
{
    private readonly string _repository = Directory.CreateTempSubdirectory("aiplatform-models-").FullName;
    private ReferenceHostProcess _host = null!;

    public async Task InitializeAsync()
    {
        OnnxIdentityModel.Write(_repository, "good", "FP32", -1);
        OnnxIdentityModel.Write(_repository, "triton_configured", "FP32", -1, 4);
        foreach (var version in new[] { "2", "3" })
        {
            Directory.CreateDirectory(Path.Combine(_repository, "triton_configured", version));
            File.Copy(Path.Combine(_repository, "triton_configured", "1", "model.onnx"), Path.Combine(_repository, "triton_configured", version, "model.onnx"));
        }

        // Written as Triton's documentation writes them (protobuf text format), with a section this server does not know.
        await File.WriteAllTextAsync(Path.Combine(_repository, "triton_configured", "config.pbtxt"), """
            name: "triton_configured"
            platform: "onnxruntime_onnx"
            max_batch_size: 8   # the batch dimension is left out of dims
            input [ { name: "INPUT", data_type: TYPE_FP32, dims: [ 4 ] } ]
            output [
              {
                name: "OUTPUT"
                data_type: TYPE_FP32
                dims: [ 4 ]
              }
            ]
            version_policy: { specific: { versions: [ 1, 3 ] } }
            instance_group [ { count: 2, kind: KIND_CPU } ]
            dynamic_batching { preferred_batch_size: [ 4, 8 ] max_queue_delay_microseconds: 100 }
            optimization { execution_accelerators { cpu_execution_accelerator: [ { name: "openvino" } ] } }
            parameters { key: "max_sequence_length" value: { string_value: "16" } }
            """);
        OnnxIdentityModel.Write(_repository, "batch_only", "FP32", -1, 4);
        await File.WriteAllTextAsync(Path.Combine(_repository, "batch_only", "config.pbtxt"), "max_batch_size: 4\n");
        OnnxIdentityModel.Write(_repository, "misconfigured", "FP32", -1);
        await File.WriteAllTextAsync(Path.Combine(_repository, "misconfigured", "config.pbtxt"), "max_batch_size: 4\ninput [ { name: \"INPUT\" data_type: TYPE_FLOAT99 } ]\n");
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
        using var index = await _host.Client.PostAsync("v2/repository/index", TritonBody("{}"));
        using var indexJson = JsonDocument.Parse(await index.Content.ReadAsStringAsync());
        using var modelReady = await _host.Client.GetAsync("v2/models/broken/ready");
        using var serverReady = await _host.Client.GetAsync("v2/health/ready");
        using var infer = await _host.Client.PostAsync("v2/models/broken/infer",
            TritonBody("""{"inputs":[{"name":"INPUT","shape":[1],"datatype":"FP32","data":[1.0]}]}"""));

        var broken = indexJson.RootElement.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "broken");
        Assert.Equal("UNAVAILABLE", broken.GetProperty("state").GetString());
        Assert.Contains("failed to load", broken.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, modelReady.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, serverReady.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, infer.StatusCode);
        Assert.Contains("failed to load", await infer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_pbtxt_configures_the_model_as_triton_reads_it()
    {
        using var config = JsonDocument.Parse(await _host.Client.GetStringAsync("v2/models/triton_configured/config"));
        using var metadata = JsonDocument.Parse(await _host.Client.GetStringAsync("v2/models/triton_configured"));
        using var version2 = await _host.Client.GetAsync("v2/models/triton_configured/versions/2");
        using var tooBig = await _host.Client.PostAsync("v2/models/triton_configured/infer", TritonBody(
            $$"""{"inputs":[{"name":"INPUT","shape":[9,4],"datatype":"FP32","data":[{{string.Join(',', Enumerable.Repeat("1.0", 36))}}]}]}"""));

        var root = config.RootElement;
        Assert.Equal(8, root.GetProperty("max_batch_size").GetInt32());
        Assert.Equal([4L], root.GetProperty("input")[0].GetProperty("dims").EnumerateArray().Select(d => d.GetInt64()));
        Assert.Equal("KIND_CPU", root.GetProperty("instance_group")[0].GetProperty("kind").GetString());
        Assert.Equal(2, root.GetProperty("instance_group")[0].GetProperty("count").GetInt32());
        Assert.Equal([4, 8], root.GetProperty("dynamic_batching").GetProperty("preferred_batch_size").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal("16", root.GetProperty("parameters").GetProperty("max_sequence_length").GetProperty("string_value").GetString());
        Assert.Equal(["1", "3"], metadata.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, version2.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        using var error = JsonDocument.Parse(await tooBig.Content.ReadAsStringAsync());
        Assert.Contains("must be <= 8", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batching_model_reports_dims_without_the_batch_dimension()
    {
        using var config = JsonDocument.Parse(await _host.Client.GetStringAsync("v2/models/batch_only/config"));

        Assert.Equal(4, config.RootElement.GetProperty("max_batch_size").GetInt32());
        Assert.Equal([4L], config.RootElement.GetProperty("input")[0].GetProperty("dims").EnumerateArray().Select(d => d.GetInt64()));
    }

    [Fact]
    public async Task A_malformed_config_pbtxt_makes_the_model_unavailable_naming_the_line()
    {
        using var ready = await _host.Client.GetAsync("v2/models/misconfigured/ready");
        using var index = JsonDocument.Parse(await (await _host.Client.PostAsync("v2/repository/index", content: null)).Content.ReadAsStringAsync());

        var entry = index.RootElement.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "misconfigured");
        Assert.Equal(HttpStatusCode.BadRequest, ready.StatusCode);
        Assert.Equal("UNAVAILABLE", entry.GetProperty("state").GetString());
        Assert.Contains("invalid config.pbtxt: line 2", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("TYPE_FLOAT99", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_load_with_a_config_override_applies_it_until_the_next_plain_load()
    {
        static ByteArrayContent Batch(int rows) => TritonBody(
            $$"""{"inputs":[{"name":"INPUT","shape":[{{rows}},4],"datatype":"FP32","data":[{{string.Join(',', Enumerable.Repeat("1.0", rows * 4))}}]}]}""");
        var overrideBody = JsonSerializer.Serialize(new { parameters = new { config = """{"max_batch_size": 2}""" } });

        using var overridden = await _host.Client.PostAsync("v2/repository/models/batch_only/load", TritonBody(overrideBody));
        using var refused = await _host.Client.PostAsync("v2/models/batch_only/infer", Batch(3));
        using var plain = await _host.Client.PostAsync("v2/repository/models/batch_only/load", content: null);
        using var accepted = await _host.Client.PostAsync("v2/models/batch_only/infer", Batch(3));
        using var files = await _host.Client.PostAsync("v2/repository/models/batch_only/load",
            TritonBody("""{"parameters": {"file:1/model.onnx": "AAAA"}}"""));
        using var badConfig = await _host.Client.PostAsync("v2/repository/models/batch_only/load",
            TritonBody("""{"parameters": {"config": "max_batch_size: 2"}}"""));

        Assert.Equal(HttpStatusCode.OK, overridden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("must be <= 2", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, files.StatusCode);
        Assert.Contains("file:1/model.onnx", await files.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badConfig.StatusCode);
        Assert.Contains("config override", await badConfig.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_input_is_named_with_the_model_as_triton_names_it()
    {
        using var response = await _host.Client.PostAsync("v2/models/good/infer", TritonBody("""{"inputs":[]}"""));
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("expected 1 inputs but got 0 inputs for model 'good'", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("missing required input(s) ['INPUT']", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static ByteArrayContent TritonBody(string json) => new(Encoding.UTF8.GetBytes(json));
}
