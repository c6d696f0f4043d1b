namespace AiPlatform.Sdk.Serving.Embeddings;

/// <summary>
/// Writes an embedding model's files (<c>model.onnx</c>, <c>vocab.txt</c>) into a folder from streams, such as a NuGet package's embedded
/// resources, so that <see cref="OnnxEmbeddingSettings.ModelPath"/> can name the folder. Nothing is downloaded.
/// </summary>
public static class EmbeddingModelFolder
{
    /// <summary>The model file's name inside the folder.</summary>
    public const string ModelFileName = "model.onnx";

    /// <summary>The vocabulary file's name inside the folder.</summary>
    public const string VocabularyFileName = "vocab.txt";

    /// <summary>
    /// Writes each file that is missing from <paramref name="folder"/> (to a temporary name, then renamed, so a reader never sees half a file)
    /// and leaves existing files alone.
    /// </summary>
    /// <param name="folder">The model folder; created if needed.</param>
    /// <param name="openModel">Opens the ONNX bytes; called only when <c>model.onnx</c> is missing.</param>
    /// <param name="openVocabulary">Opens <c>vocab.txt</c>; called only when it is missing.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The folder's full path.</returns>
    public static async Task<string> EnsureAsync(
        string folder, Func<Stream> openModel, Func<Stream> openVocabulary, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(openModel);
        ArgumentNullException.ThrowIfNull(openVocabulary);
        var fullPath = Path.GetFullPath(folder);
        Directory.CreateDirectory(fullPath);
        await WriteIfMissingAsync(Path.Combine(fullPath, ModelFileName), openModel, cancellationToken).ConfigureAwait(false);
        await WriteIfMissingAsync(Path.Combine(fullPath, VocabularyFileName), openVocabulary, cancellationToken).ConfigureAwait(false);
        return fullPath;
    }

    private static async Task WriteIfMissingAsync(string path, Func<Stream> open, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return;
        }

        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var source = open() ?? throw new InvalidOperationException($"No content was given for '{Path.GetFileName(path)}'.");
            await using (source.ConfigureAwait(false))
            {
                var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
                await using (target.ConfigureAwait(false))
                {
                    await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
                    target.Flush(flushToDisk: true);
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
