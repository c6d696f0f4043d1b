namespace AiPlatform.Sdk.AspNetCore.Collections;

/// <summary>One piece of a document: its text and where it lies in the source (character offsets, end exclusive).</summary>
internal readonly record struct TextChunk(string Text, int Start, int End);

/// <summary>
/// Splits text into overlapping chunks along sentence boundaries: sentences are packed into chunks of at most
/// <c>size</c> characters, and each chunk after the first repeats the trailing sentences of the previous one up to
/// <c>overlap</c> characters. A sentence longer than a chunk is cut at whitespace. Markdown headings start a new chunk.
/// </summary>
internal static class TextChunker
{
    public static IReadOnlyList<TextChunk> Split(string text, int size, int overlap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 16);
        ArgumentOutOfRangeException.ThrowIfNegative(overlap);
        var sentences = Sentences(text, size);
        var chunks = new List<TextChunk>();
        var first = 0;
        while (first < sentences.Count)
        {
            var last = first;
            while (last + 1 < sentences.Count && sentences[last + 1].End - sentences[first].Start <= size && !sentences[last + 1].Heading)
            {
                last++;
            }

            var start = sentences[first].Start;
            var end = sentences[last].End;
            chunks.Add(new TextChunk(text[start..end], start, end));
            if (last + 1 >= sentences.Count)
            {
                break;
            }

            var next = last + 1;
            while (next - 1 > first && end - sentences[next - 1].Start <= overlap && !sentences[next].Heading)
            {
                next--;
            }

            first = next;
        }

        return chunks;
    }

    private static List<(int Start, int End, bool Heading)> Sentences(string text, int size)
    {
        var sentences = new List<(int, int, bool)>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var start = i;
            var heading = text[i] == '#' && (start == 0 || text[start - 1] == '\n');
            while (i < text.Length && !EndsSentence(text, i, heading) && i - start < size)
            {
                i++;
            }

            if (i - start >= size)
            {
                var cut = text.LastIndexOf(' ', i - 1, i - start);
                i = cut > start ? cut : i;
            }
            else if (i < text.Length)
            {
                i++;
            }

            var end = i;
            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            sentences.Add((start, end, heading));
        }

        return sentences;
    }

    private static bool EndsSentence(string text, int i, bool heading) =>
        text[i] == '\n' && (heading || (i + 1 < text.Length && text[i + 1] == '\n'))
        || text[i] is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]));
}
