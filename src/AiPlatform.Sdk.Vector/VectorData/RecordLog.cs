using AiPlatform.Sdk.Vector.Persistence;
using System.Text;

namespace AiPlatform.Sdk.Vector.VectorData;

/// <summary>
/// The write-ahead log of an embedded collection in the <see cref="FramedLog"/> format (magic <c>AIPVLOG1</c>), each payload an
/// upsert or a delete of one record. A batch is acknowledged only after
/// <see cref="Append"/> flushed it to disk, so acknowledged writes survive a crash; a torn tail (a crash mid-write) is cut off
/// when the log is read back. Reopening rewrites the log compactly (temporary file, flush, atomic rename) when deletes
/// and overwrites dominate it.
/// </summary>
internal sealed class RecordLog : IDisposable
{
    private const string FileName = "records.log";
    private static readonly byte[] Magic = "AIPVLOG1"u8.ToArray();
    private readonly FileStream _stream;

    private RecordLog(FileStream stream) => _stream = stream;

    /// <summary>Reads every record the log at <paramref name="directory"/> holds, then opens it for appending.</summary>
    /// <exception cref="InvalidDataException">The file is not a record log.</exception>
    public static RecordLog Open(string directory, out Dictionary<object, StoredRecord> records)
    {
        var path = Path.Combine(directory, FileName);
        records = [];
        var entries = 0;
        if (File.Exists(path))
        {
            entries = Replay(path, records);
        }

        if (!File.Exists(path) || entries > 1024 && entries > records.Count * 2)
        {
            Rewrite(path, records.Values);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        stream.Seek(0, SeekOrigin.End);
        return new RecordLog(stream);
    }

    /// <summary>Appends upserts and deletes and flushes them to disk before returning.</summary>
    public void Append(IEnumerable<StoredRecord> upserts, IEnumerable<(long Id, object Key)> deletes)
    {
        using var buffer = new MemoryStream();
        foreach (var record in upserts)
        {
            WriteEntry(buffer, body => WriteUpsert(body, record));
        }

        foreach (var (id, key) in deletes)
        {
            WriteEntry(buffer, body => WriteDelete(body, id, key));
        }

        buffer.Position = 0;
        buffer.CopyTo(_stream);
        _stream.Flush(flushToDisk: true);
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();

    private static int Replay(string path, Dictionary<object, StoredRecord> records)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        return FramedLog.Replay(stream, path, Magic, minimumPayload: 1, body => Apply(body, records), static (_, message) => new InvalidDataException(message));
    }

    private static void Apply(byte[] body, Dictionary<object, StoredRecord> records)
    {
        using var reader = new BinaryReader(new MemoryStream(body), Encoding.UTF8);
        var op = reader.ReadByte();
        var id = reader.ReadInt64();
        var key = ReadKey(reader);
        if (op == 2)
        {
            records.Remove(key);
            return;
        }

        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = reader.ReadInt32(); i > 0; i--)
        {
            data[reader.ReadString()] = ReadValue(reader);
        }

        var vectors = new Dictionary<string, float[]?>(StringComparer.Ordinal);
        for (var i = reader.ReadInt32(); i > 0; i--)
        {
            var name = reader.ReadString();
            var dimension = reader.ReadInt32();
            float[]? vector = null;
            if (dimension >= 0)
            {
                vector = new float[dimension];
                reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
            }

            vectors[name] = vector;
        }

        records[key] = new StoredRecord(id, key, data, vectors);
    }

    private static void Rewrite(string path, IEnumerable<StoredRecord> records)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            stream.Write(Magic);
            foreach (var record in records)
            {
                WriteEntry(stream, body => WriteUpsert(body, record));
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static void WriteEntry(Stream destination, Action<BinaryWriter> writeBody)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writeBody(writer);
        }

        FramedLog.WriteFrame(destination, body.GetBuffer().AsSpan(0, (int)body.Length));
    }

    private static void WriteUpsert(BinaryWriter writer, StoredRecord record)
    {
        writer.Write((byte)1);
        writer.Write(record.Id);
        WriteKey(writer, record.Key);
        writer.Write(record.Data.Count);
        foreach (var (name, value) in record.Data)
        {
            writer.Write(name);
            WriteValue(writer, value);
        }

        writer.Write(record.Vectors.Count);
        foreach (var (name, vector) in record.Vectors)
        {
            writer.Write(name);
            writer.Write(vector?.Length ?? -1);
            if (vector is not null)
            {
                writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
            }
        }
    }

    private static void WriteDelete(BinaryWriter writer, long id, object key)
    {
        writer.Write((byte)2);
        writer.Write(id);
        WriteKey(writer, key);
    }

    private static void WriteKey(BinaryWriter writer, object key)
    {
        switch (key)
        {
            case Guid guid:
                writer.Write((byte)1);
                writer.Write(guid.ToByteArray());
                break;
            case string text:
                writer.Write((byte)2);
                writer.Write(text);
                break;
            case long number:
                writer.Write((byte)3);
                writer.Write(number);
                break;
            default:
                throw new NotSupportedException($"A key of type {key.GetType().Name} cannot be stored.");
        }
    }

    private static object ReadKey(BinaryReader reader) => reader.ReadByte() switch
    {
        1 => new Guid(reader.ReadBytes(16)),
        2 => reader.ReadString(),
        3 => reader.ReadInt64(),
        var tag => throw new InvalidDataException($"Unknown key tag {tag} in the record log."),
    };

    private static void WriteValue(BinaryWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.Write((byte)0);
                break;
            case string text:
                writer.Write((byte)1);
                writer.Write(text);
                break;
            case long number:
                writer.Write((byte)2);
                writer.Write(number);
                break;
            case double number:
                writer.Write((byte)3);
                writer.Write(number);
                break;
            case bool flag:
                writer.Write((byte)4);
                writer.Write(flag);
                break;
            case Guid guid:
                writer.Write((byte)5);
                writer.Write(guid.ToByteArray());
                break;
            case DateTimeOffset time:
                writer.Write((byte)6);
                writer.Write(time.UtcTicks);
                writer.Write((short)time.Offset.TotalMinutes);
                break;
            case string[] texts:
                writer.Write((byte)7);
                writer.Write(texts.Length);
                Array.ForEach(texts, writer.Write);
                break;
            case long[] numbers:
                writer.Write((byte)8);
                writer.Write(numbers.Length);
                Array.ForEach(numbers, writer.Write);
                break;
            case double[] numbers:
                writer.Write((byte)9);
                writer.Write(numbers.Length);
                Array.ForEach(numbers, writer.Write);
                break;
            default:
                throw new NotSupportedException($"A value of type {value.GetType().Name} cannot be stored.");
        }
    }

    private static object? ReadValue(BinaryReader reader) => reader.ReadByte() switch
    {
        0 => null,
        1 => reader.ReadString(),
        2 => reader.ReadInt64(),
        3 => reader.ReadDouble(),
        4 => reader.ReadBoolean(),
        5 => new Guid(reader.ReadBytes(16)),
        6 => ReadTime(reader),
        7 => Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadString()).ToArray(),
        8 => Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadInt64()).ToArray(),
        9 => Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadDouble()).ToArray(),
        var tag => throw new InvalidDataException($"Unknown value tag {tag} in the record log."),
    };

    private static DateTimeOffset ReadTime(BinaryReader reader)
    {
        var ticks = reader.ReadInt64();
        var offset = TimeSpan.FromMinutes(reader.ReadInt16());
        return new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offset);
    }
}
