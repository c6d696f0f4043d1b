using System.Text;
using System.Text.Json;

namespace AiPlatform.Sdk.Serving.Embeddings;

/// <summary>
/// Reads the WordPiece vocabulary and the lower-case switch of a Hugging Face <c>tokenizer.json</c>, for model folders that ship it
/// instead of <c>vocab.txt</c>. Microsoft.ML.Tokenizers builds BERT tokenizers from a vocabulary only, so other model types are refused.
/// </summary>
internal static class TokenizerJsonVocabulary
{
    public const string FileName = "tokenizer.json";

    public static (MemoryStream Vocabulary, bool LowerCase) Read(Stream tokenizerJson)
    {
        using var document = JsonDocument.Parse(tokenizerJson);
        var model = document.RootElement.GetProperty("model");
        var type = model.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type != "WordPiece" || !model.TryGetProperty("vocab", out var vocab) || vocab.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"Only WordPiece tokenizer.json files are supported, not '{type}'.");
        }

        var tokens = new SortedDictionary<int, string>();
        foreach (var entry in vocab.EnumerateObject())
        {
            tokens[entry.Value.GetInt32()] = entry.Name;
        }

        var text = new StringBuilder();
        foreach (var token in tokens.Values)
        {
            text.Append(token).Append('\n');
        }

        var lowerCase = !document.RootElement.TryGetProperty("normalizer", out var normalizer)
            || normalizer.ValueKind != JsonValueKind.Object
            || !normalizer.TryGetProperty("lowercase", out var flag)
            || flag.ValueKind != JsonValueKind.False;
        return (new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), lowerCase);
    }
}
