using System.Text.Json.Nodes;
using AiPlatform.Sdk.Data.ObjectStore;

namespace AiPlatform.Sdk.Data.Platform.LabelStudio;

/// <summary>Imports objects held in the Data layer's <see cref="IObjectStore"/> into Label Studio as tasks that point at them.</summary>
public static class LabelStudioObjectStoreExtensions
{
    /// <summary>The longest validity of a presigned URL (S3's limit), used when no expiry is given.</summary>
    public static readonly TimeSpan MaxUrlExpiry = TimeSpan.FromDays(7);

    /// <summary>
    /// Imports one task per object, in the order given, whose <paramref name="dataField"/> is a presigned GET URL of the object
    /// (<c>{"image": "https://minio:9000/raw/cats/1.jpg?X-Amz-Signature=..."}</c>), so Label Studio's browser loads the media straight
    /// from the store without store credentials. Every URL is signed before anything is imported. Label Studio keeps the URL as sent:
    /// once it expires, annotators can no longer load the object.
    /// </summary>
    /// <param name="client">The Label Studio client.</param>
    /// <param name="projectId">The project's id.</param>
    /// <param name="store">The store holding the objects; it must presign URLs (an S3-compatible store, not the local folder).</param>
    /// <param name="objects">The objects, such as the result of <see cref="IObjectStore.ListAsync"/>.</param>
    /// <param name="dataField">The task field the labeling configuration reads, <c>image</c> for <c>$image</c>.</param>
    /// <param name="urlExpiry">How long each URL stays valid: 1 second to 7 days; <see cref="MaxUrlExpiry"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the signing and the import.</param>
    /// <returns>The count and the ids of the created tasks, in the order of <paramref name="objects"/>.</returns>
    /// <exception cref="NotSupportedException">The store cannot presign URLs (the local-folder store); nothing was imported.</exception>
    public static async Task<LabelStudioImportResult> ImportObjectsAsync(
        this ILabelStudioClient client, int projectId, IObjectStore store, IEnumerable<ObjectInfo> objects, string dataField = "image",
        TimeSpan? urlExpiry = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataField);
        var tasks = new List<JsonObject>();
        foreach (var item in objects)
        {
            var url = await store.GetPresignedUrlAsync(item.Bucket, item.Key, HttpMethod.Get, urlExpiry ?? MaxUrlExpiry, cancellationToken).ConfigureAwait(false);
            tasks.Add(new JsonObject { [dataField] = url.AbsoluteUri });
        }

        return await client.ImportTasksAsync(projectId, tasks, cancellationToken).ConfigureAwait(false);
    }
}
