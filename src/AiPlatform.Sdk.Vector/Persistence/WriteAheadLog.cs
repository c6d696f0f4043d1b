using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace AiPlatform.Sdk.Vector.Persistence;

/// <summary>
/// The write-ahead log of a persistent index in the <see cref="FramedLog"/> format (magic <c>AIPVWAL1</c>), each payload
/// <c>[u8 op, i64 id, float vector if upsert]</c>. A write returns only after the record is flushed to disk.
/// </summary>
internal sealed class WriteAheadLog : IDisposable
{
    public const byte UpsertOp = 1;
    public const byte DeleteOp = 2;
    private static readonly byte[] Magic = "AIPVWAL1"u8.ToArray();
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
            var payload = new byte[9 + vectorBytes].AsSpan();
            payload[0] = op;
            BinaryPrimitives.WriteInt64LittleEndian(payload[1..], id);
            if (op == UpsertOp)
            {
                MemoryMarshal.AsBytes(vectors.Slice(vectorIndex * dimension, dimension)).CopyTo(payload[9..]);
                vectorIndex++;
            }

            FramedLog.WriteFrame(_stream, payload);
        }

        _stream.Flush(flushToDisk: true);
    }

    /// <summary>Empties the log after a checkpoint has made its records part of the index file.</summary>
    public void Reset()
    {
        _stream.SetLength(FramedLog.MagicSize);
        _stream.Position = FramedLog.MagicSize;
        _stream.Flush(flushToDisk: true);
    }

    public void Dispose() => _stream.Dispose();

    private void Replay(Action<byte, long, ReadOnlySpan<float>> apply)
    {
        FramedLog.Replay(
            _stream,
            _path,
            Magic,
            minimumPayload: 9,
            payload => apply(payload[0], BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(1)), MemoryMarshal.Cast<byte, float>(payload.AsSpan(9))),
            (problem, message) => new VectorIndexFileException(_path, problem, message));
    }
}
