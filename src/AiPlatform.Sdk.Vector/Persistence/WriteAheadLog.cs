using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace AiPlatform.Sdk.Vector.Persistence;

/// <summary>
/// The write-ahead log of a persistent index: an 8-byte magic, then records
/// <c>[u32 payload length][u32 CRC-32 of payload][payload: u8 op, i64 id, float vector if upsert]</c>. A write returns only after the
/// record is flushed to disk. On replay, an incomplete or garbled last record (a write cut short by a crash) is cut off; a garbled
/// record followed by more data is corruption.
/// </summary>
internal sealed class WriteAheadLog : IDisposable
{
    public const byte UpsertOp = 1;
    public const byte DeleteOp = 2;
    private const ulong Magic = 0x314C415756504941; // "AIPVWAL1"
    private readonly string _path;
    private readonly FileStream _stream;

    private WriteAheadLog(string path, FileStream stream)
    {
        _path = path;
        _stream = stream;
    }

    public long Length => _stream.Length;

    /// <summary>Opens (or creates) the log, hands every intact record to <paramref name="apply"/> and positions at the end.</summary>
    public static WriteAheadLog Open(string path, Action<byte, long, ReadOnlySpan<float>> apply)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        try
        {
            var log = new WriteAheadLog(path, stream);
            log.Replay(apply);
            return log;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends records and flushes them to disk before returning.</summary>
    public void Append(ReadOnlySpan<(byte Op, long Id)> records, ReadOnlySpan<float> vectors, int dimension)
    {
        var vectorIndex = 0;
        foreach (var (op, id) in records)
        {
            var vectorBytes = op == UpsertOp ? dimension * sizeof(float) : 0;
            var buffer = new byte[8 + 9 + vectorBytes];
            var payload = buffer.AsSpan(8);
            payload[0] = op;
            BinaryPrimitives.WriteInt64LittleEndian(payload[1..], id);
            if (op == UpsertOp)
            {
                MemoryMarshal.AsBytes(vectors.Slice(vectorIndex * dimension, dimension)).CopyTo(payload[9..]);
                vectorIndex++;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)payload.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(4), Crc32.HashToUInt32(payload));
            _stream.Write(buffer);
        }

        _stream.Flush(flushToDisk: true);
    }

    /// <summary>Empties the log after a checkpoint has made its records part of the index file.</summary>
    public void Reset()
    {
        _stream.SetLength(sizeof(ulong));
        _stream.Position = sizeof(ulong);
        _stream.Flush(flushToDisk: true);
    }

    public void Dispose() => _stream.Dispose();

    private void Replay(Action<byte, long, ReadOnlySpan<float>> apply)
    {
        Span<byte> magic = stackalloc byte[sizeof(ulong)];
        if (_stream.Length < sizeof(ulong))
        {
            BinaryPrimitives.WriteUInt64LittleEndian(magic, Magic);
            _stream.SetLength(0);
            _stream.Write(magic);
            _stream.Flush(flushToDisk: true);
            return;
        }

        _stream.ReadExactly(magic);
        if (BinaryPrimitives.ReadUInt64LittleEndian(magic) != Magic)
        {
            throw new VectorIndexFileException(_path, VectorIndexFileProblem.NotAnIndex, "the log does not start with the AIPVWAL1 magic.");
        }

        var length = _stream.Length;
        Span<byte> header = stackalloc byte[8];
        while (true)
        {
            var start = _stream.Position;
            if (length - start < header.Length)
            {
                Truncate(start, length);
                return;
            }

            _stream.ReadExactly(header);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var end = start + header.Length + size;
            if (size < 9 || end > length)
            {
                Truncate(start, length);
                return;
            }

            var payload = new byte[size];
            _stream.ReadExactly(payload);
            if (Crc32.HashToUInt32(payload) != BinaryPrimitives.ReadUInt32LittleEndian(header[4..]))
            {
                if (end == length)
                {
                    Truncate(start, length);
                    return;
                }

                throw new VectorIndexFileException(_path, VectorIndexFileProblem.ChecksumMismatch, $"the log record at offset {start} is garbled.");
            }

            apply(payload[0], BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(1)), MemoryMarshal.Cast<byte, float>(payload.AsSpan(9)));
        }
    }

    /// <summary>Cuts off an unfinished last record, the trace of a crash in the middle of a write.</summary>
    private void Truncate(long position, long length)
    {
        if (position < length)
        {
            _stream.SetLength(position);
            _stream.Flush(flushToDisk: true);
        }

        _stream.Position = position;
    }
}
