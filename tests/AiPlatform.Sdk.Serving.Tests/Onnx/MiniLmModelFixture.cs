using AiPlatform.Sdk.Serving.Onnx;
using AiPlatform.Sdk.Serving.Tests.Embeddings;

namespace AiPlatform.Sdk.Serving.Tests.Onnx;

/// <summary>all-MiniLM-L6-v2 loaded once as a plain ONNX model.</summary>
public sealed class MiniLmModelFixture : IAsyncLifetime
{
    public OnnxModel Model { get; private set; } = null!;

    public string ModelFile { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ModelFile = await MiniLm.ModelFileAsync();
        Model = OnnxModel.Load(ModelFile, new OnnxSessionSettings { IntraOpThreads = 1 });
    }

    public Task DisposeAsync()
    {
        Model.Dispose();
        return Task.CompletedTask;
    }
}
