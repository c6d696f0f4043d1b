using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace AiPlatform.ReferenceHost.Tests.Inference;

/// <summary>
/// Transport features Triton's clients and Kubernetes use: compressed REST bodies (tritonclient's <c>request_compression_algorithm</c>)
/// and the standard gRPC health service (<c>grpc.health.v1.Health/Check</c>, what Kubernetes gRPC probes call).
/// </summary>
public sealed class TritonTransportTests(InferenceHostFixture fixture) : IClassFixture<InferenceHostFixture>
{
    private const string Request = """{"inputs":[{"name":"INPUT","shape":[1,4],"datatype":"FP32","data":[1.5,-2.0,0.0,8.0]}]}""";

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task A_compressed_inference_body_is_accepted(string encoding)
    {
        using var body = new MemoryStream();
        await using (Stream compressor = encoding == "gzip"
                         ? new GZipStream(body, CompressionLevel.Optimal, leaveOpen: true)
                         : new ZLibStream(body, CompressionLevel.Optimal, leaveOpen: true))
        {
            await compressor.WriteAsync(Encoding.UTF8.GetBytes(Request));
        }

        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add(encoding);
        using var response = await fixture.Host.Client.PostAsync("v2/models/fixed_fp32/infer", content);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(text);
        var data = json.RootElement.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetSingle());
        Assert.Equal([1.5f, -2f, 0f, 8f], data);
    }

    [Theory]
    [InlineData("")]
    [InlineData("inference.GRPCInferenceService")]
    public async Task The_grpc_health_service_reports_a_ready_server_as_serving(string service)
    {
        using var channel = GrpcChannel.ForAddress(fixture.GrpcAddress);
        var health = new Health.HealthClient(channel);

        var reply = await health.CheckAsync(new HealthCheckRequest { Service = service });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task The_grpc_health_service_refuses_an_unknown_service()
    {
        using var channel = GrpcChannel.ForAddress(fixture.GrpcAddress);
        var health = new Health.HealthClient(channel);

        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await health.CheckAsync(new HealthCheckRequest { Service = "no.such.Service" }));

        Assert.Equal(Grpc.Core.StatusCode.NotFound, error.StatusCode);
    }
}
