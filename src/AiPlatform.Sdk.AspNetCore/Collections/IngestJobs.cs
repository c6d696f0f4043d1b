using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using AiPlatform.Sdk.AspNetCore.Security;

namespace AiPlatform.Sdk.AspNetCore.Collections;

/// <summary>
/// Ingest jobs: queued in memory, processed one at a time by <see cref="IngestWorker"/>, their state written to the data folder
/// on every change. A job that was queued or running when the host stopped is marked <c>failed</c> when the host starts again
/// (it is never retried on its own). Each job remembers its caller, so that its reads run with the caller's permissions, and can
/// be cancelled while queued or running.
/// </summary>
internal sealed class IngestJobs
{
    private readonly ConcurrentDictionary<string, IngestJobInfo> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (CancellationTokenSource Cancel, string? Reason)> _active = new(StringComparer.Ordinal);
    private readonly Channel<QueuedJob> _queue = Channel.CreateUnbounded<QueuedJob>();
    private readonly string _folder;
    private readonly TimeProvider _time;

    public IngestJobs(SemanticCollections collections, TimeProvider time)
    {
        _time = time;
        _folder = Path.Combine(collections.DataFolder, "jobs");
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.EnumerateFiles(_folder, "*.json"))
        {
            var job = JsonSerializer.Deserialize(File.ReadAllText(file), CollectionsJsonContext.Default.IngestJobInfo)!;
            if (job.Status is "queued" or "running")
            {
                job = job with { Status = "failed", Reason = "The host stopped before the job finished; submit the documents again.", CompletedAt = time.GetUtcNow() };
                Save(job);
            }

            _jobs[job.Id] = job;
        }
    }

    public ChannelReader<QueuedJob> Queue => _queue.Reader;

    public IngestJobInfo Enqueue(string collection, IngestRequest request, Caller caller)
    {
        var job = new IngestJobInfo(Guid.NewGuid().ToString("N"), collection, "queued", request.Documents.Count, 0, 0, [], null, _time.GetUtcNow(), null);
        Save(job);
        var cancel = new CancellationTokenSource();
        _active[job.Id] = (cancel, null);
        _queue.Writer.TryWrite(new QueuedJob(job.Id, request, caller, cancel.Token));
        return job;
    }

    /// <summary>Asks a queued or running job to stop; <see langword="false"/> when it has finished already.</summary>
    /// <param name="id">The job.</param>
    /// <param name="reason">Why, recorded as the job's reason.</param>
    public bool Cancel(string id, string reason)
    {
        if (!_active.TryGetValue(id, out var active) || !_active.TryUpdate(id, (active.Cancel, reason), active))
        {
            return false;
        }

        try
        {
            active.Cancel.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Stops every queued or running job of a collection, as when the collection is deleted.</summary>
    public void CancelForCollection(string collection, string reason)
    {
        foreach (var id in _active.Keys.Where(id => _jobs.TryGetValue(id, out var job) && job.Collection == collection))
        {
            Cancel(id, reason);
        }
    }

    /// <summary>Why the job was cancelled, if it was.</summary>
    public string? CancellationReason(string id) => _active.TryGetValue(id, out var active) ? active.Reason : null;

    /// <summary>Records the job's end and forgets its cancellation.</summary>
    public IngestJobInfo Finish(string id, Func<IngestJobInfo, IngestJobInfo> change)
    {
        var job = Update(id, j => change(j) with { CompletedAt = Now });
        if (_active.TryRemove(id, out var active))
        {
            active.Cancel.Dispose();
        }

        return job;
    }

    public IngestJobInfo? Find(string id) => _jobs.GetValueOrDefault(id);

    public IngestJobInfo Update(string id, Func<IngestJobInfo, IngestJobInfo> change)
    {
        var job = change(_jobs[id]);
        Save(job);
        return job;
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    private void Save(IngestJobInfo job)
    {
        _jobs[job.Id] = job;
        var path = Path.Combine(_folder, job.Id + ".json");
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(job, CollectionsJsonContext.Default.IngestJobInfo));
        File.Move(path + ".tmp", path, overwrite: true);
    }
}

/// <summary>A job waiting for the worker: its request, the caller it runs for and its cancellation.</summary>
internal sealed record QueuedJob(string Id, IngestRequest Request, Caller Caller, CancellationToken Cancellation);
