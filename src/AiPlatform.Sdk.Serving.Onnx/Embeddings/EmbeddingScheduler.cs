namespace AiPlatform.Sdk.Serving.Embeddings;

/// <summary>
/// Runs the planned batches of every concurrent request on at most <c>concurrency</c> model runs at once. Requests take turns
/// batch by batch, so a large request does not hold back a small one; when merging is on, the next batches of waiting requests
/// that fit together (by count and by padded tokens) share one run — micro-batching without any added delay, since batches
/// only merge while all runs are busy.
/// </summary>
internal sealed class EmbeddingScheduler(int concurrency, int batchSize, int maxBatchTokens, bool merge, EmbeddingScheduler.RunBatch run)
{
    private readonly Lock _lock = new();
    private readonly Queue<Request> _waiting = new();
    private int _running;
    private long _runs;

    /// <summary>Embeds the texts of one model run, which <paramref name="callers"/> requests share, into their result arrays.</summary>
    public delegate void RunBatch(IReadOnlyList<EmbeddingJob> batch, int callers, CancellationToken cancellationToken);

    /// <summary>How many model runs have started.</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>Runs <paramref name="batches"/>; completes when all have run, or fails with the first failure or the cancellation.</summary>
    public Task RunAsync(IReadOnlyList<EmbeddingJob[]> batches, CancellationToken cancellationToken)
    {
        if (batches.Count == 0)
        {
            return Task.CompletedTask;
        }

        var request = new Request(batches, cancellationToken);
        lock (_lock)
        {
            _waiting.Enqueue(request);
        }

        request.CancelWith(cancellationToken);
        Pump();
        return request.Completion.Task;
    }

    private void Pump()
    {
        while (true)
        {
            Group group;
            lock (_lock)
            {
                if (_running >= concurrency || !TryTakeGroup(out group))
                {
                    return;
                }

                _running++;
                _runs++;
            }

            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Scheduler.Execute(state.Group), (Scheduler: this, Group: group), preferLocal: false);
        }
    }

    /// <summary>Takes the next batch of the request whose turn it is, then — when merging — the next batches of others that fit beside it.</summary>
    private bool TryTakeGroup(out Group group)
    {
        group = default;
        if (!TryTakeBatch(fits: null, out var first, out var owner))
        {
            return false;
        }

        var jobs = new List<EmbeddingJob>(first);
        var owners = new List<Request> { owner };
        var longest = Longest(first);
        bool Fits(EmbeddingJob[] next)
        {
            var count = jobs.Count + next.Length;
            return count <= batchSize && (long)count * Math.Max(longest, Longest(next)) <= maxBatchTokens;
        }

        while (merge && jobs.Count < batchSize && TryTakeBatch(Fits, out var next, out var nextOwner))
        {
            jobs.AddRange(next);
            owners.Add(nextOwner);
            longest = Math.Max(longest, Longest(next));
        }

        group = new Group(jobs, owners);
        return true;
    }

    private static int Longest(EmbeddingJob[] batch) => batch.Max(j => j.Text.Ids.Length);

    /// <summary>Dequeues the first live request (whose next batch passes <paramref name="fits"/>), takes that batch and requeues the request if it has more.</summary>
    private bool TryTakeBatch(Func<EmbeddingJob[], bool>? fits, out EmbeddingJob[] batch, out Request owner)
    {
        for (var turns = _waiting.Count; turns > 0; turns--)
        {
            var request = _waiting.Dequeue();
            if (request.Completion.Task.IsCompleted)
            {
                continue;
            }

            if (fits is not null && !fits(request.Peek()))
            {
                _waiting.Enqueue(request);
                continue;
            }

            batch = request.Take();
            owner = request;
            if (request.HasMore)
            {
                _waiting.Enqueue(request);
            }

            return true;
        }

        batch = [];
        owner = null!;
        return false;
    }

    private void Execute(Group group)
    {
        try
        {
            var token = group.Owners.Count == 1 ? group.Owners[0].CancellationToken : CancellationToken.None;
            run(group.Jobs, group.Owners.Distinct().Count(), token);
            foreach (var owner in group.Owners)
            {
                owner.BatchDone();
            }
        }
        catch (Exception ex)
        {
            foreach (var owner in group.Owners)
            {
                owner.Fail(ex);
            }
        }
        finally
        {
            lock (_lock)
            {
                _running--;
            }

            Pump();
        }
    }

    private readonly record struct Group(List<EmbeddingJob> Jobs, List<Request> Owners);

    /// <summary>One caller's batches, the next to run, and how many have not finished.</summary>
    private sealed class Request(IReadOnlyList<EmbeddingJob[]> batches, CancellationToken cancellationToken)
    {
        private int _next;
        private int _unfinished = batches.Count;
        private CancellationTokenRegistration _registration;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken CancellationToken => cancellationToken;

        public bool HasMore => _next < batches.Count;

        public EmbeddingJob[] Peek() => batches[_next];

        public EmbeddingJob[] Take() => batches[_next++];

        public void CancelWith(CancellationToken token)
        {
            if (token.CanBeCanceled)
            {
                _registration = token.Register(static state => ((Request)state!).Cancel(), this);
            }
        }

        public void BatchDone()
        {
            if (Interlocked.Decrement(ref _unfinished) == 0 && Completion.TrySetResult())
            {
                _registration.Dispose();
            }
        }

        public void Fail(Exception exception)
        {
            var settled = exception is OperationCanceledException && cancellationToken.IsCancellationRequested
                ? Completion.TrySetCanceled(cancellationToken)
                : Completion.TrySetException(exception);
            if (settled)
            {
                _registration.Dispose();
            }
        }

        private void Cancel()
        {
            Completion.TrySetCanceled(cancellationToken);
        }
    }
}

/// <summary>One text to embed and where its vector goes: <c>Vectors[Index]</c>.</summary>
internal readonly record struct EmbeddingJob(EncodedText Text, float[][] Vectors, int Index);
