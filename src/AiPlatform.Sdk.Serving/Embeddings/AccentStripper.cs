using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace AiPlatform.Sdk.Serving.Embeddings;

/// <summary>
/// Canonical decomposition (NFD) followed by removal of non-spacing marks, from a built-in table rather than ICU, so that
/// tokens are the same with <c>InvariantGlobalization</c> (where <see cref="string.Normalize()"/> leaves text unchanged).
/// </summary>
internal static class AccentStripper
{
    private const int HangulBase = 0xAC00;
    private const int HangulCount = 11172;
    private const int JamoVowels = 21;
    private const int JamoTrailing = 28;

    private static readonly FrozenDictionary<int, string> Table = Parse(AccentStrippingTable.Entries);

    public static void Append(StringBuilder builder, Rune rune)
    {
        var value = rune.Value;
        if ((uint)(value - HangulBase) < HangulCount)
        {
            var index = value - HangulBase;
            builder.Append((char)(0x1100 + (index / (JamoVowels * JamoTrailing))));
            builder.Append((char)(0x1161 + (index % (JamoVowels * JamoTrailing) / JamoTrailing)));
            if (index % JamoTrailing != 0)
            {
                builder.Append((char)(0x11A7 + (index % JamoTrailing)));
            }
        }
        else if (Table.TryGetValue(value, out var stripped))
        {
            builder.Append(stripped);
        }
        else if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
        {
            builder.Append(rune.ToString());
        }
    }

    private static FrozenDictionary<int, string> Parse(string entries)
    {
        var table = new Dictionary<int, string>();
        var span = entries.AsSpan();
        while (!span.IsEmpty)
        {
            Rune.DecodeFromUtf16(span, out var key, out var consumed);
            span = span[consumed..];
            var end = span.IndexOf('\uFFFF');
            table[key.Value] = span[..end].ToString();
            span = span[(end + 1)..];
        }

        return table.ToFrozenDictionary();
    }
}
