using AiPlatform.Sdk.Serving.Onnx;
using AiPlatform.Sdk.Serving.Tests.Embeddings;

namespace AiPlatform.Sdk.Serving.Tests.Onnx;

public sealed class OnnxModelLoadingTests
{
    [Fact]
    public void Missing_file_fails_with_ModelNotFound_naming_the_model()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "ranker.onnx");

        var ex = Assert.Throws<OnnxModelException>(() => OnnxModel.Load(path));

        Assert.Equal(OnnxModelException.ModelNotFound, ex.ErrorCode);
        Assert.Equal("ranker", ex.ModelName);
        Assert.Equal(404, ex.StatusCode);
        Assert.Contains("ranker", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_bytes_fail_with_InvalidModel()
    {
        using var stream = new MemoryStream("not an onnx model"u8.ToArray());

        var ex = Assert.Throws<OnnxModelException>(() => OnnxModel.Load(stream, "broken"));

        Assert.Equal(OnnxModelException.InvalidModel, ex.ErrorCode);
        Assert.Equal("broken", ex.ModelName);
        Assert.NotNull(ex.InnerException);
    }

    [Theory]
    [InlineData(OnnxExecutionProvider.Cuda, "CUDAExecutionProvider")]
    [InlineData(OnnxExecutionProvider.OpenVino, "OpenVINOExecutionProvider")]
    public async Task Provider_without_its_runtime_package_fails_the_load_naming_the_provider(OnnxExecutionProvider provider, string providerName)
    {
        var file = await MiniLm.ModelFileAsync();

        var ex = Assert.Throws<OnnxModelException>(() => OnnxModel.Load(file, new OnnxSessionSettings { ExecutionProvider = provider }));

        Assert.Equal(OnnxModelException.InvalidModel, ex.ErrorCode);
        Assert.Contains(providerName, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_settings_are_applied_and_the_model_loads_from_a_stream()
    {
        await using var stream = File.OpenRead(await MiniLm.ModelFileAsync());

        using var model = OnnxModel.Load(stream, "minilm", new OnnxSessionSettings { IntraOpThreads = 1, InterOpThreads = 2, OptimizationLevel = OnnxOptimizationLevel.Basic });

        Assert.Equal("minilm", model.Name);
        Assert.Null(model.Path);
        Assert.Contains("input_ids", model.Inputs.Keys);
    }

    [Fact]
    public async Task Registry_shares_one_model_per_file_across_concurrent_callers()
    {
        var file = await MiniLm.ModelFileAsync();
        using var registry = new OnnxModelRegistry(new OnnxSessionSettings { IntraOpThreads = 1 });

        var models = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => registry.GetOrLoad(file))));

        Assert.All(models, m => Assert.Same(models[0], m));
        Assert.Equal([Path.GetFullPath(file)], registry.LoadedPaths);
    }

    [Fact]
    public async Task Unloaded_model_refuses_new_runs_and_a_later_request_loads_it_again()
    {
        var file = await MiniLm.ModelFileAsync();
        using var registry = new OnnxModelRegistry();
        var first = registry.GetOrLoad(file);
        using var inputs = new OnnxInputs().Add("input_ids", new long[] { 101, 102 }, 1, 2).Add("attention_mask", new long[] { 1, 1 }, 1, 2).Add("token_type_ids", new long[2], 1, 2);

        Assert.True(registry.Unload(file));
        Assert.Throws<ObjectDisposedException>(() => first.Run(inputs));
        Assert.NotSame(first, registry.GetOrLoad(file));
    }
}
