using AiPlatform.Sdk.Data.Documents;

namespace AiPlatform.Sdk.Training;

/// <summary>The embedded stores' one way to change a document: read, change, replace at the version read, and on a conflict do it again.</summary>
internal static class DocumentUpdates
{
    /// <summary>Applies <paramref name="change"/> to the document <paramref name="id"/> until it is stored over the version it read.</summary>
    /// <exception cref="Exception">The one <paramref name="missing"/> makes, when there is no such document.</exception>
    public static async Task<T> UpdateAsync<T>(IDocumentStore<T> store, string id, Func<Exception> missing, Action<T> change, CancellationToken ct)
        where T : class
    {
        while (true)
        {
            var current = await store.GetAsync(id, ct).ConfigureAwait(false) ?? throw missing();
            change(current.Document);
            try
            {
                return (await store.ReplaceAsync(id, current.Document, current.Version, ct).ConfigureAwait(false)).Document;
            }
            catch (AiPlatformConflictException)
            {
                // Changed meanwhile: apply the change again to the newer version.
            }
        }
    }
}
