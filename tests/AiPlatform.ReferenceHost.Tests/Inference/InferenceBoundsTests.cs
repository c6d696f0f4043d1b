using AiPlatform.Sdk;
using AiPlatform.Sdk.Serving.Inference;

namespace AiPlatform.ReferenceHost.Tests.Inference;

/// <summary>The work of one inference request is bounded by the model's batch and sequence limits, not only by its bytes.</summary>
public sealed class InferenceBoundsTests(InferenceHostFixture host) : IClassFixture<InferenceHostFixture>
{
    [Theory]
    [InlineData("grpc")]
    [InlineData("rest-binary")]
    public async Task A_batch_beyond_the_host_default_is_refused_naming_the_limit(string transport)
    {
        var client = host.Client(transport, validateShapes: false);

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() => client.InferAsync(Request("sequence_fp32", 32, 512)));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("batch-size 32", error.ServerMessage, StringComparison.Ordinal);
        Assert.Contains("<= 8", error.ServerMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("rest-binary")]
    public async Task A_sequence_beyond_the_model_configuration_is_refused_naming_the_limit(string transport)
    {
        var client = host.Client(transport, validateShapes: false);

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() => client.InferAsync(Request("configured_fp32", 2, 17)));

        Assert.Contains("maximum sequence length 16", error.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_configuration_raises_its_own_batch_limit_above_the_host_default()
    {
        var client = host.Client("rest-binary");

        var response = await client.InferAsync(Request("configured_fp32", 32, 16));

        Assert.Equal([32L, 16], response.GetOutput("OUTPUT").Shape);
    }

    private static InferenceRequest Request(string model, int batch, int sequence) =>
        new() { ModelName = model, Inputs = { InferenceTensor.Create<float>("INPUT", new float[batch * sequence], batch, sequence) } };
}
