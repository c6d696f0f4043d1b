using System.Security.Cryptography;
using AiPlatform.Sdk.Data.ObjectStore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiPlatform.Sdk.Data.Tests.ObjectStore;

/// <summary>The behaviour every <see cref="IObjectStore"/> provider shares; one subclass per provider.</summary>
public abstract class ObjectStoreSuite : IAsyncLifetime
{
    private IHost? _host;

    protected IObjectStore Store => _host!.Services.GetRequiredService<IObjectStore>();

    protected string Bucket { get; } = $"suite-{Guid.NewGuid():N}"[..30];

    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }

    protected IHost Host => _host!;

    public async Task InitializeAsync()
    {
        _host = TestHost.Build(Settings);
        await Store.CreateBucketAsync(Bucket);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await Store.DeleteManyAsync(Bucket, await Store.ListAsync(Bucket).Select(o => o.Key).ToListAsync());
            _host.Dispose();
        }
    }

    [Fact]
    public async Task Put_then_get_returns_the_same_bytes_and_metadata()
    {
        var bytes = RandomBytes(10_000);
        var options = new PutObjectOptions { ContentType = "application/x-test" };
        options.Metadata["Owner"] = "team-a";

        var put = await Store.PutAsync(Bucket, "dir/file.bin", new MemoryStream(bytes), options);
        await using var got = await Store.GetAsync(Bucket, "dir/file.bin", new GetObjectOptions { VerifyChecksum = true });

        Assert.Equal(bytes, await ReadAllAsync(got.Content));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), put.Sha256);
        Assert.Equal("team-a", got.Info.Metadata["owner"]);
        Assert.Equal(bytes.Length, got.Info.Size);
    }

    [Fact]
    public async Task Put_accepts_a_stream_of_unknown_length()
    {
        var bytes = RandomBytes(70_000);

        await Store.PutAsync(Bucket, "unknown-length", new NonSeekableStream(bytes));
        var stat = await Store.StatAsync(Bucket, "unknown-length");

        Assert.Equal(bytes.Length, stat.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stat.Sha256);
    }

    [Fact]
    public async Task Stat_returns_user_metadata_and_content_type()
    {
        var options = new PutObjectOptions { ContentType = "text/plain" };
        options.Metadata["dataset-version"] = "7";
        await Store.PutAsync(Bucket, "stat.txt", new MemoryStream("hello"u8.ToArray()), options);

        var stat = await Store.StatAsync(Bucket, "stat.txt");

        Assert.Equal("7", stat.Metadata["dataset-version"]);
        Assert.StartsWith("text/plain", stat.ContentType, StringComparison.Ordinal);
        Assert.Equal(5, stat.Size);
    }

    [Fact]
    public async Task Ranged_read_returns_exactly_the_requested_bytes()
    {
        var bytes = RandomBytes(100_000);
        await Store.PutAsync(Bucket, "ranged.bin", new MemoryStream(bytes));

        await using var middle = await Store.GetAsync(Bucket, "ranged.bin", new GetObjectOptions { Offset = 12_345, Length = 1_000 });
        await using var tail = await Store.GetAsync(Bucket, "ranged.bin", new GetObjectOptions { Offset = 99_990 });

        Assert.Equal(bytes[12_345..13_345], await ReadAllAsync(middle.Content));
        Assert.Equal(bytes[99_990..], await ReadAllAsync(tail.Content));
    }

    [Fact]
    public async Task List_by_prefix_returns_matching_keys_in_order_across_pages()
    {
        for (var i = 0; i < 12; i++)
        {
            await Store.PutAsync(Bucket, $"list/{i:D2}.txt", new MemoryStream([(byte)i]));
        }

        await Store.PutAsync(Bucket, "other/x.txt", new MemoryStream([1]));

        var keys = await Store.ListAsync(Bucket, "list/").Select(o => o.Key).ToListAsync();

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"list/{i:D2}.txt"), keys);
    }

    [Fact]
    public async Task Copy_keeps_content_and_metadata()
    {
        var options = new PutObjectOptions();
        options.Metadata["origin"] = "source";
        await Store.PutAsync(Bucket, "copy/source", new MemoryStream("payload"u8.ToArray()), options);

        await Store.CopyAsync(Bucket, "copy/source", Bucket, "copy/target");
        await using var copy = await Store.GetAsync(Bucket, "copy/target", new GetObjectOptions { VerifyChecksum = true });

        Assert.Equal("payload"u8.ToArray(), await ReadAllAsync(copy.Content));
        Assert.Equal("source", copy.Info.Metadata["origin"]);
    }

    [Fact]
    public async Task Delete_one_and_many_remove_the_objects()
    {
        foreach (var key in new[] { "del/a", "del/b", "del/c" })
        {
            await Store.PutAsync(Bucket, key, new MemoryStream([1, 2, 3]));
        }

        await Store.DeleteAsync(Bucket, "del/a");
        await Store.DeleteManyAsync(Bucket, ["del/b", "del/c", "del/missing"]);

        Assert.Empty(await Store.ListAsync(Bucket, "del/").ToListAsync());
        await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Store.StatAsync(Bucket, "del/a"));
    }

    [Fact]
    public async Task Get_of_a_missing_object_is_not_found()
    {
        var error = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => Store.GetAsync(Bucket, "missing/object"));

        Assert.Equal("object-store", error.Service);
    }

    [Fact]
    public async Task Missing_bucket_is_reported_and_can_be_created()
    {
        var bucket = $"new-{Guid.NewGuid():N}"[..20];

        var before = await Store.BucketExistsAsync(bucket);
        await Store.CreateBucketAsync(bucket);

        Assert.False(before);
        Assert.True(await Store.BucketExistsAsync(bucket));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/../../escape")]
    [InlineData("/absolute")]
    [InlineData("nul\0char")]
    [InlineData("back\\slash")]
    [InlineData("")]
    public async Task Invalid_keys_are_rejected_as_validation_errors(string key)
    {
        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() => Store.PutAsync(Bucket, key, new MemoryStream([1])));

        Assert.Contains("key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overlong_keys_are_rejected_as_validation_errors()
    {
        var key = string.Join('/', Enumerable.Repeat(new string('k', 200), 6));

        await Assert.ThrowsAsync<AiPlatformValidationException>(() => Store.PutAsync(Bucket, key, new MemoryStream([1])));
    }

    [Fact]
    public async Task Invalid_bucket_names_are_rejected_as_validation_errors()
    {
        await Assert.ThrowsAsync<AiPlatformValidationException>(() => Store.CreateBucketAsync("Upper_Case"));
    }

    [Fact]
    public async Task Large_upload_reports_progress_and_reads_back_intact()
    {
        const int size = 50 * 1024 * 1024;
        var bytes = RandomBytes(size);
        var reports = new List<long>();
        var options = new PutObjectOptions { Progress = new SyncProgress(reports) };

        var info = await Store.PutAsync(Bucket, "large/50mb.bin", new NonSeekableStream(bytes), options);
        await using var got = await Store.GetAsync(Bucket, "large/50mb.bin", new GetObjectOptions { VerifyChecksum = true });
        var read = await ReadAllAsync(got.Content);

        Assert.Equal(size, info.Size);
        Assert.True(reports.Count > 1, $"only {reports.Count} progress reports");
        Assert.Equal(size, reports[^1]);
        Assert.Equal(reports.Order(), reports);
        Assert.True(read.AsSpan().SequenceEqual(bytes));
    }

    protected static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    protected static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private sealed class SyncProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
