using System.Collections.Concurrent;
using AiPlatform.Sdk.Serving.Embeddings;

namespace AiPlatform.Sdk.Serving.Tests.Embeddings;

/// <summary>The scheduler with a model run that records its batches and can be held at a gate, so every ordering is deterministic.</summary>
public sealed class EmbeddingSchedulerTests
{
    private readonly ConcurrentQueue<IReadOnlyList<EmbeddingJob>> _runs = new();
    private readonly SemaphoreSlim _gate = new(0);
    private int _inFlight;
    private int _mostInFlight;

    [Fact]
    public async Task Waiting_single_text_requests_share_one_run()
    {
        var scheduler = Scheduler(concurrency: 1, batchSize: 16, merge: true);
        var blocker = scheduler.RunAsync([Batch(1, 5)], CancellationToken.None);
        var small = Enumerable.Range(0, 10).Select(_ => scheduler.RunAsync([Batch(1, 5)], CancellationToken.None)).ToArray();

        _gate.Release(int.MaxValue / 2);
        await Task.WhenAll([blocker, .. small]);

        Assert.Equal(2, scheduler.Runs);
        Assert.Equal(10, _runs.Last().Count);
    }

    [Fact]
    public async Task Without_micro_batching_every_request_runs_alone()
    {
        var scheduler = Scheduler(concurrency: 1, batchSize: 16, merge: false);
        var blocker = scheduler.RunAsync([Batch(1, 5)], CancellationToken.None);
        var small = Enumerable.Range(0, 10).Select(_ => scheduler.RunAsync([Batch(1, 5)], CancellationToken.None)).ToArray();

        _gate.Release(int.MaxValue / 2);
        await Task.WhenAll([blocker, .. small]);

        Assert.Equal(11, scheduler.Runs);
        Assert.All(_runs, run => Assert.Single(run));
    }

    [Fact]
    public async Task Merged_runs_stay_within_the_batch_size_and_the_token_budget()
    {
        var scheduler = Scheduler(concurrency: 1, batchSize: 8, merge: true, maxBatchTokens: 100);
        var blocker = scheduler.RunAsync([Batch(1, 5)], CancellationToken.None);
        var waiting = Enumerable.Range(0, 30).Select(i => scheduler.RunAsync([Batch(1, 10 + (i % 3 * 10))], CancellationToken.None)).ToArray();

        _gate.Release(int.MaxValue / 2);
        await Task.WhenAll([blocker, .. waiting]);

        Assert.Equal(31, _runs.Sum(r => r.Count));
        Assert.All(_runs, run => Assert.True(run.Count <= 8 && run.Count * run.Max(j => j.Text.Ids.Length) <= 100, $"{run.Count} texts of up to {run.Max(j => j.Text.Ids.Length)} tokens"));
        Assert.Contains(_runs, run => run.Count > 1);
    }

    [Fact]
    public async Task A_small_request_runs_between_the_batches_of_a_large_one()
    {
        var scheduler = Scheduler(concurrency: 1, batchSize: 4, merge: true);
        var large = scheduler.RunAsync([.. Enumerable.Range(0, 20).Select(_ => Batch(4, 8))], CancellationToken.None);
        var small = scheduler.RunAsync([Batch(1, 8, marker: 99)], CancellationToken.None);

        _gate.Release(int.MaxValue / 2);
        await Task.WhenAll(large, small);

        var order = _runs.ToList();
        Assert.Equal(21, order.Count);
        Assert.Contains(order.Take(3), run => run.Any(j => j.Index == 99));
    }

    [Fact]
    public async Task Runs_never_exceed_the_concurrency()
    {
        var scheduler = Scheduler(concurrency: 2, batchSize: 1, merge: false);
        var requests = Enumerable.Range(0, 6).Select(_ => scheduler.RunAsync([Batch(1, 5), Batch(1, 5)], CancellationToken.None)).ToArray();

        while (Volatile.Read(ref _inFlight) < 2)
        {
            await Task.Delay(10);
        }

        _gate.Release(int.MaxValue / 2);
        await Task.WhenAll(requests);

        Assert.Equal(2, _mostInFlight);
        Assert.Equal(12, scheduler.Runs);
    }

    [Fact]
    public async Task A_cancelled_waiting_request_is_dropped_and_the_others_complete()
    {
        var scheduler = Scheduler(concurrency: 1, batchSize: 1, merge: false);
        using var cts = new CancellationTokenSource();
        var blocker = scheduler.RunAsync([Batch(1, 5)], CancellationToken.None);
        var cancelled = scheduler.RunAsync([Batch(1, 5, marker: 7), Batch(1, 5, marker: 7)], cts.Token);
        var other = scheduler.RunAsync([Batch(1, 5)], CancellationToken.None);

        await cts.CancelAsync();
        _gate.Release(int.MaxValue / 2);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await Task.WhenAll(blocker, other);
        Assert.DoesNotContain(_runs, run => run.Any(j => j.Index == 7));
    }

    [Fact]
    public async Task A_failed_run_fails_its_requests_only()
    {
        var scheduler = new EmbeddingScheduler(1, 1, 8192, merge: false, (batch, _, _) =>
        {
            if (batch[0].Index == 13)
            {
                throw new InvalidOperationException("model failed");
            }
        });

        var failing = scheduler.RunAsync([Batch(1, 5, marker: 13)], CancellationToken.None);
        var healthy = scheduler.RunAsync([Batch(1, 5)], CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("model failed", ex.Message);
        await healthy;
    }

    private static EmbeddingJob[] Batch(int count, int tokens, int marker = 0) =>
        [.. Enumerable.Range(0, count).Select(_ => new EmbeddingJob(new EncodedText(new int[tokens], tokens, false), new float[100][], marker))];

    private EmbeddingScheduler Scheduler(int concurrency, int batchSize, bool merge, int maxBatchTokens = 8192) =>
        new(concurrency, batchSize, maxBatchTokens, merge, (batch, _, _) =>
        {
            var now = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _mostInFlight, now);
            _runs.Enqueue(batch);
            _gate.Wait();
            Interlocked.Decrement(ref _inFlight);
        });

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
