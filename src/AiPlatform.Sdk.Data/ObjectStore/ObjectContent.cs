namespace AiPlatform.Sdk.Data.ObjectStore;

/// <summary>An open object: its content stream and description. Dispose it to release the connection or file.</summary>
public sealed class ObjectContent : IAsyncDisposable, IDisposable
{
    internal ObjectContent(ObjectInfo info, Stream content, long length)
    {
        Info = info;
        Content = content;
        Length = length;
    }

    /// <summary>The object's description.</summary>
    public ObjectInfo Info { get; }

    /// <summary>The bytes read: the whole object or the requested range.</summary>
    public Stream Content { get; }

    /// <summary>How many bytes <see cref="Content"/> yields.</summary>
    public long Length { get; }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Content.DisposeAsync();

    /// <inheritdoc/>
    public void Dispose() => Content.Dispose();
}
