using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using StatusCode = Grpc.Core.StatusCode;

namespace AiPlatform.Sdk.Serving.Tests.Inference;

/// <summary>The gRPC transport against an in-process server that speaks <c>inference.GRPCInferenceService</c> on the wire.</summary>
[Trait("Kind", "Contract")]
public sealed class InferenceGrpcContractTests
{
    private static readonly ModelMetadataResponse Metadata = new()
    {
        Name = "mymodel",
        Versions = { "1" },
        Platform = "onnxruntime_onnx",
        Inputs = { new ModelMetadataResponse.Types.TensorMetadata { Name = "TEXT", Datatype = "BYTES", Shape = { -1 } } },
        Outputs = { new ModelMetadataResponse.Types.TensorMetadata { Name = "SCORES", Datatype = "FP16", Shape = { -1 } } },
    };

    [Fact]
    public async Task Infer_sends_raw_input_contents_and_reads_raw_output_contents()
    {
        ModelInferRequest? received = null;
        await using var server = await GrpcTestServer.StartAsync(
            ("ModelMetadata", _ => Task.FromResult(new GrpcAnswer(Metadata))),
            ("ModelInfer", body =>
            {
                received = ModelInferRequest.Parser.ParseFrom(body);
                var response = new ModelInferResponse { ModelName = "mymodel", ModelVersion = "1", Id = received.Id };
                response.Outputs.Add(new ModelInferResponse.Types.InferOutputTensor { Name = "SCORES", Datatype = "FP16", Shape = { 2 } });
                response.RawOutputContents.Add(ByteString.CopyFrom(0x00, 0x3C, 0x00, 0xC0)); // 1.0 and -2.0 as IEEE half
                return Task.FromResult(new GrpcAnswer(response));
            }));
        await using var services = InferenceTestClients.Create(server.BaseAddress, InferenceProtocol.Grpc);
        var client = services.GetRequiredService<IInferenceClient>();
        var request = new InferenceRequest
        {
            ModelName = "mymodel",
            Id = "req-1",
            Inputs = { InferenceTensor.FromBytes("TEXT", [new byte[] { 0, 1, 0 }, "ab"u8.ToArray()]) },
            Outputs = { new RequestedOutput("SCORES") { Classification = 2 } },
            Parameters = { ["priority"] = 3L },
        };

        var response = await client.InferAsync(request);

        Assert.NotNull(received);
        Assert.Equal("req-1", received.Id);
        Assert.Equal("BYTES", received.Inputs[0].Datatype);
        Assert.Equal([2L], received.Inputs[0].Shape);
        Assert.Equal(new byte[] { 3, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, (byte)'a', (byte)'b' }, received.RawInputContents[0].ToByteArray());
        Assert.Equal(2, received.Outputs[0].Parameters["classification"].Int64Param);
        Assert.Equal(3, received.Parameters["priority"].Int64Param);
        Assert.Equal("req-1", response.Id);
        Assert.Equal([(Half)1, (Half)(-2)], response.GetOutput("SCORES").ToArray<Half>());
    }

    [Fact]
    public async Task Typed_contents_from_a_server_are_read_like_raw_ones()
    {
        await using var server = await GrpcTestServer.StartAsync(("ModelInfer", _ =>
        {
            var response = new ModelInferResponse { ModelName = "mymodel" };
            response.Outputs.Add(new ModelInferResponse.Types.InferOutputTensor
            {
                Name = "OUT", Datatype = "INT16", Shape = { 3 }, Contents = new InferTensorContents { IntContents = { -1, 0, 300 } },
            });
            return Task.FromResult(new GrpcAnswer(response));
        }));
        await using var services = InferenceTestClients.Create(server.BaseAddress, InferenceProtocol.Grpc, s => s.ValidateShapes = false);
        var client = services.GetRequiredService<IInferenceClient>();

        var response = await client.InferAsync(new InferenceRequest { ModelName = "mymodel", Inputs = { InferenceTensor.Create<float>("IN", [1f]) } });

        Assert.Equal([(short)-1, 0, 300], response.GetOutput("OUT").ToArray<short>());
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument, typeof(AiPlatformValidationException), 400)]
    [InlineData(StatusCode.NotFound, typeof(AiPlatformNotFoundException), 404)]
    [InlineData(StatusCode.Internal, typeof(AiPlatformException), 500)]
    public async Task Status_codes_map_to_the_exception_hierarchy_with_the_server_detail(StatusCode status, Type expected, int http)
    {
        await using var server = await GrpcTestServer.StartAsync(("ModelConfig", _ => Task.FromResult(new GrpcAnswer(null, status, "model 'x' says no"))));
        await using var services = InferenceTestClients.Create(server.BaseAddress, InferenceProtocol.Grpc);
        var client = services.GetRequiredService<IInferenceClient>();

        var error = await Assert.ThrowsAnyAsync<AiPlatformException>(() => client.GetModelConfigAsync("x"));

        Assert.IsType(expected, error);
        Assert.Equal(http, error.StatusCode);
        Assert.Equal(status.ToString(), error.ErrorCode);
        Assert.Equal("model 'x' says no", error.ServerMessage);
    }

    [Fact]
    public async Task Unavailable_is_retried()
    {
        var attempts = 0;
        await using var server = await GrpcTestServer.StartAsync(("ServerReady", _ => Task.FromResult(
            Interlocked.Increment(ref attempts) == 1
                ? new GrpcAnswer(null, StatusCode.Unavailable, "warming up")
                : new GrpcAnswer(new ServerReadyResponse { Ready = true }))));
        await using var services = InferenceTestClients.Create(server.BaseAddress, InferenceProtocol.Grpc);
        var client = services.GetRequiredService<IInferenceClient>();

        var ready = await client.IsServerReadyAsync();

        Assert.True(ready);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task The_deadline_travels_as_grpc_timeout()
    {
        await using var server = await GrpcTestServer.StartAsync(("ServerLive", _ => Task.FromResult(new GrpcAnswer(new ServerLiveResponse { Live = true }))));
        await using var services = InferenceTestClients.Create(server.BaseAddress, InferenceProtocol.Grpc, s => s.Timeout = TimeSpan.FromSeconds(7));
        var client = services.GetRequiredService<IInferenceClient>();

        Assert.True(await client.IsServerLiveAsync());

        var sent = server.Requests.Single();
        Assert.Equal("/inference.GRPCInferenceService/ServerLive", sent.PathAndQuery);
        Assert.True(sent.Headers.TryGetValue("grpc-timeout", out var timeout));
        Assert.InRange(ParseGrpcTimeout(timeout), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(7));
    }

    private static TimeSpan ParseGrpcTimeout(string value)
    {
        var amount = long.Parse(value[..^1], System.Globalization.CultureInfo.InvariantCulture);
        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            _ => TimeSpan.FromTicks(amount / 100),
        };
    }
}
