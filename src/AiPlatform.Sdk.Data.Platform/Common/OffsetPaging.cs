using System.Runtime.CompilerServices;

namespace AiPlatform.Sdk.Data.Platform.Common;

/// <summary>Walks a <c>limit</c>/<c>offset</c> listing page by page until a page comes back short or the reported total is reached.</summary>
internal static class OffsetPaging
{
    public static async IAsyncEnumerable<T> ReadAsync<T>(
        int pageSize, Func<int, CancellationToken, Task<(IReadOnlyList<T>? Items, int Total)>> page, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var offset = 0;
        while (true)
        {
            var (items, total) = await page(offset, cancellationToken).ConfigureAwait(false);
            foreach (var item in items ?? [])
            {
                yield return item;
            }

            offset += items?.Count ?? 0;
            if (items is null || items.Count < pageSize || offset >= total)
            {
                yield break;
            }
        }
    }
}
