using System.Security.Cryptography;

namespace AiPlatform.Sdk.Data.ObjectStore;

/// <summary>
/// Upload content whose length and SHA-256 are known and which can be read again: a seekable input hashed in place, or any
/// other input copied to a temp file (deleted on dispose) while hashing.
/// </summary>
internal sealed class SpooledContent : IAsyncDisposable
{
    private readonly bool _owned;

    private SpooledContent(Stream stream, long start, string sha256, bool owned)
    {
        Stream = stream;
        Length = stream.Length - start;
        Sha256 = sha256;
        _owned = owned;
    }

    public Stream Stream { get; }

    public long Length { get; }

    public string Sha256 { get; }

    public static async Task<SpooledContent> CreateAsync(Stream content, CancellationToken cancellationToken)
    {
        if (content.CanSeek)
        {
            var start = content.Position;
            var hash = await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false);
            content.Position = start;
            return new SpooledContent(content, start, Convert.ToHexStringLower(hash), owned: false);
        }

        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 20];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            file.Position = 0;
            return new SpooledContent(file, 0, Convert.ToHexStringLower(sha.GetHashAndReset()), owned: true);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _owned ? Stream.DisposeAsync() : ValueTask.CompletedTask;
}
