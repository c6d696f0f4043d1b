using System.Diagnostics;
using System.Runtime.Intrinsics;
using System.Text.Json;
using AiPlatform.Sdk.Vector.Indexing;
using AiPlatform.Sdk.Vector.Persistence;
using Cloud.Unum.USearch;

namespace AiPlatform.Sdk.Benchmarks.Ann;

/// <summary>
/// <c>ann --base B.fvecs --query Q.fvecs --truth T.ivecs [--k 10] [--m 16] [--ef-construction 128] [--ef 16,32,64,128,256]
/// [--metric cos|ip|l2] [--json out.json] [--flat-queries 100] [--skip-usearch-int8]</c>: builds this engine's HNSW index (float, then
/// int8 with float re-ranking) and USearch's (f32 and i8) with the same metric and parameters on one thread, and reports build time,
/// memory, recall@k and single-thread queries per second at each ef, the engines measured in alternating blocks of queries
/// (<c>--block 50</c>) so that the machine's drift falls on all alike; USearch gets inner product on normalised vectors for cosine
/// (its fastest setting); then the flat index one query at a time and in blocked batches, with its effective GB/s and GFLOP/s next
/// to a memory-bandwidth probe and an FMA-peak probe of the same run. <c>ann gen ...</c> writes a synthetic data set (see
/// <see cref="DatasetGenerator"/>).
/// </summary>
internal static class AnnCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        if (args.FirstOrDefault() == "gen")
        {
            return Task.FromResult(DatasetGenerator.Run(args[1..]));
        }

        var options = AnnArguments.Parse(args);
        if (options.Get("base") is not { } basePath || options.Get("query") is not { } queryPath || options.Get("truth") is not { } truthPath)
        {
            Console.Error.WriteLine("usage: ann --base B.fvecs --query Q.fvecs --truth T.ivecs [--k 10] [--m 16] [--ef-construction 128] [--ef 16,32,64,128,256] [--metric cos|ip|l2] [--json out.json]");
            Console.Error.WriteLine("       ann gen --out DIR [--count 100000] [--queries 1000] [--dim 384] [--clusters 1000] [--noise 0.75] [--seed 1]");
            return Task.FromResult(2);
        }

        return Task.FromResult(Run(options, basePath, queryPath, truthPath));
    }

    private static int Run(AnnArguments options, string basePath, string queryPath, string truthPath)
    {
        var (data, count, dimension) = VecsFile.ReadFloats(basePath);
        var (queries, queryCount, queryDimension) = VecsFile.ReadFloats(queryPath);
        var (truth, truthCount, truthWidth) = VecsFile.ReadInts(truthPath);
        if (queryDimension != dimension || truthCount != queryCount)
        {
            Console.Error.WriteLine($"the files disagree: base dimension {dimension}, query dimension {queryDimension}, {queryCount} queries, {truthCount} truth rows");
            return 2;
        }

        var k = options.GetInt("k", 10);
        var m = options.GetInt("m", 16);
        var efConstruction = options.GetInt("ef-construction", 128);
        var efs = options.GetInts("ef", [16, 32, 64, 128, 256]);
        // USearch's best setting for cosine: inner product on vectors normalised beforehand (8-15 % faster than its cosine).
        var (metric, usearchMetric) = (options.Get("metric") ?? "cos") switch
        {
            "ip" => (DistanceMetric.DotProduct, MetricKind.Ip),
            "l2" => (DistanceMetric.Euclidean, MetricKind.L2sq),
            _ => (DistanceMetric.Cosine, MetricKind.Ip),
        };
        var scorer = new RecallScorer(truth, truthWidth, k);
        var rows = Enumerable.Range(0, count).Select(i => data.AsSpan(i * dimension, dimension).ToArray()).ToArray();
        var queryRows = Enumerable.Range(0, queryCount).Select(i => queries.AsSpan(i * dimension, dimension).ToArray()).ToArray();
        Console.WriteLine($"{count} x {dimension} base, {queryCount} queries, {metric}, M={m}, efConstruction={efConstruction}, k={k}; {Environment.ProcessorCount} processors, AVX-512 {Vector512.IsHardwareAccelerated}");
        var bandwidth = BandwidthProbe.MeasureGigabytesPerSecond();
        Console.WriteLine($"memory probe (one thread): {bandwidth:F1} GB/s");

        var (fma, width) = FmaProbe.MeasureGigaflops();
        Console.WriteLine($"FMA peak (one thread, Vector{width}): {fma:F1} GFLOP/s");

        // Every engine is built first, then measured in alternating blocks of queries (the order rotating from block to block), so
        // that the machine's drift during the run falls on all of them alike.
        var engines = new List<Engine>();
        engines.AddRange(BuildOurs(rows, dimension, metric, m, efConstruction, efs[0]));
        var usearchRows = metric == DistanceMetric.Cosine ? rows.Select(Normalized).ToArray() : rows;
        var usearchQueries = metric == DistanceMetric.Cosine ? queryRows.Select(Normalized).ToArray() : queryRows;
        engines.Add(BuildUsearch(usearchRows, dimension, usearchMetric, ScalarKind.Float32, "f32", m, efConstruction));
        if (options.Get("skip-usearch-int8") is null)
        {
            engines.Add(BuildUsearch(usearchRows, dimension, usearchMetric, ScalarKind.Int8, "i8", m, efConstruction));
        }

        var results = new List<AnnResult>();
        foreach (var ef in efs)
        {
            results.AddRange(MeasureInterleaved(engines, queryRows, usearchQueries, ef, k, scorer, options.GetInt("block", 50)));
        }

        foreach (var engine in engines)
        {
            engine.Dispose();
        }

        results.AddRange(RunFlat(data, queries, dimension, metric, k, scorer, options.GetInt("flat-queries", 100), fma));
        var report = new AnnReport
        {
            Dataset = Path.GetFileName(basePath),
            BaseCount = count,
            QueryCount = queryCount,
            Dimension = dimension,
            Metric = metric.ToString(),
            M = m,
            EfConstruction = efConstruction,
            Processors = Environment.ProcessorCount,
            Avx512 = Vector512.IsHardwareAccelerated,
            BandwidthProbeGigabytesPerSecond = bandwidth,
            FmaGigaflops = fma,
            FmaWidth = width,
            Results = results,
        };
        Console.WriteLine();
        Console.WriteLine(report.ToMarkdown());
        if (options.Get("json") is { } json)
        {
            File.WriteAllText(json, JsonSerializer.Serialize(report, AnnJsonContext.Default.AnnReport));
        }

        return 0;
    }

    private static List<Engine> BuildOurs(float[][] rows, int dimension, DistanceMetric metric, int m, int efConstruction, int ef)
    {
        var before = GC.GetTotalMemory(true);
        var started = Stopwatch.GetTimestamp();
        var index = new HnswVectorIndex(dimension, metric, new HnswParameters { M = m, EfConstruction = efConstruction, EfSearch = ef });
        for (var i = 0; i < rows.Length; i++)
        {
            index.Upsert(i, rows[i]);
        }

        var build = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var memory = GC.GetTotalMemory(true) - before;
        Console.WriteLine($"aiplatform-hnsw f32 built in {build:F1} s, {memory / 1e6:F0} MB");

        // The int8 copy: the same graph saved and loaded, then quantized (float vectors kept for re-ranking).
        started = Stopwatch.GetTimestamp();
        var folder = Directory.CreateTempSubdirectory("aip-ann-").FullName;
        var path = Path.Combine(folder, "index.aipv");
        VectorIndexFile.Save(index, path);
        before = GC.GetTotalMemory(true);
        var quantized = (HnswVectorIndex)VectorIndexFile.Load(path, memoryMapped: false, verifyChecksums: false);
        quantized.Quantize();
        var quantizeSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var quantizedMemory = GC.GetTotalMemory(true) - before;
        Directory.Delete(folder, recursive: true);
        Console.WriteLine($"aiplatform-hnsw i8+rerank ready after {quantizeSeconds:F1} s more, {quantizedMemory / 1e6:F0} MB");
        return
        [
            new("aiplatform-hnsw", "f32", build, memory, (long)rows.Length * dimension * sizeof(float), false,
                (q, ef, k) => index.Search(q, k, new IndexSearchOptions { Ef = ef }).Select(x => x.Id), _ => { }, index.Dispose),
            new("aiplatform-hnsw", "i8+rerank", build + quantizeSeconds, quantizedMemory, (long)rows.Length * dimension, false,
                (q, ef, k) => quantized.Search(q, k, new IndexSearchOptions { Ef = ef }).Select(x => x.Id), _ => { }, quantized.Dispose),
        ];
    }

    private static Engine BuildUsearch(float[][] rows, int dimension, MetricKind metric, ScalarKind scalar, string label, int m, int efConstruction)
    {
        var started = Stopwatch.GetTimestamp();
        var index = new UsearchEngine(metric, scalar, dimension, m, efConstruction, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            index.Add((ulong)i, rows[i]);
        }

        var build = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var memory = index.MemoryBytes();
        Console.WriteLine($"usearch {label} ({metric}) built in {build:F1} s, {memory / 1e6:F0} MB");
        return new("usearch", label, build, memory, (long)rows.Length * dimension * (scalar == ScalarKind.Int8 ? 1 : sizeof(float)), true,
            (q, _, k) =>
            {
                var found = index.Search(q, k, out var keys);
                return keys.Take(found).Select(x => (long)x);
            },
            index.SetEf, index.Dispose);
    }

    /// <summary>Every engine at one ef, block by block: each block of queries runs on every engine, starting with a different one each time.</summary>
    private static IEnumerable<AnnResult> MeasureInterleaved(
        List<Engine> engines, float[][] queries, float[][] normalizedQueries, int ef, int k, RecallScorer scorer, int block)
    {
        foreach (var engine in engines)
        {
            engine.SetEf(ef);
            var warm = engine.Normalized ? normalizedQueries : queries;
            for (var q = 0; q < Math.Min(50, queries.Length); q++)
            {
                engine.Search(warm[q], ef, k).Consume();
            }
        }

        var seconds = new double[engines.Count];
        var answers = engines.Select(_ => new List<long>[queries.Length]).ToArray();
        for (int first = 0, round = 0; first < queries.Length; first += block, round++)
        {
            var end = Math.Min(first + block, queries.Length);
            for (var turn = 0; turn < engines.Count; turn++)
            {
                var e = (round + turn) % engines.Count;
                var input = engines[e].Normalized ? normalizedQueries : queries;
                var started = Stopwatch.GetTimestamp();
                for (var q = first; q < end; q++)
                {
                    answers[e][q] = [.. engines[e].Search(input[q], ef, k)];
                }

                seconds[e] += Stopwatch.GetElapsedTime(started).TotalSeconds;
            }
        }

        for (var e = 0; e < engines.Count; e++)
        {
            var engine = engines[e];
            var recall = Enumerable.Range(0, queries.Length).Average(q => scorer.Score(q, answers[e][q]));
            Console.WriteLine($"{engine.Name} {engine.Quantization} ef={ef}: recall@{k} {recall:F4}, {queries.Length / seconds[e]:F0} QPS");
            yield return new AnnResult
            {
                Engine = engine.Name, Quantization = engine.Quantization, Ef = ef, RecallAt10 = recall, Qps = queries.Length / seconds[e],
                BuildSeconds = engine.BuildSeconds, MemoryBytes = engine.MemoryBytes, VectorBytes = engine.VectorBytes,
            };
        }
    }

    private static float[] Normalized(float[] vector)
    {
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(vector, vector));
        return [.. vector.Select(x => x / norm)];
    }

    private static List<AnnResult> RunFlat(float[] data, float[] queries, int dimension, DistanceMetric metric, int k, RecallScorer scorer, int singleQueries, double fmaPeak)
    {
        var count = data.Length / dimension;
        var queryCount = queries.Length / dimension;
        var index = new FlatVectorIndex(dimension, metric);
        var started = Stopwatch.GetTimestamp();
        index.UpsertBatch(Enumerable.Range(0, count).Select(i => (long)i).ToArray(), data);
        var build = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var bytes = (long)data.Length * sizeof(float);
        var results = new List<AnnResult>();

        var single = Math.Min(singleQueries, queryCount);
        var hits = 0.0;
        started = Stopwatch.GetTimestamp();
        for (var q = 0; q < single; q++)
        {
            hits += scorer.Score(q, index.Search(queries.AsSpan(q * dimension, dimension), k).Select(x => x.Id));
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        results.Add(new AnnResult
        {
            Engine = "aiplatform-flat", Quantization = "f32", Batch = 1, RecallAt10 = hits / single, Qps = single / seconds,
            BuildSeconds = build, MemoryBytes = index.ManagedMemoryBytes, VectorBytes = bytes, EffectiveGigabytesPerSecond = single * bytes / seconds / 1e9,
        });

        foreach (var batch in new[] { 64, 256 })
        {
            hits = 0;
            started = Stopwatch.GetTimestamp();
            for (var first = 0; first < queryCount; first += batch)
            {
                var n = Math.Min(batch, queryCount - first);
                var answers = index.SearchBatch(queries.AsSpan(first * dimension, n * dimension), k);
                for (var q = 0; q < n; q++)
                {
                    hits += scorer.Score(first + q, answers[q].Select(x => x.Id));
                }
            }

            seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var passes = Math.Ceiling(queryCount / (double)batch);
            results.Add(new AnnResult
            {
                Engine = "aiplatform-flat", Quantization = "f32", Batch = batch, RecallAt10 = hits / queryCount, Qps = queryCount / seconds,
                BuildSeconds = build, MemoryBytes = index.ManagedMemoryBytes, VectorBytes = bytes,
                EffectiveGigabytesPerSecond = queryCount * (double)bytes / seconds / 1e9,
                Gigaflops = 2.0 * count * dimension * queryCount / seconds / 1e9,
            });
            Console.WriteLine($"flat batch {batch}: {queryCount / seconds:F0} QPS ({passes} passes over the rows), {2.0 * count * dimension * queryCount / seconds / 1e9:F1} GFLOP/s = {2.0 * count * dimension * queryCount / seconds / 1e9 / fmaPeak:P0} of the FMA peak");
        }

        return results;
    }

    private static void Consume(this IEnumerable<long> values)
    {
        foreach (var _ in values)
        {
        }
    }

    /// <summary>recall@k: the fraction of the first k true neighbors among the returned ids.</summary>
    private sealed class RecallScorer(int[] truth, int width, int k)
    {
        public double Score(int query, IEnumerable<long> found)
        {
            var expected = new HashSet<long>();
            for (var i = 0; i < k; i++)
            {
                expected.Add(truth[(query * width) + i]);
            }

            return found.Take(k).Count(expected.Contains) / (double)k;
        }
    }

    /// <summary>A built index ready to search: its search (query, ef, k), its ef setter, and what it cost to build.</summary>
    private sealed record Engine(
        string Name, string Quantization, double BuildSeconds, long MemoryBytes, long VectorBytes, bool Normalized,
        Func<float[], int, int, IEnumerable<long>> Search, Action<int> SetEf, Action Dispose);
}
