using System.Buffers.Binary;
using AiPlatform.Sdk.Vector.Persistence;

namespace AiPlatform.Sdk.Vector.Tests.Persistence;

public sealed class CorruptFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aip-vector-").FullName;
    private readonly string _path;
    private readonly byte[] _bytes;

    public CorruptFileTests()
    {
        _path = Path.Combine(_folder, "index.aipv");
        using var index = IndexFileTests.Create("hnsw-int8");
        VectorIndexFile.Save(index, _path);
        _bytes = File.ReadAllBytes(_path);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(5000)]
    [InlineData(-1)]
    [InlineData(-9)]
    public void A_truncated_file_fails_with_a_typed_error(int keep)
    {
        File.WriteAllBytes(_path, _bytes[..(keep >= 0 ? keep : _bytes.Length + keep)]);

        var error = Assert.Throws<VectorIndexFileException>(() => VectorIndexFile.Load(_path));

        Assert.Equal(VectorIndexFileProblem.Truncated, error.Problem);
        Assert.Contains(_path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.95)]
    public void A_flipped_byte_fails_with_a_checksum_error(double where)
    {
        var offset = where >= 1 ? (int)where : (int)(_bytes.Length * where);
        _bytes[offset] ^= 0x5A;
        File.WriteAllBytes(_path, _bytes);

        var error = Assert.Throws<VectorIndexFileException>(() => VectorIndexFile.Load(_path));

        Assert.True(error.Problem is VectorIndexFileProblem.ChecksumMismatch or VectorIndexFileProblem.NotAnIndex, error.Message);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void A_flipped_byte_in_the_vectors_fails_when_loaded_memory_mapped()
    {
        _bytes[_bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(_path, _bytes);

        var error = Assert.Throws<VectorIndexFileException>(() => VectorIndexFile.Load(_path, memoryMapped: true));

        Assert.Equal(VectorIndexFileProblem.ChecksumMismatch, error.Problem);
    }

    [Fact]
    public void A_file_of_another_version_fails_with_the_version_in_the_message()
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_bytes.AsSpan(8), 7);
        File.WriteAllBytes(_path, _bytes);

        var error = Assert.Throws<VectorIndexFileException>(() => VectorIndexFile.Load(_path));

        Assert.Equal(VectorIndexFileProblem.UnsupportedVersion, error.Problem);
        Assert.Contains("format version 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_an_index_fails_as_such()
    {
        File.WriteAllText(_path, new string('x', 500));

        var error = Assert.Throws<VectorIndexFileException>(() => VectorIndexFile.Load(_path));

        Assert.Equal(VectorIndexFileProblem.NotAnIndex, error.Problem);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
