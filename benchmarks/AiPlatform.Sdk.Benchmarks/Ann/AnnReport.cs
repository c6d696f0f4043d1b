using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Benchmarks.Ann;

/// <summary>One engine, quantization and ef.</summary>
internal sealed record AnnResult
{
    [JsonPropertyName("engine")] public required string Engine { get; init; }
    [JsonPropertyName("quantization")] public required string Quantization { get; init; }
    [JsonPropertyName("ef")] public int? Ef { get; init; }
    [JsonPropertyName("recall_at_10")] public double RecallAt10 { get; init; }
    [JsonPropertyName("qps")] public double Qps { get; init; }
    [JsonPropertyName("build_seconds")] public double BuildSeconds { get; init; }
    [JsonPropertyName("memory_bytes")] public long MemoryBytes { get; init; }
    [JsonPropertyName("vector_bytes")] public long? VectorBytes { get; init; }
    [JsonPropertyName("batch")] public int? Batch { get; init; }
    [JsonPropertyName("effective_gb_per_s")] public double? EffectiveGigabytesPerSecond { get; init; }
    [JsonPropertyName("gflops")] public double? Gigaflops { get; init; }
}

/// <summary>The whole run: data set, machine, probe and results.</summary>
internal sealed record AnnReport
{
    [JsonPropertyName("dataset")] public required string Dataset { get; init; }
    [JsonPropertyName("base_count")] public int BaseCount { get; init; }
    [JsonPropertyName("query_count")] public int QueryCount { get; init; }
    [JsonPropertyName("dimension")] public int Dimension { get; init; }
    [JsonPropertyName("metric")] public required string Metric { get; init; }
    [JsonPropertyName("m")] public int M { get; init; }
    [JsonPropertyName("ef_construction")] public int EfConstruction { get; init; }
    [JsonPropertyName("threads")] public int Threads { get; init; } = 1;
    [JsonPropertyName("processors")] public int Processors { get; init; }
    [JsonPropertyName("avx512")] public bool Avx512 { get; init; }
    [JsonPropertyName("bandwidth_probe_gb_per_s")] public double BandwidthProbeGigabytesPerSecond { get; init; }
    [JsonPropertyName("fma_gflops")] public double FmaGigaflops { get; init; }
    [JsonPropertyName("fma_width")] public int FmaWidth { get; init; }
    [JsonPropertyName("interleaved")] public bool Interleaved { get; init; } = true;
    [JsonPropertyName("results")] public required IReadOnlyList<AnnResult> Results { get; init; }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{BaseCount} x {Dimension}, {QueryCount} queries, {Metric}, M={M}, efConstruction={EfConstruction}, 1 thread, engines interleaved; memory probe {BandwidthProbeGigabytesPerSecond:F1} GB/s, FMA peak {FmaGigaflops:F1} GFLOP/s (Vector{FmaWidth})");
        text.AppendLine();
        text.AppendLine("| engine | quantization | ef | recall@10 | QPS | build s | memory MB | GB/s | GFLOP/s |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in Results)
        {
            var ef = r.Ef?.ToString(CultureInfo.InvariantCulture) ?? (r.Batch is { } b ? $"batch {b}" : "-");
            var gbps = r.EffectiveGigabytesPerSecond is { } g ? g.ToString("F1", CultureInfo.InvariantCulture) : string.Empty;
            var gflops = r.Gigaflops is { } f ? f.ToString("F1", CultureInfo.InvariantCulture) : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Engine} | {r.Quantization} | {ef} | {r.RecallAt10:F4} | {r.Qps:F0} | {r.BuildSeconds:F1} | {r.MemoryBytes / 1e6:F1} | {gbps} | {gflops} |");
        }

        return text.ToString();
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AnnReport))]
internal sealed partial class AnnJsonContext : JsonSerializerContext;
