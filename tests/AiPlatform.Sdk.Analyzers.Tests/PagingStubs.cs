namespace AiPlatform.Sdk.Analyzers.Tests;

/// <summary>Minimal stand-ins for SDK interfaces with paging calls (and a foreign one) that AIP2004's test sources call.</summary>
internal static class PagingStubs
{
    public const string Source = """

        namespace AiPlatform.Sdk.Data.Platform.Airflow
        {
            using System.Collections.Generic;
            using System.Threading;

            public sealed class AirflowDag { public string DagId { get; set; } = ""; public bool IsPaused { get; set; } }

            public interface IAirflowClient
            {
                IAsyncEnumerable<AirflowDag> ListDagsAsync(CancellationToken cancellationToken = default);
            }
        }

        namespace AiPlatform.Sdk.Training.Tracking
        {
            using System.Collections.Generic;
            using System.Threading;

            public sealed class Run { public string RunId { get; set; } = ""; public string Status { get; set; } = ""; }

            public sealed record RunQuery { public int PageSize { get; init; } = 1000; }

            public interface IExperimentTracker
            {
                IAsyncEnumerable<Run> SearchRunsAsync(RunQuery query, CancellationToken cancellationToken = default);
            }
        }

        namespace AiPlatform.Sdk.Data.ObjectStore
        {
            using System.Collections.Generic;
            using System.Threading;

            public sealed class ObjectInfo { public string Key { get; set; } = ""; public long Length { get; set; } }

            public interface IObjectStore
            {
                IAsyncEnumerable<ObjectInfo> ListAsync(string bucket, string? prefix = null, CancellationToken cancellationToken = default);
            }
        }

        namespace AiPlatform.Sdk.Data.Documents
        {
            using System.Collections.Generic;
            using System.Threading;

            public sealed class DocumentQuery<T>
            {
                public int? Limit { get; private set; }
                public DocumentQuery<T> Page(int skip, int limit) { Limit = limit; return this; }
            }

            public interface IDocumentStore<T>
            {
                IAsyncEnumerable<T> QueryAsync(DocumentQuery<T>? query = null, CancellationToken cancellationToken = default);
            }
        }

        namespace AiPlatform.Sdk.Vector
        {
            using System.Collections.Generic;
            using System.Threading;

            public interface IVectorSearch
            {
                IAsyncEnumerable<string> SearchAsync(string query, int top, CancellationToken cancellationToken = default);
            }
        }

        namespace Other
        {
            using System.Collections.Generic;
            using System.Threading;

            public interface IFeed
            {
                IAsyncEnumerable<string> ListAsync(CancellationToken cancellationToken = default);
            }
        }

        public sealed class Doc { public string Id { get; set; } = ""; }

        """;
}
