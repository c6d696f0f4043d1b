using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Serving.Tests.Inference;

/// <summary>
/// The REST transport against a server answering with the Open Inference Protocol's documented payloads (KServe v2 REST
/// specification, Triton's binary tensor data, model configuration, statistics and repository extensions).
/// </summary>
[Trait("Kind", "Contract")]
public sealed class InferenceRestContractTests
{
    // The model metadata example of the protocol's REST specification, reduced to the two inputs of its inference example.
    private const string ModelMetadataJson = """
        { "name" : "mymodel", "versions" : [ "1", "2" ], "platform" : "tensorflow_graphdef",
          "inputs" : [ { "name" : "input0", "datatype" : "UINT32", "shape" : [ 2, 2 ] },
                       { "name" : "input1", "datatype" : "BOOL", "shape" : [ 3 ] } ],
          "outputs" : [ { "name" : "output0", "datatype" : "FP32", "shape" : [ -1, 2 ] } ] }
        """;

    // The inference response example of the specification.
    private const string InferResponseJson = """
        { "id" : "42", "outputs" : [ { "name" : "output0", "shape" : [ 3, 2 ], "datatype" : "FP32", "data" : [ 1.0, 1.1, 2.0, 2.1, 3.0, 3.1 ] } ] }
        """;

    [Fact]
    public async Task Infer_as_json_sends_the_documented_request_and_reads_the_documented_response()
    {
        await using var server = await StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(InferResponseJson);
        });
        await using var services = InferenceTestClients.Create(server.BaseAddress, InferenceProtocol.Rest, s => s.BinaryData = false);
        var client = services.GetRequiredService<IInferenceClient>();

        var response = await client.InferAsync(DocumentedRequest());

        var sent = server.Requests.Single(r => r.PathAndQuery == "/v2/models/mymodel/infer");
        using var body = JsonDocument.Parse(sent.Body);
        var inputs = body.RootElement.GetProperty("inputs");
        Assert.Equal("42", body.RootElement.GetProperty("id").GetString());
        Assert.Equal("UINT32", inputs[0].GetProperty("datatype").GetString());
        Assert.Equal([2, 2], inputs[0].GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([1u, 2, 3, 4], inputs[0].GetProperty("data").EnumerateArray().Select(e => e.GetUInt32()));
        Assert.Equal([true, false, true], inputs[1].GetProperty("data").EnumerateArray().Select(e => e.GetBoolean()));
        Assert.Equal("output0", body.RootElement.GetProperty("outputs")[0].GetProperty("name").GetString());
        Assert.False(sent.Headers.ContainsKey(InferenceRestCodec.HeaderContentLengthName));
        Assert.Equal("42", response.Id);
        Assert.Equal([3L, 2], response.GetOutput("output0").Shape);
        Assert.Equal([1.0f, 1.1f, 2.0f, 2.1f, 3.0f, 3.1f], response.GetOutput("output0").ToArray<float>());
    }

    [Fact]
    public async Task Infer_by_default_uses_the_binary_tensor_data_extension()
    {
        byte[]? received = null;
        string? headerLength = null;
        await using var server = await StartAsync(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            received = buffer.ToArray();
            headerLength = context.Request.Headers[InferenceRestCodec.HeaderContentLengthName];
            var json = Encoding.UTF8.GetBytes(
                """{"model_name":"mymodel","model_version":"1","outputs":[{"name":"output0","datatype":"FP32","shape":[1,2],"parameters":{"binary_data_size":8}}]}""");
            var data = new byte[8];
            BinaryPrimitives.WriteSingleLittleEndian(data, 0.5f);
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), -2f);
            context.Response.ContentType = "application/octet-stream";
            context.Response.Headers[InferenceRestCodec.HeaderContentLengthName] = json.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.Body.WriteAsync(json);
            await context.Response.Body.WriteAsync(data);
        });
        await using var services = InferenceTestClients.Create(server.BaseAddress, InferenceProtocol.Rest);
        var client = services.GetRequiredService<IInferenceClient>();

        var response = await client.InferAsync(DocumentedRequest());

        Assert.NotNull(received);
        var jsonLength = int.Parse(headerLength!, System.Globalization.CultureInfo.InvariantCulture);
        using var header = JsonDocument.Parse(received.AsMemory(0, jsonLength));
        var inputs = header.RootElement.GetProperty("inputs");
        Assert.Equal(16, inputs[0].GetProperty("parameters").GetProperty("binary_data_size").GetInt32());
        Assert.Equal(3, inputs[1].GetProperty("parameters").GetProperty("binary_data_size").GetInt32());
        Assert.False(inputs[0].TryGetProperty("data", out _));
        Assert.True(header.RootElement.GetProperty("outputs")[0].GetProperty("parameters").GetProperty("binary_data").GetBoolean());
        Assert.Equal(jsonLength + 16 + 3, received.Length);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(received.AsSpan(jsonLength)));
        Assert.Equal([1, 0, 1], received[(jsonLength + 16)..]);
        Assert.Equal([0.5f, -2f], response.GetOutput("output0").ToArray<float>());
        Assert.Equal("1", response.ModelVersion);
    }

    [Fact]
    public async Task Inputs_that_do_not_fit_the_model_metadata_fail_before_anything_is_sent()
    {
        await using var server = await StartAsync(_ => Task.CompletedTask);
        await using var services = InferenceTestClients.Create(server.BaseAddress, InferenceProtocol.Rest);
        var client = services.GetRequiredService<IInferenceClient>();
        var request = new InferenceRequest { ModelName = "mymodel", Inputs = { InferenceTensor.Create<uint>("input0", [1, 2, 3], 3) } };

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() => client.InferAsync(request));

        Assert.Contains("[2,2]", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Requests, r => r.PathAndQuery.EndsWith("/infer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_protocol_error_becomes_a_validation_exception_with_the_server_message()
    {
        await using var server = await StartAsync(async context =>
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("""{"error":"unexpected shape for input 'input0' for model 'mymodel'"}""");
        });
        await using var services = InferenceTestClients.Create(server.BaseAddress, InferenceProtocol.Rest, s => s.ValidateShapes = false);
        var client = services.GetRequiredService<IInferenceClient>();

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() => client.InferAsync(DocumentedRequest()));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("unexpected shape for input 'input0' for model 'mymodel'", error.ServerMessage);
        Assert.Single(server.Requests, r => r.PathAndQuery.EndsWith("/infer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unavailable_server_is_retried_and_other_failures_are_not()
    {
        var attempts = 0;
        await using var server = await StartAsync(async context =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                context.Response.StatusCode = 503;
                return;
            }

            await context.Response.WriteAsync(InferResponseJson);
        });
        await using var services = InferenceTestClients.Create(server.BaseAddress, InferenceProtocol.Rest, s => s.ValidateShapes = false);
        var client = services.GetRequiredService<IInferenceClient>();

        var response = await client.InferAsync(DocumentedRequest());

        Assert.Equal(2, attempts);
        Assert.Equal("42", response.Id);
    }

    [Fact]
    public async Task A_server_error_other_than_unavailable_is_not_retried()
    {
        await using var server = await StartAsync(async context =>
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("""{"error":"model crashed"}""");
        });
        await using var services = InferenceTestClients.Create(server.BaseAddress, InferenceProtocol.Rest, s => s.ValidateShapes = false);
        var client = services.GetRequiredService<IInferenceClient>();

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => client.InferAsync(DocumentedRequest()));

        Assert.Equal(500, error.StatusCode);
        Assert.Single(server.Requests, r => r.PathAndQuery.EndsWith("/infer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_past_its_deadline_fails_as_deadline_exceeded_and_cancellation_is_honoured()
    {
        await using var server = await StartAsync(async context => await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted));
        await using var services = InferenceTestClients.Create(server.BaseAddress, InferenceProtocol.Rest, s => s.ValidateShapes = false);
        var client = services.GetRequiredService<IInferenceClient>();
        var late = DocumentedRequest();
        late.Timeout = TimeSpan.FromMilliseconds(200);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => client.InferAsync(late));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.InferAsync(DocumentedRequest(), cancel.Token));

        Assert.Equal(504, error.StatusCode);
        Assert.Equal("DeadlineExceeded", error.ErrorCode);
    }

    [Fact]
    public async Task Health_metadata_config_statistics_and_repository_calls_use_the_documented_endpoints()
    {
        await using var server = await StartAsync(_ => Task.CompletedTask);
        await using var services = InferenceTestClients.Create(server.BaseAddress, InferenceProtocol.Rest);
        var client = services.GetRequiredService<IInferenceClient>();

        var live = await client.IsServerLiveAsync();
        var ready = await client.IsModelReadyAsync("mymodel", "2");
        var missing = await client.IsModelReadyAsync("unknown");
        var server2 = await client.GetServerMetadataAsync();
        var config = await client.GetModelConfigAsync("mymodel");
        var stats = await client.GetModelStatisticsAsync("mymodel");
        var index = await client.GetRepositoryIndexAsync(readyOnly: true);
        await client.LoadModelAsync("mymodel");
        await client.UnloadModelAsync("mymodel");

        Assert.True(live);
        Assert.True(ready);
        Assert.False(missing);
        Assert.Equal("triton", server2.Name);
        Assert.Contains("binary_tensor_data", server2.Extensions);
        Assert.Equal(8, config.MaxBatchSize);
        Assert.Equal(InferenceDataType.Fp32, config.Inputs[0].Datatype);
        Assert.Equal([16L], config.Inputs[0].Dims);
        Assert.Equal(7L, stats[0].InferenceCount);
        Assert.Equal(TimeSpan.FromMicroseconds(1.5), stats[0].Success.Total);
        Assert.Equal(new RepositoryModel("mymodel", "1", "READY", null), index[0]);
        Assert.Contains(server.Requests, r => r is { Method: "POST", PathAndQuery: "/v2/repository/index" } && r.Body.Contains("\"ready\":true", StringComparison.Ordinal));
        Assert.Contains(server.Requests, r => r is { Method: "POST", PathAndQuery: "/v2/repository/models/mymodel/load" });
        Assert.Contains(server.Requests, r => r is { Method: "POST", PathAndQuery: "/v2/repository/models/mymodel/unload" });
        Assert.Contains(server.Requests, r => r is { Method: "GET", PathAndQuery: "/v2/models/mymodel/versions/2/ready" });
    }

    [Fact]
    public async Task An_unknown_model_raises_not_found()
    {
        await using var server = await StartAsync(_ => Task.CompletedTask);
        await using var services = InferenceTestClients.Create(server.BaseAddress, InferenceProtocol.Rest);
        var client = services.GetRequiredService<IInferenceClient>();

        var error = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => client.GetModelMetadataAsync("unknown"));

        Assert.Equal("Request for unknown model: 'unknown' is not found", error.ServerMessage);
    }

    private static InferenceRequest DocumentedRequest() => new()
    {
        ModelName = "mymodel",
        Id = "42",
        Inputs =
        {
            InferenceTensor.Create<uint>("input0", [1, 2, 3, 4], 2, 2),
            InferenceTensor.Create<bool>("input1", [true, false, true], 3),
        },
        Outputs = { new RequestedOutput("output0") },
    };

    private static Task<KestrelTestServer> StartAsync(RequestDelegate infer) => KestrelTestServer.StartAsync(app =>
    {
        app.MapGet("/v2/health/live", () => Results.Ok());
        app.MapGet("/v2/models/mymodel/versions/2/ready", () => Results.Ok());
        app.MapGet("/v2/models/unknown/ready", () => Results.BadRequest());
        app.MapGet("/v2/models/unknown", () => Results.Text("""{"error":"Request for unknown model: 'unknown' is not found"}""", "application/json", statusCode: 404));
        app.MapGet("/v2", () => Results.Text(
            """{"name":"triton","version":"2.41.0","extensions":["classification","sequence","model_repository","model_repository(unload_dependents)","schedule_policy","model_configuration","system_shared_memory","cuda_shared_memory","binary_tensor_data","parameters","statistics","trace","logging"]}""",
            "application/json"));
        app.MapGet("/v2/models/mymodel", () => Results.Text(ModelMetadataJson, "application/json"));
        app.MapGet("/v2/models/mymodel/config", () => Results.Text(
            """{"name":"mymodel","platform":"onnxruntime_onnx","backend":"onnxruntime","version_policy":{"latest":{"num_versions":1}},"max_batch_size":8,"input":[{"name":"INPUT0","data_type":"TYPE_FP32","format":"FORMAT_NONE","dims":[16],"is_shape_tensor":false,"allow_ragged_batch":false,"optional":false}],"output":[{"name":"OUTPUT0","data_type":"TYPE_FP32","dims":[16],"label_filename":"","is_shape_tensor":false}],"dynamic_batching":{"preferred_batch_size":[4,8]},"instance_group":[{"name":"mymodel","kind":"KIND_CPU","count":1}],"default_model_filename":"model.onnx"}""",
            "application/json"));
        app.MapGet("/v2/models/mymodel/stats", () => Results.Text(
            """{"model_stats":[{"name":"mymodel","version":"1","last_inference":1700000000000,"inference_count":7,"execution_count":7,"inference_stats":{"success":{"count":7,"ns":1500},"fail":{"count":0,"ns":0},"queue":{"count":7,"ns":100},"compute_input":{"count":7,"ns":200},"compute_infer":{"count":7,"ns":900},"compute_output":{"count":7,"ns":300},"cache_hit":{"count":0,"ns":0},"cache_miss":{"count":0,"ns":0}},"batch_stats":[{"batch_size":1,"compute_input":{"count":7,"ns":200},"compute_infer":{"count":7,"ns":900},"compute_output":{"count":7,"ns":300}}],"memory_usage":[]}]}""",
            "application/json"));
        app.MapPost("/v2/repository/index", () => Results.Text("""[{"name":"mymodel","version":"1","state":"READY"}]""", "application/json"));
        app.MapPost("/v2/repository/models/mymodel/load", () => Results.Ok());
        app.MapPost("/v2/repository/models/mymodel/unload", () => Results.Ok());
        app.MapPost("/v2/models/mymodel/infer", infer);
    });
}
