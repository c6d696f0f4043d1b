using AiPlatform.Sdk.Vector.Indexing;
using AiPlatform.Sdk.Vector.Persistence;

namespace AiPlatform.Sdk.Vector.Tests.Persistence;

public sealed class PersistentIndexTests : IDisposable
{
    private static readonly VectorIndexDefinition Definition = new() { Dimension = ProbeVectors.Dimension, Metric = DistanceMetric.Euclidean };
    private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("aip-vector-").FullName, "idx");

    [Fact]
    public async Task Acknowledged_writes_survive_a_reopen_without_a_checkpoint()
    {
        await using (var index = await PersistentVectorIndex.OpenAsync(_folder, Definition))
        {
            await index.UpsertBatchAsync(new long[] { 1, 2, 3 }, ProbeVectors.For(1).Concat(ProbeVectors.For(2)).Concat(ProbeVectors.For(3)).ToArray());
            await index.UpsertAsync(2, ProbeVectors.For(20));
            Assert.True(await index.DeleteAsync(3));
        }

        await using var reopened = await PersistentVectorIndex.OpenAsync(_folder);

        Assert.Equal([1L, 2L], reopened.Index.GetIds().Order());
        Assert.Equal(ProbeVectors.For(20), reopened.Index.GetVector(2));
        Assert.Equal(2, reopened.Search(ProbeVectors.For(20), 1)[0].Id);
    }

    [Fact]
    public async Task A_checkpoint_writes_the_index_file_and_empties_the_log()
    {
        await using (var index = await PersistentVectorIndex.OpenAsync(_folder, Definition))
        {
            await index.UpsertAsync(7, ProbeVectors.For(7));
            await index.UpsertAsync(8, ProbeVectors.For(8));
            await index.DeleteAsync(8);
            await index.CheckpointAsync(compact: true);

            // An empty log is its header alone: the 8-byte magic "AIPVWAL1" (docs/vector.md, "Write-ahead log format, version 1").
            Assert.Equal(8, new FileInfo(Path.Combine(_folder, PersistentVectorIndex.LogFileName)).Length);
        }

        using var file = VectorIndexFile.Load(Path.Combine(_folder, PersistentVectorIndex.IndexFileName));
        Assert.Equal([7L], file.GetIds());
        Assert.Equal(0, file.TombstoneCount);
    }

    [Fact]
    public async Task A_torn_last_log_record_is_cut_off()
    {
        await using (var index = await PersistentVectorIndex.OpenAsync(_folder, Definition))
        {
            await index.UpsertAsync(1, ProbeVectors.For(1));
            await index.UpsertAsync(2, ProbeVectors.For(2));
        }

        var log = Path.Combine(_folder, PersistentVectorIndex.LogFileName);
        var bytes = File.ReadAllBytes(log);
        File.WriteAllBytes(log, bytes[..^5]);

        await using var reopened = await PersistentVectorIndex.OpenAsync(_folder);

        Assert.Equal([1L], reopened.Index.GetIds());
        Assert.True(new FileInfo(log).Length < bytes.Length - 5);
    }

    [Fact]
    public async Task A_garbled_log_record_before_the_end_fails_with_a_typed_error()
    {
        await using (var index = await PersistentVectorIndex.OpenAsync(_folder, Definition))
        {
            await index.UpsertAsync(1, ProbeVectors.For(1));
            await index.UpsertAsync(2, ProbeVectors.For(2));
        }

        var log = Path.Combine(_folder, PersistentVectorIndex.LogFileName);
        var bytes = File.ReadAllBytes(log);
        bytes[30] ^= 0xFF;
        File.WriteAllBytes(log, bytes);

        var error = await Assert.ThrowsAsync<VectorIndexFileException>(() => PersistentVectorIndex.OpenAsync(_folder));

        Assert.Equal(VectorIndexFileProblem.ChecksumMismatch, error.Problem);
    }

    [Fact]
    public async Task Reopening_with_another_definition_fails_with_a_mismatch()
    {
        await using (await PersistentVectorIndex.OpenAsync(_folder, Definition))
        {
        }

        var error = await Assert.ThrowsAsync<VectorIndexFileException>(() =>
            PersistentVectorIndex.OpenAsync(_folder, Definition with { Dimension = 8 }));

        Assert.Equal(VectorIndexFileProblem.Mismatch, error.Problem);
        Assert.Contains("dimension 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_vector_writes_nothing_to_the_log()
    {
        await using var index = await PersistentVectorIndex.OpenAsync(_folder, Definition);
        var log = Path.Combine(_folder, PersistentVectorIndex.LogFileName);
        var before = new FileInfo(log).Length;

        await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync(1, new float[3]));

        Assert.Equal(before, new FileInfo(log).Length);
        Assert.Equal(0, index.Index.Count);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
}
