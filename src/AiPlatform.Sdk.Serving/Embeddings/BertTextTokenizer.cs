using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace AiPlatform.Sdk.Serving.Embeddings;

/// <summary>
/// BERT WordPiece tokenisation with Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>, its defaults fixed through its options so that
/// ids equal the Hugging Face reference: <see cref="BertReferenceNormalizer"/>, and a pre-tokenizer that splits on white space and on
/// every Unicode punctuation character plus the ASCII symbols BERT counts as punctuation (<c>$ + &lt; = &gt; ^ ` | ~</c>).
/// </summary>
internal sealed partial class BertTextTokenizer
{
    private readonly BertTokenizer _tokenizer;

    private BertTextTokenizer(BertTokenizer tokenizer) => _tokenizer = tokenizer;

    public int PadId => _tokenizer.PaddingTokenId;

    public static BertTextTokenizer Create(Stream vocab, bool lowerCase)
    {
        ArgumentNullException.ThrowIfNull(vocab);
        var specialTokens = new[] { "[UNK]", "[SEP]", "[PAD]", "[CLS]", "[MASK]" };
        var vocabulary = ReadSpecialTokenIds(vocab, specialTokens);
        var tokenizer = BertTokenizer.Create(vocab, new BertOptions
        {
            LowerCaseBeforeTokenization = lowerCase,
            ApplyBasicTokenization = true,
            SplitOnSpecialTokens = true,
            Normalizer = new BertReferenceNormalizer(lowerCase, specialTokens),
            PreTokenizer = new RegexPreTokenizer(WordOrPunctuation(), vocabulary),
        });
        return new BertTextTokenizer(tokenizer);
    }

    /// <summary>Encodes <paramref name="text"/> as <c>[CLS] … [SEP]</c>, keeping at most <paramref name="maxTokens"/> ids (pieces cut at the end).</summary>
    public EncodedText Encode(string text, int maxTokens)
    {
        var ids = _tokenizer.EncodeToIds(text, addSpecialTokens: true);
        if (ids.Count <= maxTokens)
        {
            return new EncodedText([.. ids], ids.Count, false);
        }

        var kept = new int[maxTokens];
        for (var i = 0; i < maxTokens - 1; i++)
        {
            kept[i] = ids[i];
        }

        kept[^1] = ids[^1];
        return new EncodedText(kept, ids.Count, true);
    }

    [GeneratedRegex(@"[^\s\p{P}$+<=>^`|~]+|[\p{P}$+<=>^`|~]", RegexOptions.CultureInvariant)]
    private static partial Regex WordOrPunctuation();

    private static Dictionary<string, int> ReadSpecialTokenIds(Stream vocab, string[] specialTokens)
    {
        var start = vocab.Position;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var reader = new StreamReader(vocab, leaveOpen: true))
        {
            var index = 0;
            while (reader.ReadLine() is { } line)
            {
                if (Array.IndexOf(specialTokens, line) >= 0)
                {
                    ids[line] = index;
                }

                index++;
            }
        }

        vocab.Position = start;
        var missing = specialTokens.Where(t => !ids.ContainsKey(t)).ToList();
        return missing.Count == 0 ? ids : throw new InvalidDataException($"The vocabulary lacks the special tokens {string.Join(", ", missing)}.");
    }
}

/// <summary>The ids of one text, how many the untruncated text had, and whether it was truncated.</summary>
internal readonly record struct EncodedText(int[] Ids, int OriginalCount, bool Truncated);
