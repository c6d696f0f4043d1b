using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiPlatform.Sdk.Serving.Tests.Embeddings;

/// <summary>The committed reference ids and vectors (see Reference/README.md for how they were produced).</summary>
internal static partial class ReferenceCases
{
    private static readonly Lazy<IReadOnlyList<ReferenceCase>> Cases = new(Load);

    public static IReadOnlyList<ReferenceCase> All => Cases.Value;

    public static int MaxTokens { get; private set; }

    public static TheoryData<int> Indexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < All.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static List<ReferenceCase> Load()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Embeddings", "Reference", "minilm-reference.json"));
        using var document = JsonDocument.Parse(stream);
        MaxTokens = document.RootElement.GetProperty("max_tokens").GetInt32();
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new ReferenceCase(
            LoneSurrogate().Replace(c.GetProperty("text").GetString()!, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString()),
            [.. c.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32())],
            [.. c.GetProperty("vector").EnumerateArray().Select(e => e.GetSingle())]))];
    }

    [GeneratedRegex(@"\{U\+([0-9A-F]{4})\}")]
    private static partial Regex LoneSurrogate();
}

internal sealed record ReferenceCase(string Text, int[] Ids, float[] Vector);
