using System.Text;
using AiPlatform.Sdk.AspNetCore.Security;
using AiPlatform.Sdk;
using AiPlatform.Sdk.Data.ObjectStore;
using Microsoft.Extensions.AI;

namespace AiPlatform.Sdk.AspNetCore.Collections;

/// <summary>
/// Runs ingest jobs: for each document, reads its text (inline, or a plain-text or Markdown object from the object store),
/// splits it into overlapping chunks, embeds them in batches and upserts them with their source and offsets. A document that
/// cannot be processed is recorded with its reason and skipped; the job then ends <c>failed</c> after the other documents.
/// </summary>
internal sealed partial class IngestWorker(
    IngestJobs jobs, SemanticCollections collections, ObjectAccess access, IServiceProvider services, ILogger<IngestWorker> logger) : BackgroundService
{
    /// <summary>The reason of a job cancelled through <c>DELETE /v1/jobs/{id}</c>.</summary>
    internal const string CancelledByCaller = "The job was cancelled.";
    internal const int DefaultChunkSize = 800;
    internal const int DefaultChunkOverlap = 160;
    private const int EmbeddingBatch = 64;
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var queued in jobs.Queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, queued.Cancellation);
            try
            {
                await RunAsync(queued, cancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (queued.Cancellation.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                var reason = jobs.CancellationReason(queued.Id);
                jobs.Finish(queued.Id, j => j with
                {
                    Status = reason == CancelledByCaller ? "cancelled" : "failed",
                    Reason = reason ?? CancelledByCaller,
                });
            }
        }
    }

    private async Task RunAsync(QueuedJob queued, CancellationToken cancellationToken)
    {
        var (id, request, caller, _) = queued;
        cancellationToken.ThrowIfCancellationRequested();
        var job = jobs.Update(id, j => j with { Status = "running" });
        var entry = collections.Find(job.Collection);
        var generator = collections.Generator;
        if (entry is null || generator is null)
        {
            jobs.Finish(id, j => j with
            {
                Status = "failed",
                Reason = entry is null ? $"Collection '{job.Collection}' no longer exists." : "No embedding model is configured (AiPlatform:Serving:Embeddings).",
            });
            return;
        }

        var collection = collections.Collection(entry);
        var size = request.ChunkSize ?? DefaultChunkSize;
        var overlap = request.ChunkOverlap ?? DefaultChunkOverlap;
        for (var index = 0; index < request.Documents.Count; index++)
        {
            var document = request.Documents[index];
            var documentId = document.Id ?? document.ObjectKey ?? $"document-{index}";
            try
            {
                var text = await ReadTextAsync(document, caller, cancellationToken).ConfigureAwait(false);
                var indexed = await IngestAsync(text, document, documentId, collection, generator, size, overlap, cancellationToken).ConfigureAwait(false);
                jobs.Update(id, j => j with { ProcessedDocuments = j.ProcessedDocuments + 1, IndexedChunks = j.IndexedChunks + indexed });
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogDocumentFailed(logger, documentId, id, e.Message);
                jobs.Update(id, j => j with
                {
                    ProcessedDocuments = j.ProcessedDocuments + 1,
                    Failures = [.. j.Failures, new DocumentFailure(documentId, e.Message)],
                });
            }
        }

        jobs.Finish(id, j => j with
        {
            Status = j.Failures.Count == 0 ? "succeeded" : "failed",
            Reason = j.Failures.Count == 0 ? null
                : $"{j.Failures.Count} of {j.TotalDocuments} document(s) could not be processed: " +
                  string.Join("; ", j.Failures.Take(5).Select(f => $"{f.DocumentId}: {f.Reason}")),
        });
    }

    private static async Task<int> IngestAsync(
        string text,
        DocumentInput document,
        string documentId,
        Microsoft.Extensions.VectorData.VectorStoreCollection<Guid, ChunkRecord> collection,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        int size,
        int overlap,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidDataException("The document has no text.");
        }

        var source = document.Source ?? document.ObjectKey ?? documentId;
        var chunks = TextChunker.Split(text, size, overlap);
        foreach (var batch in chunks.Chunk(EmbeddingBatch))
        {
            var embeddings = await generator.GenerateAsync(batch.Select(c => c.Text), cancellationToken: cancellationToken).ConfigureAwait(false);
            await collection.UpsertAsync(batch.Select((chunk, i) => new ChunkRecord
            {
                Id = ChunkId(documentId, chunk.Start),
                DocumentId = documentId,
                Source = source,
                Text = chunk.Text,
                Start = chunk.Start,
                End = chunk.End,
                Tags = [.. document.Tags ?? []],
                Vector = embeddings[i].Vector,
            }), cancellationToken).ConfigureAwait(false);
        }

        return chunks.Count;
    }

    // Reads run with the caller's permissions, checked now (not when the job was accepted): a caller that may not read the bucket
    // learns nothing about its keys, the same answer as for a key that does not exist.
    private async Task<string> ReadTextAsync(DocumentInput document, Caller caller, CancellationToken cancellationToken)
    {
        if (document.Text is { } inline)
        {
            return inline;
        }

        if (document.Bucket is not { } bucket || document.ObjectKey is not { } key)
        {
            throw new InvalidDataException("A document needs 'text', or 'bucket' and 'objectKey'.");
        }

        var store = services.GetService<IObjectStore>() ?? throw new InvalidOperationException("No object store is configured.");
        var unreadable = new InvalidDataException($"Object '{key}' of bucket '{bucket}' does not exist or the caller may not read it.");
        if (!await access.MayAsync(caller, "read", $"bucket:{bucket}", cancellationToken).ConfigureAwait(false))
        {
            throw unreadable;
        }

        ObjectContent content;
        try
        {
            content = await store.GetAsync(bucket, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (AiPlatformNotFoundException)
        {
            throw unreadable;
        }

        await using var _ = content;
        var type = document.ContentType ?? content.Info.ContentType;
        if (!IsText(type, key))
        {
            throw new NotSupportedException($"Content type '{type ?? "unknown"}' of '{key}' is not supported; plain text and Markdown are.");
        }

        using var buffer = new MemoryStream();
        await content.Content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        try
        {
            return StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"'{key}' is not valid UTF-8 text.");
        }
    }

    private static bool IsText(string? contentType, string key) =>
        contentType is not null && contentType.Split(';')[0].Trim() is "text/plain" or "text/markdown" or "text/x-markdown"
        || contentType is null or "application/octet-stream" && Path.GetExtension(key).ToLowerInvariant() is ".txt" or ".md" or ".markdown";

    private static Guid ChunkId(string documentId, int start)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{documentId}\n{start}"));
        return new Guid(bytes.AsSpan(0, 16));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} of ingest job {JobId} could not be processed: {Reason}")]
    private static partial void LogDocumentFailed(ILogger logger, string documentId, string jobId, string reason);
}
