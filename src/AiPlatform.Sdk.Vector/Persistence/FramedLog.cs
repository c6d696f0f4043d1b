using System.Buffers.Binary;
using System.IO.Hashing;

namespace AiPlatform.Sdk.Vector.Persistence;

/// <summary>
/// The one log format of the Vector layer, shared by an index's <see cref="WriteAheadLog"/> and an embedded collection's record log:
/// an 8-byte magic, then frames <c>[u32 payload length][u32 CRC-32 of payload][payload]</c>. On replay an incomplete or garbled last
/// frame (a write cut short by a crash) is cut off; a garbled frame followed by more data is corruption and fails with the offset.
/// </summary>
internal static class FramedLog
{
    public const int MagicSize = 8;
    private const int FrameHeaderSize = 8;

    /// <summary>Writes one frame around <paramref name="payload"/>.</summary>
    public static void WriteFrame(Stream destination, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[FrameHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.HashToUInt32(payload));
        destination.Write(header);
        destination.Write(payload);
    }

    /// <summary>
    /// Checks the magic (writing it into an empty file), hands every intact frame's payload to <paramref name="apply"/>, cuts off a torn
    /// last frame and leaves the stream at the end. Returns the number of frames read.
    /// </summary>
    /// <remarks>A file that does not start with <paramref name="magic"/>, or a garbled frame in the middle, fails with what <paramref name="error"/> makes of the problem.</remarks>
    public static int Replay(
        FileStream stream, string path, ReadOnlySpan<byte> magic, int minimumPayload, Action<byte[]> apply, Func<VectorIndexFileProblem, string, Exception> error)
    {
        if (stream.Length < MagicSize)
        {
            stream.SetLength(0);
            stream.Write(magic);
            stream.Flush(flushToDisk: true);
            return 0;
        }

        stream.Position = 0;
        Span<byte> found = stackalloc byte[MagicSize];
        stream.ReadExactly(found);
        if (!found.SequenceEqual(magic))
        {
            throw error(VectorIndexFileProblem.NotAnIndex, $"'{path}' does not start with the {System.Text.Encoding.ASCII.GetString(magic)} magic (bad header).");
        }

        var length = stream.Length;
        var frames = 0;
        Span<byte> header = stackalloc byte[FrameHeaderSize];
        while (true)
        {
            var start = stream.Position;
            if (length - start < FrameHeaderSize)
            {
                return Truncate(stream, start, length, frames);
            }

            stream.ReadExactly(header);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var end = start + FrameHeaderSize + size;
            if (size < minimumPayload || end > length)
            {
                return Truncate(stream, start, length, frames);
            }

            var payload = new byte[size];
            stream.ReadExactly(payload);
            if (Crc32.HashToUInt32(payload) != BinaryPrimitives.ReadUInt32LittleEndian(header[4..]))
            {
                if (end == length)
                {
                    return Truncate(stream, start, length, frames);
                }

                throw error(VectorIndexFileProblem.ChecksumMismatch, $"'{path}': the log frame at offset {start} is garbled and more data follows it.");
            }

            apply(payload);
            frames++;
        }
    }

    /// <summary>Cuts off an unfinished last frame, the trace of a crash in the middle of a write.</summary>
    private static int Truncate(FileStream stream, long position, long length, int frames)
    {
        if (position < length)
        {
            stream.SetLength(position);
            stream.Flush(flushToDisk: true);
        }

        stream.Position = position;
        return frames;
    }
}
