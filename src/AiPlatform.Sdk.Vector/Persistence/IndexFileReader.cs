using System.Buffers.Binary;
using System.IO.Hashing;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using AiPlatform.Sdk.Vector.Indexing;
using AiPlatform.Sdk.Vector.Quantization;

namespace AiPlatform.Sdk.Vector.Persistence;

/// <summary>
/// Reads format version 1 through a read-only memory mapping. With <c>memoryMapped</c> the vectors stay in the mapping (no copy);
/// otherwise they are copied and the mapping is released. Every check failure is a <see cref="VectorIndexFileException"/>.
/// </summary>
internal sealed unsafe class IndexFileReader
{
    private readonly string _path;
    private readonly byte* _base;
    private readonly long _length;
    private long _position;

    private IndexFileReader(string path, byte* @base, long length)
    {
        _path = path;
        _base = @base;
        _length = length;
    }

    public static VectorIndex Read(string path, bool memoryMapped, bool verifyChecksums)
    {
        var length = new FileInfo(path).Length;
        if (length < IndexFileLayout.HeaderSize)
        {
            throw new VectorIndexFileException(path, VectorIndexFileProblem.Truncated, $"the file has {length} bytes, fewer than the {IndexFileLayout.HeaderSize}-byte header.");
        }

        var mapping = new Mapping(path);
        try
        {
            var reader = new IndexFileReader(path, mapping.Pointer, length);
            var index = reader.ReadIndex(memoryMapped, verifyChecksums);
            if (memoryMapped)
            {
                index.AttachMapping(mapping);
            }
            else
            {
                mapping.Dispose();
            }

            return index;
        }
        catch
        {
            mapping.Dispose();
            throw;
        }
    }

    private VectorIndex ReadIndex(bool memoryMapped, bool verify)
    {
        var header = new ReadOnlySpan<byte>(_base, IndexFileLayout.HeaderSize);
        if (BinaryPrimitives.ReadUInt64LittleEndian(header) != IndexFileLayout.Magic)
        {
            throw Fail(VectorIndexFileProblem.NotAnIndex, "the file does not start with the AIPVIDX1 magic.");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        if (version != IndexFileLayout.Version)
        {
            throw Fail(VectorIndexFileProblem.UnsupportedVersion, $"format version {version}; this library reads version {IndexFileLayout.Version}.");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(header[60..]) != Crc32.HashToUInt32(header[..60]))
        {
            throw Fail(VectorIndexFileProblem.ChecksumMismatch, "the header checksum does not match.");
        }

        var kind = (VectorIndexKind)header[10];
        var metric = (DistanceMetric)header[11];
        var dimension = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        var slots = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        var quantized = (BinaryPrimitives.ReadInt32LittleEndian(header[24..]) & IndexFileLayout.QuantizedFlag) != 0;
        if (!Enum.IsDefined(kind) || !Enum.IsDefined(metric) || dimension <= 0 || slots < 0)
        {
            throw Fail(VectorIndexFileProblem.NotAnIndex, $"the header holds kind {header[10]}, metric {header[11]}, dimension {dimension}, count {slots}.");
        }

        _position = IndexFileLayout.HeaderSize;
        var idBytes = Section(IndexFileLayout.Ids, (long)slots * 9, verify);
        var vectorBytes = Section(IndexFileLayout.Vectors, (long)slots * dimension * sizeof(float), verify);
        var vectors = memoryMapped
            ? new RowStore<float>(dimension, (float*)vectorBytes, slots)
            : CopyRows<float>(vectorBytes, dimension, slots);
        IndexCore core;
        if (kind == VectorIndexKind.Flat)
        {
            core = new FlatCore(dimension, metric, vectors);
        }
        else
        {
            var parameters = new HnswParameters
            {
                M = BinaryPrimitives.ReadInt32LittleEndian(header[28..]),
                EfConstruction = BinaryPrimitives.ReadInt32LittleEndian(header[32..]),
                EfSearch = BinaryPrimitives.ReadInt32LittleEndian(header[36..]),
                Seed = BinaryPrimitives.ReadInt32LittleEndian(header[40..]),
            };
            try
            {
                parameters.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw Fail(VectorIndexFileProblem.NotAnIndex, e.Message);
            }

            core = ReadGraph(header, dimension, metric, parameters, vectors, slots, quantized, verify);
        }

        Expect(sizeof(ulong));
        if (BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(_base + _position, sizeof(ulong))) != IndexFileLayout.TrailerMagic)
        {
            throw Fail(VectorIndexFileProblem.Truncated, "the end-of-file marker is missing.");
        }

        var ids = new ReadOnlySpan<long>(idBytes, slots);
        var deleted = new ReadOnlySpan<byte>(idBytes + ((long)slots * sizeof(long)), slots);
        for (var slot = 0; slot < slots; slot++)
        {
            core.Slots.Load(ids[slot], slot, deleted[slot] != 0);
        }

        core.Publish();
        return core is HnswCore hnsw ? new HnswVectorIndex(hnsw) : new FlatVectorIndex((FlatCore)core);
    }

    private HnswCore ReadGraph(
        ReadOnlySpan<byte> header, int dimension, DistanceMetric metric, HnswParameters parameters, RowStore<float> vectors, int slots, bool quantized, bool verify)
    {
        var core = new HnswCore(dimension, metric, parameters, vectors);
        if (quantized)
        {
            var codes = Section(IndexFileLayout.Codes, (long)slots * dimension, verify);
            var scale = BinaryPrimitives.ReadSingleLittleEndian(header[52..]);
            if (!(scale > 0) || !float.IsFinite(scale))
            {
                throw Fail(VectorIndexFileProblem.NotAnIndex, $"the quantization scale {scale} is invalid.");
            }

            core.SetQuantizer(new Int8Quantizer(scale), CopyRows<sbyte>(codes, dimension, slots));
        }

        var stride = (2 * parameters.M) + 1;
        var links0Bytes = Section(IndexFileLayout.Links0, (long)slots * stride * sizeof(int), verify);
        var links0 = new int[Math.Max(slots, 1) * stride];
        new ReadOnlySpan<int>(links0Bytes, slots * stride).CopyTo(links0);
        var upperStart = _position;
        var upperLength = SectionLength(IndexFileLayout.LinksUpper);
        var upperBytes = Section(IndexFileLayout.LinksUpper, upperLength, verify);
        var upper = new int[]?[Math.Max(slots, 1)][];
        var offset = 0L;
        for (var slot = 0; slot < slots; slot++)
        {
            var levels = ReadInt(upperBytes, upperLength, ref offset);
            if (levels is < 0 or > 64)
            {
                throw Fail(VectorIndexFileProblem.NotAnIndex, $"slot {slot} claims {levels} graph levels (section at offset {upperStart}).");
            }

            upper[slot] = new int[]?[levels];
            for (var level = 0; level < levels; level++)
            {
                var links = new int[parameters.M + 1];
                for (var i = 0; i < links.Length; i++)
                {
                    links[i] = ReadInt(upperBytes, upperLength, ref offset);
                }

                upper[slot][level] = links;
            }
        }

        var entrySlot = BinaryPrimitives.ReadInt32LittleEndian(header[44..]);
        var entryLevel = BinaryPrimitives.ReadInt32LittleEndian(header[48..]);
        if (entrySlot >= slots || (entrySlot >= 0 && entryLevel != upper[entrySlot]!.Length))
        {
            throw Fail(VectorIndexFileProblem.NotAnIndex, $"the entry point {entrySlot} at level {entryLevel} does not exist.");
        }

        core.Restore(links0, upper, entrySlot < 0 ? null : new HnswCore.EntryPoint(entrySlot, entryLevel));
        return core;
    }

    private int ReadInt(byte* bytes, long length, ref long offset)
    {
        if (offset + sizeof(int) > length)
        {
            throw Fail(VectorIndexFileProblem.NotAnIndex, "the upper-layer links are shorter than their level counts say.");
        }

        var value = BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(bytes + offset, sizeof(int)));
        offset += sizeof(int);
        return value;
    }

    private long SectionLength(uint tag)
    {
        Expect(IndexFileLayout.SectionHeaderSize);
        var header = new ReadOnlySpan<byte>(_base + _position, IndexFileLayout.SectionHeaderSize);
        var found = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (found != tag)
        {
            throw Fail(VectorIndexFileProblem.NotAnIndex, $"expected section {IndexFileLayout.TagName(tag)} at offset {_position} but found {IndexFileLayout.TagName(found)}.");
        }

        return BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
    }

    /// <summary>Checks the section header at the current position and returns a pointer to its payload.</summary>
    private byte* Section(uint tag, long expectedLength, bool verify)
    {
        var length = SectionLength(tag);
        if (length != expectedLength)
        {
            throw Fail(VectorIndexFileProblem.NotAnIndex, $"section {IndexFileLayout.TagName(tag)} holds {length} bytes but the header implies {expectedLength}.");
        }

        _position = IndexFileLayout.Align(_position + IndexFileLayout.SectionHeaderSize);
        Expect(length + sizeof(uint));
        var payload = _base + _position;
        _position += length;
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(_base + _position, sizeof(uint)));
        _position += sizeof(uint);
        if (verify && stored != Checksum(payload, length))
        {
            throw Fail(VectorIndexFileProblem.ChecksumMismatch, $"the checksum of section {IndexFileLayout.TagName(tag)} does not match.");
        }

        return payload;
    }

    private static uint Checksum(byte* payload, long length)
    {
        var crc = new Crc32();
        for (var offset = 0L; offset < length; offset += int.MaxValue / 2)
        {
            crc.Append(new ReadOnlySpan<byte>(payload + offset, (int)Math.Min(int.MaxValue / 2, length - offset)));
        }

        return crc.GetCurrentHashAsUInt32();
    }

    private void Expect(long bytes)
    {
        if (bytes < 0 || _position + bytes > _length)
        {
            throw Fail(VectorIndexFileProblem.Truncated, $"the file ends at {_length} bytes but {_position + bytes} are needed.");
        }
    }

    private static RowStore<T> CopyRows<T>(byte* source, int width, int rows)
        where T : unmanaged
    {
        var store = new RowStore<T>(width);
        var all = new ReadOnlySpan<T>(source, rows * width);
        for (var row = 0; row < rows; row++)
        {
            store.Append(all.Slice(row * width, width));
        }

        return store;
    }

    private VectorIndexFileException Fail(VectorIndexFileProblem problem, string detail) => new(_path, problem, detail);

    /// <summary>A read-only mapping of the whole file, held for as long as a memory-mapped index reads from it.</summary>
    private sealed class Mapping : IDisposable
    {
        private readonly MemoryMappedFile _file;
        private readonly MemoryMappedViewAccessor _view;

        public Mapping(string path)
        {
            _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            Pointer = pointer + _view.PointerOffset;
        }

        public byte* Pointer { get; }

        public void Dispose()
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file.Dispose();
        }
    }
}
