using AiPlatform.Sdk.Serving.Onnx.Quantization;
using Microsoft.ML.OnnxRuntime;

namespace AiPlatform.Sdk.Serving.Embeddings;

/// <summary>
/// Calibrates the int8 rewrite of an embedding model: runs the float model, one text at a time (so no padding distorts the
/// ranges), on about fifty built-in English texts of mixed subjects and lengths plus the empty text, and records the largest
/// magnitude of each channel of every quantized activation. Runs once, when the model loads.
/// </summary>
internal static class EmbeddingCalibration
{
    private const string ResourceName = "AiPlatform.Sdk.Serving.Embeddings.CalibrationTexts.txt";

    private static readonly Lazy<string[]> Texts = new(ReadTexts);

    /// <summary>A calibrator that feeds the model texts tokenized by <paramref name="tokenizer"/>.</summary>
    public static ActivationCalibrator For(BertTextTokenizer tokenizer, int maxTokens) =>
        (probe, activations) => Measure(probe, activations, tokenizer, maxTokens);

    private static Dictionary<string, float[]> Measure(byte[] probe, IReadOnlyList<string> activations, BertTextTokenizer tokenizer, int maxTokens)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC };
        using var session = new InferenceSession(probe, options);
        using var runOptions = new RunOptions();
        var names = new[] { "input_ids", "attention_mask", "token_type_ids" }.Where(session.InputMetadata.ContainsKey).ToArray();
        var ranges = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var text in Texts.Value)
        {
            var ids = Array.ConvertAll(tokenizer.Encode(text, maxTokens).Ids, id => (long)id);
            long[] shape = [1, ids.Length];
            var values = names.Select(name => OrtValue.CreateTensorValueFromMemory(
                name switch { "input_ids" => ids, "attention_mask" => Filled(ids.Length, 1), _ => Filled(ids.Length, 0) }, shape)).ToArray();
            try
            {
                using var outputs = session.Run(runOptions, names, values, activations);
                for (var i = 0; i < activations.Count; i++)
                {
                    var channels = (int)outputs[i].GetTensorTypeAndShape().Shape[^1];
                    if (!ranges.TryGetValue(activations[i], out var range))
                    {
                        ranges[activations[i]] = range = new float[channels];
                    }

                    ActivationProbe.Accumulate(outputs[i].GetTensorDataAsSpan<float>(), range);
                }
            }
            finally
            {
                foreach (var value in values)
                {
                    value.Dispose();
                }
            }
        }

        return ranges;
    }

    private static long[] Filled(int length, long value)
    {
        var array = new long[length];
        Array.Fill(array, value);
        return array;
    }

    private static string[] ReadTexts()
    {
        using var stream = typeof(EmbeddingCalibration).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The calibration texts '{ResourceName}' are missing from the assembly.");
        using var reader = new StreamReader(stream);
        return [string.Empty, .. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
