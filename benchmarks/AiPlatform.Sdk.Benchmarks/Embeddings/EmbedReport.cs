using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Benchmarks.Embeddings;

internal sealed record EmbedReport(IReadOnlyList<EmbedResult> Results, EmbedParity? Parity, EmbedRunInfo Run);

internal sealed record EmbedResult(
    string Implementation, int Batch, int? Threads, bool SortedInput, int Sentences, double SentencesPerSecond, long PeakMemoryBytes,
    double? MeanCosineToReference, double? MinCosineToReference, int? SentencesBelow09999);

internal sealed record EmbedParity(
    string Reference, int Sentences, int TokenMismatches, int TokenMismatchesLibraryDefaults, double MeanCosine, double MinCosine,
    double Int8MeanCosineToFloat, double Int8MinCosineToFloat, int Int8SentencesBelow099);

internal sealed record EmbedRunInfo(string Corpus, int CorpusSentences, int TimedSentences, double MeanTokens, int ProcessorCount, string Note);

internal sealed record ReferenceFile(int[][] Ids, float[][]? Vectors);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(EmbedReport))]
[JsonSerializable(typeof(ReferenceFile))]
internal sealed partial class EmbedJsonContext : JsonSerializerContext;
