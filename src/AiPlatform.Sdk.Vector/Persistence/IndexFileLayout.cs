namespace AiPlatform.Sdk.Vector.Persistence;

/// <summary>The constants of index file format version 1 (see docs/vector.md for the full specification).</summary>
internal static class IndexFileLayout
{
    public const ulong Magic = 0x3158444956504941; // "AIPVIDX1" little-endian
    public const ulong TrailerMagic = 0x31444E4556504941; // "AIPVEND1"
    public const ushort Version = 1;
    public const int HeaderSize = 64;
    public const int SectionHeaderSize = 16;
    public const int Alignment = 64;
    public const uint Ids = 0x53444949; // "IIDS"
    public const uint Vectors = 0x53434556; // "VECS"
    public const uint Codes = 0x45444F43; // "CODE"
    public const uint Links0 = 0x304B4E4C; // "LNK0"
    public const uint LinksUpper = 0x554B4E4C; // "LNKU"
    public const int QuantizedFlag = 1;

    public static long Align(long offset) => (offset + Alignment - 1) & ~(long)(Alignment - 1);

    public static string TagName(uint tag) => string.Create(4, tag, (span, t) =>
    {
        for (var i = 0; i < 4; i++)
        {
            span[i] = (char)((t >> (8 * i)) & 0xFF);
        }
    });
}
