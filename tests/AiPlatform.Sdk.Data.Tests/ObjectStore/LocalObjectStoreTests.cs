using AiPlatform.Sdk.Data.ObjectStore;

namespace AiPlatform.Sdk.Data.Tests.ObjectStore;

public sealed class LocalObjectStoreTests : ObjectStoreSuite
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    [Fact]
    public async Task Corrupted_object_fails_verification_instead_of_returning_wrong_bytes()
    {
        await Store.PutAsync(Bucket, "corrupt.bin", new MemoryStream(RandomBytes(5_000)));
        var file = Directory.EnumerateFiles(((LocalObjectStore)Store).Root, "corrupt.bin", SearchOption.AllDirectories).Single();
        await using (var stream = File.Open(file, FileMode.Open))
        {
            stream.Position = stream.Length - 10;
            stream.WriteByte(0xFF);
            stream.WriteByte(0x00);
        }

        await using var got = await Store.GetAsync(Bucket, "corrupt.bin", new GetObjectOptions { VerifyChecksum = true });

        var error = await Assert.ThrowsAsync<ObjectIntegrityException>(() => ReadAllAsync(got.Content));
        Assert.NotEqual(error.Expected, error.Actual);
    }

    [Fact]
    public async Task Presigned_urls_are_not_supported_by_the_local_folder()
    {
        await Assert.ThrowsAsync<NotSupportedException>(() => Store.GetPresignedUrlAsync(Bucket, "x", HttpMethod.Get, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task An_interrupted_write_leaves_the_previous_object_intact()
    {
        await Store.PutAsync(Bucket, "atomic.bin", new MemoryStream([1, 2, 3]));

        await Assert.ThrowsAsync<IOException>(() => Store.PutAsync(Bucket, "atomic.bin", new FailingStream()));
        await using var got = await Store.GetAsync(Bucket, "atomic.bin", new GetObjectOptions { VerifyChecksum = true });

        Assert.Equal([1, 2, 3], await ReadAllAsync(got.Content));
    }

    private sealed class FailingStream : Stream
    {
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) =>
            _reads++ == 0 ? 1 : throw new IOException("the network went away");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
