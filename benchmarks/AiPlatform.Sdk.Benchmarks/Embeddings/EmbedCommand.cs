using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json;
using AiPlatform.Sdk.Serving.Embeddings;
using AiPlatform.Sdk.Serving.Onnx;

namespace AiPlatform.Sdk.Benchmarks.Embeddings;

/// <summary>
/// <c>embed --corpus sentences.txt --json out.json [--reference ref.json] [--limit N] [--speed-limit 1200] [--batches 1,16,64] [--threads 1,2] [--slice 200]</c>:
/// sentences per second and peak memory of the SDK's generator (float and int8) and of the .NET peers on the first
/// <c>--speed-limit</c> sentences, implementations interleaved in one run, plus token and vector parity on the whole corpus against
/// the reference (ids and vectors from <c>reference/reference.js</c>) and the int8 vectors' cosine to the float ones.
/// </summary>
internal static class EmbedCommand
{
    private const int MaxTokens = 256;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = EmbedOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: embed --corpus sentences.txt --json out.json [--reference ref.json] [--limit N] [--speed-limit 1200] [--batches 1,16,64] [--threads 1,2] [--slice 200]");
            return 2;
        }

        var corpus = File.ReadLines(options.Corpus).Where(l => l.Length > 0).Take(options.Limit).ToArray();
        var sentences = corpus[..Math.Min(options.SpeedLimit, corpus.Length)];
        var modelFolder = await MiniLmFiles.EnsureAsync();
        var reference = options.Reference is null
            ? null
            : JsonSerializer.Deserialize(await File.ReadAllTextAsync(options.Reference), EmbedJsonContext.Default.ReferenceFile);
        var tokenizer = CreateTokenizer(modelFolder);
        var tokenCounts = sentences.Select(s => tokenizer.Encode(s, MaxTokens).Ids.Length).ToArray();
        Console.WriteLine($"corpus: {corpus.Length} sentences, {sentences.Length} timed, mean {tokenCounts.Average():F1} tokens; {Environment.ProcessorCount} processors");

        var results = new List<EmbedResult>();
        foreach (var batch in options.Batches)
        {
            foreach (var threads in options.Threads)
            {
                var factories = new List<Func<IEmbedRunner>>
                {
                    () => new AiPlatformRunner(modelFolder, batch, threads, OnnxWeightQuantization.None),
                    () => new AiPlatformRunner(modelFolder, batch, threads, OnnxWeightQuantization.DynamicInt8),
                    () => new SentenceTransformersRunner(batch, threads, sorted: false),
                    () => new SentenceTransformersRunner(batch, threads, sorted: true),
                };
                if (threads == options.Threads[^1])
                {
                    factories.Add(() => new AllMiniLmL6V2SharpRunner(modelFolder, batch));
                }

                var peaks = factories.Select(f => PeakMemory(f, sentences[..Math.Min(256, sentences.Length)])).ToArray();
                var runs = Interleaved(factories, sentences, options.SliceSize);
                for (var i = 0; i < runs.Length; i++)
                {
                    var cosines = reference?.Vectors is null ? null : Cosines(runs[i].Vectors, reference.Vectors);
                    var result = new EmbedResult(
                        runs[i].Implementation, batch, runs[i].ThreadsConfigurable ? threads : null, runs[i].Sorted, sentences.Length,
                        runs[i].Rate, peaks[i], cosines?.Average(), cosines?.Min(), cosines?.Count(c => c < 0.9999));
                    results.Add(result);
                    Console.WriteLine(
                        $"{result.Implementation,-28} batch {batch,3} threads {result.Threads?.ToString(CultureInfo.InvariantCulture) ?? "default",7} sorted {result.SortedInput,-5} " +
                        $"{result.SentencesPerSecond,8:F1} sentences/s  peak {result.PeakMemoryBytes / (1024 * 1024),5} MiB" +
                        (result.MeanCosineToReference is { } mean ? $"  cosine mean {mean:F6} min {result.MinCosineToReference:F4} below 0.9999: {result.SentencesBelow09999}" : string.Empty));
                }
            }
        }

        var parity = reference is null ? null : await ParityAsync(corpus, modelFolder, tokenizer, reference);
        if (parity is not null)
        {
            Console.WriteLine(
                $"parity: {parity.TokenMismatches} token mismatches in {parity.Sentences} (Microsoft.ML.Tokenizers defaults: {parity.TokenMismatchesLibraryDefaults}); " +
                $"cosine mean {parity.MeanCosine:F7} min {parity.MinCosine:F7}; int8 to float cosine mean {parity.Int8MeanCosineToFloat:F5} min {parity.Int8MinCosineToFloat:F5}, below 0.99: {parity.Int8SentencesBelow099}");
        }

        var report = new EmbedReport(results, parity, new EmbedRunInfo(
            Path.GetFileName(options.Corpus), corpus.Length, sentences.Length, tokenCounts.Average(), Environment.ProcessorCount,
            $"Implementations of one configuration run interleaved over slices of {options.SliceSize} sentences (rotating order); compare ratios within one run only. " +
            "aiplatform rows: IntraOpThreads = 1 and ConcurrentBatches = threads. threads null = the library's own default. " +
            "Peak memory: process working set while the implementation alone loads and embeds 256 sentences."));
        await File.WriteAllTextAsync(options.Json, JsonSerializer.Serialize(report, EmbedJsonContext.Default.EmbedReport));
        return 0;
    }

    /// <summary>
    /// Runs every implementation over the same slices of the corpus, rotating which goes first in each slice, so that the machine's
    /// drift and other load fall on all of them alike. Returns sentences per second and the vectors of each.
    /// </summary>
    private static InterleavedRun[] Interleaved(List<Func<IEmbedRunner>> factories, string[] sentences, int sliceSize)
    {
        var runners = factories.Select(f => f()).ToArray();
        try
        {
            foreach (var runner in runners)
            {
                runner.Embed(sentences[..Math.Min(32, sentences.Length)]);
            }

            var elapsed = new TimeSpan[runners.Length];
            var vectors = runners.Select(_ => new float[sentences.Length][]).ToArray();
            var slices = Enumerable.Range(0, (sentences.Length + sliceSize - 1) / sliceSize).ToArray();
            foreach (var slice in slices)
            {
                var start = slice * sliceSize;
                var texts = sentences[start..Math.Min(start + sliceSize, sentences.Length)];
                for (var k = 0; k < runners.Length; k++)
                {
                    var i = (slice + k) % runners.Length;
                    var stopwatch = Stopwatch.StartNew();
                    var result = runners[i].Embed(texts);
                    elapsed[i] += stopwatch.Elapsed;
                    result.CopyTo(vectors[i], start);
                }
            }

            return [.. runners.Select((r, i) => new InterleavedRun(
                r.Implementation, r.SortsInput, r is not AllMiniLmL6V2SharpRunner, sentences.Length / elapsed[i].TotalSeconds, vectors[i]))];
        }
        finally
        {
            foreach (var runner in runners)
            {
                runner.Dispose();
            }
        }
    }

    /// <summary>The highest working set while one implementation, alone in the process, loads and embeds <paramref name="sentences"/>.</summary>
    private static long PeakMemory(Func<IEmbedRunner> create, string[] sentences)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var sampler = new PeakMemorySampler();
        using (var runner = create())
        {
            runner.Embed(sentences);
        }

        return sampler.Peak;
    }

    /// <summary>Token ids and float vectors against the reference, and int8 vectors against the float ones, over the whole corpus.</summary>
    private static async Task<EmbedParity> ParityAsync(string[] corpus, string modelFolder, BertTextTokenizer tokenizer, ReferenceFile reference)
    {
        var mismatches = corpus.Where((s, i) => !tokenizer.Encode(s, MaxTokens).Ids.AsSpan().SequenceEqual(reference.Ids[i])).Count();
        var defaults = Microsoft.ML.Tokenizers.BertTokenizer.Create(Path.Combine(modelFolder, EmbeddingModelFolder.VocabularyFileName));
        var defaultMismatches = corpus.Where((s, i) => !Truncate(defaults.EncodeToIds(s)).AsSpan().SequenceEqual(reference.Ids[i])).Count();
        var floats = await EmbedAllAsync(modelFolder, corpus, OnnxWeightQuantization.None);
        var int8 = await EmbedAllAsync(modelFolder, corpus, OnnxWeightQuantization.DynamicInt8);
        var toReference = reference.Vectors is null ? [double.NaN] : Cosines(floats, reference.Vectors);
        var int8ToFloat = Cosines(int8, floats);
        return new EmbedParity(
            "Hugging Face tokenizers 0.23.2 (npm) with a tokenizer.json built from the model's vocab.txt (BertNormalizer, BertPreTokenizer, WordPiece, [CLS]/[SEP], 256 tokens), " +
            "then onnxruntime-node 1.30.0 on the same model.onnx one sentence per run, mean pooling over the attention mask, L2 (reference/reference.js)",
            corpus.Length, mismatches, defaultMismatches, toReference.Average(), toReference.Min(),
            int8ToFloat.Average(), int8ToFloat.Min(), int8ToFloat.Count(c => c < 0.99));
    }

    private static async Task<float[][]> EmbedAllAsync(string modelFolder, string[] corpus, OnnxWeightQuantization quantization)
    {
        using var generator = OnnxEmbeddingGenerator.Create(new OnnxEmbeddingSettings { ModelPath = modelFolder, WeightQuantization = quantization });
        return [.. (await generator.GenerateAsync(corpus)).Select(e => e.Vector.ToArray())];
    }

    private static int[] Truncate(IReadOnlyList<int> ids) => ids.Count <= MaxTokens ? [.. ids] : [.. ids.Take(MaxTokens - 1), ids[^1]];

    private static double[] Cosines(float[][] vectors, float[][] reference) =>
        [.. vectors.Select((v, i) => (double)TensorPrimitives.CosineSimilarity(v, reference[i]))];

    private static BertTextTokenizer CreateTokenizer(string modelFolder)
    {
        using var vocab = File.OpenRead(Path.Combine(modelFolder, EmbeddingModelFolder.VocabularyFileName));
        return BertTextTokenizer.Create(vocab, lowerCase: true);
    }
}

internal sealed record InterleavedRun(string Implementation, bool Sorted, bool ThreadsConfigurable, double Rate, float[][] Vectors);
