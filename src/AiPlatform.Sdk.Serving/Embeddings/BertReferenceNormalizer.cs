using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace AiPlatform.Sdk.Serving.Embeddings;

/// <summary>
/// The Hugging Face <c>BertNormalizer</c> as a Microsoft.ML.Tokenizers <see cref="Normalizer"/>: clean text (NUL, U+FFFD and
/// control, format, private-use, unassigned and lone-surrogate characters dropped; tab, CR, LF and Unicode white space made a
/// space), spaces around CJK ideographs, accents stripped (NFD, non-spacing marks dropped) and lower case. The library's own
/// normaliser drops tab and newline, keeps format characters, strips spacing marks and re-composes to NFC, which changes tokens.
/// Special tokens written exactly (such as <c>[SEP]</c>) pass through unchanged, as Hugging Face's added tokens do, so that the
/// pre-tokenizer finds them while a lower-case <c>[sep]</c> stays ordinary text.
/// </summary>
internal sealed class BertReferenceNormalizer : Normalizer
{
    private readonly bool _lowerCase;
    private readonly string[] _specialTokens;

    public BertReferenceNormalizer(bool lowerCase, IEnumerable<string> specialTokens)
    {
        _lowerCase = lowerCase;
        _specialTokens = [.. specialTokens];
    }

    public override string Normalize(string original) => Normalize(original.AsSpan());

    public override string Normalize(ReadOnlySpan<char> original)
    {
        var result = new StringBuilder(original.Length + 8);
        while (!original.IsEmpty)
        {
            var (index, token) = NextSpecialToken(original);
            result.Append(NormalizeText(original[..index]));
            if (token is null)
            {
                break;
            }

            result.Append(' ').Append(token).Append(' ');
            original = original[(index + token.Length)..];
        }

        return result.ToString();
    }

    private (int Index, string? Token) NextSpecialToken(ReadOnlySpan<char> text)
    {
        var (index, found) = (text.Length, (string?)null);
        foreach (var token in _specialTokens)
        {
            var at = text.IndexOf(token, StringComparison.Ordinal);
            if (at >= 0 && at < index)
            {
                (index, found) = (at, token);
            }
        }

        return (index, found);
    }

    private string NormalizeText(ReadOnlySpan<char> original)
    {
        if (original.IsEmpty)
        {
            return string.Empty;
        }

        var cleaned = new StringBuilder(original.Length + 8);
        for (var i = 0; i < original.Length;)
        {
            var status = Rune.DecodeFromUtf16(original[i..], out var rune, out var consumed);
            i += consumed;
            if (status == System.Buffers.OperationStatus.Done)
            {
                AppendCleaned(cleaned, rune);
            }
        }

        var text = cleaned.ToString();
        return _lowerCase ? StripAccents(text).ToLowerInvariant() : text;
    }

    private static void AppendCleaned(StringBuilder builder, Rune rune)
    {
        var value = rune.Value;
        if (value is 0 or 0xFFFD)
        {
            return;
        }

        if (value is '\t' or '\n' or '\r')
        {
            builder.Append(' ');
            return;
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate:
                return;
        }

        if (Rune.IsWhiteSpace(rune))
        {
            builder.Append(' ');
        }
        else if (IsCjkIdeograph(value))
        {
            builder.Append(' ').Append(rune.ToString()).Append(' ');
        }
        else
        {
            builder.Append(rune.ToString());
        }
    }

    private static string StripAccents(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            AccentStripper.Append(builder, rune);
        }

        return builder.ToString();
    }

    private static bool IsCjkIdeograph(int value) =>
        value is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF) or (>= 0x2A700 and <= 0x2B73F)
            or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B920 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
