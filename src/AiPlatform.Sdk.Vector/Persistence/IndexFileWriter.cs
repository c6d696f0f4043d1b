using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using AiPlatform.Sdk.Vector.Indexing;

namespace AiPlatform.Sdk.Vector.Persistence;

/// <summary>Writes format version 1 to a temporary file, flushes it to disk and renames it over the target.</summary>
internal static class IndexFileWriter
{
    public static void Write(IndexCore core, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                WriteCore(core, stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static void WriteCore(IndexCore core, FileStream stream)
    {
        var slots = core.SlotCount;
        var hnsw = core as HnswCore;
        var quantizer = hnsw?.Quantizer;
        var entry = hnsw?.Entry;
        Span<byte> header = stackalloc byte[IndexFileLayout.HeaderSize];
        header.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(header, IndexFileLayout.Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], IndexFileLayout.Version);
        header[10] = (byte)(hnsw is null ? VectorIndexKind.Flat : VectorIndexKind.Hnsw);
        header[11] = (byte)core.Metric;
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], core.Dimension);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], slots);
        BinaryPrimitives.WriteInt32LittleEndian(header[20..], core.Slots.LiveCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], quantizer is null ? 0 : IndexFileLayout.QuantizedFlag);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], hnsw?.Parameters.M ?? 0);
        BinaryPrimitives.WriteInt32LittleEndian(header[32..], hnsw?.Parameters.EfConstruction ?? 0);
        BinaryPrimitives.WriteInt32LittleEndian(header[36..], hnsw?.Parameters.EfSearch ?? 0);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], hnsw?.Parameters.Seed ?? 0);
        BinaryPrimitives.WriteInt32LittleEndian(header[44..], entry?.Slot ?? -1);
        BinaryPrimitives.WriteInt32LittleEndian(header[48..], entry?.Level ?? 0);
        BinaryPrimitives.WriteSingleLittleEndian(header[52..], quantizer?.Scale ?? 0f);
        BinaryPrimitives.WriteUInt32LittleEndian(header[60..], Crc32.HashToUInt32(header[..60]));
        stream.Write(header);

        WriteSection(stream, IndexFileLayout.Ids, (long)slots * 9, writer =>
        {
            var ids = new long[slots];
            var deleted = new byte[slots];
            for (var slot = 0; slot < slots; slot++)
            {
                ids[slot] = core.Slots.IdOf(slot);
                deleted[slot] = core.Slots.IsDeleted(slot) ? (byte)1 : (byte)0;
            }

            writer(MemoryMarshal.AsBytes(ids.AsSpan()));
            writer(deleted);
        });
        WriteRows(stream, IndexFileLayout.Vectors, core.Vectors, slots);
        if (hnsw is null)
        {
            WriteTrailer(stream);
            return;
        }

        if (quantizer is not null)
        {
            WriteRows(stream, IndexFileLayout.Codes, hnsw.Codes!, slots);
        }

        var stride = hnsw.MaxM0 + 1;
        WriteSection(stream, IndexFileLayout.Links0, (long)slots * stride * sizeof(int), writer =>
            writer(MemoryMarshal.AsBytes(hnsw.Links0.AsSpan(0, slots * stride))));
        var upperLength = 0L;
        for (var slot = 0; slot < slots; slot++)
        {
            upperLength += sizeof(int) + ((long)hnsw.Upper[slot].Length * (hnsw.Parameters.M + 1) * sizeof(int));
        }

        WriteSection(stream, IndexFileLayout.LinksUpper, upperLength, writer =>
        {
            Span<byte> count = stackalloc byte[sizeof(int)];
            for (var slot = 0; slot < slots; slot++)
            {
                var levels = hnsw.Upper[slot];
                BinaryPrimitives.WriteInt32LittleEndian(count, levels.Length);
                writer(count);
                foreach (var links in levels)
                {
                    writer(MemoryMarshal.AsBytes(links.AsSpan()));
                }
            }
        });
        WriteTrailer(stream);
    }

    private static void WriteRows<T>(FileStream stream, uint tag, RowStore<T> rows, int count)
        where T : unmanaged
    {
        WriteSection(stream, tag, (long)count * rows.Width * System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), writer =>
        {
            for (var row = 0; row < count;)
            {
                var span = rows.Rows(row, count - row, out var n);
                writer(MemoryMarshal.AsBytes(span));
                row += n;
            }
        });
    }

    private delegate void PayloadWriter(ReadOnlySpan<byte> bytes);

    /// <summary>Section: tag, reserved, payload length, padding to 64 bytes, payload, CRC-32 of the payload.</summary>
    private static void WriteSection(FileStream stream, uint tag, long length, Action<PayloadWriter> payload)
    {
        Span<byte> header = stackalloc byte[IndexFileLayout.SectionHeaderSize];
        header.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(header, tag);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], length);
        stream.Write(header);
        var padding = (int)(IndexFileLayout.Align(stream.Position) - stream.Position);
        stream.Write(new byte[padding]);
        var crc = new Crc32();
        var written = 0L;
        payload(bytes =>
        {
            crc.Append(bytes);
            stream.Write(bytes);
            written += bytes.Length;
        });
        if (written != length)
        {
            throw new InvalidOperationException($"Section {IndexFileLayout.TagName(tag)} wrote {written} bytes instead of {length}.");
        }

        Span<byte> checksum = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(checksum, crc.GetCurrentHashAsUInt32());
        stream.Write(checksum);
    }

    private static void WriteTrailer(FileStream stream)
    {
        Span<byte> trailer = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(trailer, IndexFileLayout.TrailerMagic);
        stream.Write(trailer);
    }
}
