using Microsoft.CodeAnalysis.Testing;

namespace AiPlatform.Sdk.Analyzers.Tests;

public sealed class UnboundedPageStreamAnalyzerTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using AiPlatform.Sdk.Data.Documents;
        using AiPlatform.Sdk.Data.ObjectStore;
        using AiPlatform.Sdk.Data.Platform.Airflow;
        using AiPlatform.Sdk.Training.Tracking;
        using AiPlatform.Sdk.Vector;
        using Other;

        """;

    private const string Loop = "the 'await foreach' that adds each item to a collection";

    private static DiagnosticResult Unbounded(int marker, string method, string collector) =>
        AnalyzerTest<UnboundedPageStreamAnalyzer>.Info(DiagnosticIds.UnboundedPageStream).WithLocation(marker).WithArguments(method, collector);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerTest<UnboundedPageStreamAnalyzer>.VerifyAsync(Usings + source + PagingStubs.Source, expected);

    [Fact]
    public Task Collecting_a_list_call_is_reported() => VerifyAsync("""
        class App
        {
            async Task<List<AirflowDag>> Dags(IAirflowClient airflow, CancellationToken ct) =>
                await {|#0:airflow.ListDagsAsync(ct)|}.ToListAsync(ct);

            async Task<HashSet<string>> Keys(IObjectStore store) =>
                (await {|#1:store.ListAsync("raw", prefix: "2024/")|}.ToArrayAsync()).Select(o => o.Key).ToHashSet();
        }
        """,
        Unbounded(0, "ListDagsAsync", "'ToListAsync'"),
        Unbounded(1, "ListAsync", "'ToArrayAsync'"));

    [Fact]
    public Task Operators_that_do_not_bound_the_stream_are_seen_through() => VerifyAsync("""
        class App
        {
            async Task<string[]> Finished(IExperimentTracker tracker) =>
                await {|#0:tracker.SearchRunsAsync(new RunQuery { PageSize = 100 })|}
                    .Where(r => r.Status == "FINISHED")
                    .Select(r => r.RunId)
                    .ToArrayAsync();

            async Task<Dictionary<string, AirflowDag>> ById(IAirflowClient airflow) =>
                await {|#1:airflow.ListDagsAsync()|}.Where(d => !d.IsPaused).ToDictionaryAsync(d => d.DagId);
        }
        """,
        Unbounded(0, "SearchRunsAsync", "'ToArrayAsync'"),
        Unbounded(1, "ListDagsAsync", "'ToDictionaryAsync'"));

    [Fact]
    public Task An_await_foreach_that_adds_every_item_to_a_collection_is_reported() => VerifyAsync("""
        class App
        {
            async Task<List<string>> Keys(IObjectStore store, CancellationToken ct)
            {
                var keys = new List<string>();
                await foreach (var item in {|#0:store.ListAsync("raw")|}.WithCancellation(ct).ConfigureAwait(false))
                {
                    if (item.Length > 0)
                    {
                        keys.Add(item.Key);
                    }
                }

                return keys;
            }

            async Task<Dictionary<string, Run>> Runs(IExperimentTracker tracker)
            {
                var runs = new Dictionary<string, Run>();
                await foreach (var run in {|#1:tracker.SearchRunsAsync(new RunQuery())|})
                    runs.Add(run.RunId, run);
                return runs;
            }
        }
        """,
        Unbounded(0, "ListAsync", Loop),
        Unbounded(1, "SearchRunsAsync", Loop));

    [Fact]
    public Task A_query_call_without_a_query_is_unbounded() => VerifyAsync("""
        class App
        {
            async Task<List<Doc>> All(IDocumentStore<Doc> documents) => await {|#0:documents.QueryAsync()|}.ToListAsync();

            async Task<List<Doc>> AllNull(IDocumentStore<Doc> documents) => await {|#1:documents.QueryAsync(null)|}.ToListAsync();
        }
        """,
        Unbounded(0, "QueryAsync", "'ToListAsync'"),
        Unbounded(1, "QueryAsync", "'ToListAsync'"));

    [Fact]
    public Task A_stream_bounded_with_Take_is_not_reported() => VerifyAsync("""
        class App
        {
            async Task Bounded(IAirflowClient airflow, IExperimentTracker tracker, IObjectStore store)
            {
                var dags = await airflow.ListDagsAsync().Take(50).ToListAsync();
                var runs = await tracker.SearchRunsAsync(new RunQuery()).Where(r => r.Status == "FAILED").Take(10).ToArrayAsync();
                var prefix = await store.ListAsync("raw").TakeWhile(o => o.Length > 0).ToListAsync();
                var first = await store.ListAsync("raw").FirstOrDefaultAsync();
            }
        }
        """);

    [Fact]
    public Task Calls_bounded_by_a_parameter_or_given_a_query_are_not_reported() => VerifyAsync("""
        class App
        {
            async Task Bounded(IVectorSearch search, IDocumentStore<Doc> documents, DocumentQuery<Doc> query)
            {
                var nearest = await search.SearchAsync("churn", top: 5).ToListAsync();
                var page = await documents.QueryAsync(new DocumentQuery<Doc>().Page(0, 100)).ToListAsync();
                var given = await documents.QueryAsync(query).ToListAsync();
            }
        }
        """);

    [Fact]
    public Task A_loop_that_stops_early_or_keeps_nothing_is_not_reported() => VerifyAsync("""
        class App
        {
            async Task<List<string>> FirstHundred(IObjectStore store)
            {
                var keys = new List<string>();
                await foreach (var item in store.ListAsync("raw"))
                {
                    keys.Add(item.Key);
                    if (keys.Count == 100)
                    {
                        break;
                    }
                }

                return keys;
            }

            async Task<AirflowDag?> Find(IAirflowClient airflow, string id)
            {
                var seen = new List<string>();
                await foreach (var dag in airflow.ListDagsAsync())
                {
                    seen.Add(dag.DagId);
                    if (dag.DagId == id)
                    {
                        return dag;
                    }
                }

                return null;
            }

            async Task<long> Total(IObjectStore store)
            {
                long total = 0;
                var sizes = new List<long>();
                await foreach (var item in store.ListAsync("raw"))
                {
                    total += item.Length;
                    sizes.Add(42);
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task Streams_that_are_not_sdk_paging_calls_are_not_reported() => VerifyAsync("""
        class App
        {
            async Task<List<string>> Feed(IFeed feed)
            {
                var all = await feed.ListAsync().ToListAsync();
                await foreach (var line in feed.ListAsync())
                {
                    all.Add(line);
                }

                return all;
            }

            async Task<List<int>> Local() => await Numbers().ToListAsync();

            static async IAsyncEnumerable<int> Numbers()
            {
                await Task.Yield();
                yield return 1;
            }
        }
        """);
}
