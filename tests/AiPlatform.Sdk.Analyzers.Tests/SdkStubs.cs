namespace AiPlatform.Sdk.Analyzers.Tests;

/// <summary>Minimal stand-ins for the SDK and Microsoft.Extensions.VectorData types the test sources call.</summary>
internal static class SdkStubs
{
    public const string Source = """
        namespace AiPlatform.Sdk.Data.ObjectStore
        {
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class ObjectInfo { public long Length { get; set; } }

            public sealed class ObjectContent : System.IAsyncDisposable, System.IDisposable
            {
                public System.IO.Stream Content => System.IO.Stream.Null;
                public System.Threading.Tasks.ValueTask DisposeAsync() => default;
                public void Dispose() { }
            }

            public interface IObjectStore
            {
                Task<ObjectInfo> StatAsync(string bucket, string key, CancellationToken cancellationToken = default);
                Task<bool> BucketExistsAsync(string bucket, CancellationToken cancellationToken = default);
                Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken = default);
                Task DeleteManyAsync(string bucket, IEnumerable<string> keys, CancellationToken cancellationToken = default);
                Task<ObjectInfo> PutAsync(string bucket, string key, System.IO.Stream content, object? options = null, CancellationToken cancellationToken = default);
                ValueTask<int> CountAsync(string bucket, CancellationToken cancellationToken = default);
                Task<ObjectContent> GetAsync(string bucket, string key, object? options = null, CancellationToken cancellationToken = default);
            }
        }

        namespace AiPlatform.Sdk.Serving
        {
            using System.Threading;
            using System.Threading.Tasks;

            public class ModelClient
            {
                public virtual Task<string> ListModelsAsync() => Task.FromResult("");
                public virtual Task<string> ListModelsAsync(CancellationToken cancellationToken) => Task.FromResult("");
                public string Result { get; } = "";
            }
        }

        namespace AiPlatform.Sdk.Vector.Indexing
        {
            public abstract class VectorIndex
            {
                public abstract void Upsert(long id, System.ReadOnlySpan<float> vector);
                public abstract void UpsertBatch(System.ReadOnlySpan<long> ids, System.ReadOnlySpan<float> vectors);
            }
        }

        namespace Microsoft.Extensions.VectorData
        {
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            public abstract class VectorStoreCollection<TKey, TRecord>
            {
                public abstract Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default);
                public abstract Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default);
                public abstract IAsyncEnumerable<TRecord> SearchAsync<TInput>(TInput searchValue, int top, CancellationToken cancellationToken = default);
            }
        }

        namespace Other
        {
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Foreign
            {
                public Task<int> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(1);
            }
        }

        public sealed class Doc { public string Id { get; set; } = ""; }

        """;
}
