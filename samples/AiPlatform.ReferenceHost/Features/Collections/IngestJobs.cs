using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;

namespace AiPlatform.ReferenceHost.Features.Collections;

/// <summary>
/// Ingest jobs: queued in memory, processed one at a time by <see cref="IngestWorker"/>, their state written to the data folder
/// on every change. A job that was queued or running when the host stopped is marked <c>failed</c> when the host starts again
/// (it is never retried on its own).
/// </summary>
internal sealed class IngestJobs
{
    private readonly ConcurrentDictionary<string, IngestJobInfo> _jobs = new(StringComparer.Ordinal);
    private readonly Channel<(string Id, IngestRequest Request)> _queue = Channel.CreateUnbounded<(string, IngestRequest)>();
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

    public ChannelReader<(string Id, IngestRequest Request)> Queue => _queue.Reader;

    public IngestJobInfo Enqueue(string collection, IngestRequest request)
    {
        var job = new IngestJobInfo(Guid.NewGuid().ToString("N"), collection, "queued", request.Documents.Count, 0, 0, [], null, _time.GetUtcNow(), null);
        Save(job);
        _queue.Writer.TryWrite((job.Id, request));
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
