using System.Security.Cryptography;

namespace AiPlatform.Sdk.Training.Datasets;

/// <summary>DVC's content hashes: md5 of the bytes (DVC 3), or of text with CRLF as LF (DVC 2's <c>md5-dos2unix</c>).</summary>
internal static class DvcHash
{
    private const int Probe = 512;

    /// <summary>The md5 of a stream as <paramref name="layout"/> computes it, in lowercase hex.</summary>
#pragma warning disable CA5351 // md5 is DVC's content address, not a security measure
    public static async Task<string> ComputeAsync(Stream content, DvcLayout layout, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = new byte[81920];
        var first = true;
        var dos2unix = false;
        var pendingCr = false;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (first)
            {
                dos2unix = layout == DvcLayout.Legacy && IsText(buffer.AsSpan(0, Math.Min(read, Probe)));
                first = false;
            }

            if (!dos2unix)
            {
                md5.AppendData(buffer, 0, read);
                continue;
            }

            var span = buffer.AsSpan(0, read);
            if (pendingCr)
            {
                md5.AppendData(span[0] == '\n' ? "\n"u8 : "\r"u8);
                span = span[0] == '\n' ? span[1..] : span;
                pendingCr = false;
            }

            while (!span.IsEmpty)
            {
                var cr = span.IndexOf((byte)'\r');
                if (cr < 0)
                {
                    md5.AppendData(span);
                    break;
                }

                md5.AppendData(span[..cr]);
                if (cr == span.Length - 1)
                {
                    pendingCr = true;
                    break;
                }

                md5.AppendData(span[cr + 1] == '\n' ? "\n"u8 : "\r"u8);
                span = span[(cr + (span[cr + 1] == '\n' ? 2 : 1))..];
            }
        }

        if (pendingCr)
        {
            md5.AppendData("\r"u8);
        }

        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    /// <summary>The md5 of bytes in memory (a directory manifest).</summary>
    public static string Compute(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(MD5.HashData(content));
#pragma warning restore CA5351

    /// <summary>DVC 2's text test on a file's first 512 bytes: no NUL, and at most 30 % bytes outside printable ASCII and \n\r\t\f\b.</summary>
    internal static bool IsText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return true;
        }

        if (head.Contains((byte)0))
        {
            return false;
        }

        var other = 0;
        foreach (var b in head)
        {
            if (b is not (>= 32 and < 127 or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or (byte)'\b'))
            {
                other++;
            }
        }

        return other <= head.Length * 0.30;
    }

    /// <summary>The key of content with hash <paramref name="md5"/> on a remote.</summary>
    public static string Key(DvcRemote remote, DvcLayout layout, string md5)
    {
        var path = layout == DvcLayout.Dvc3 ? $"files/md5/{md5[..2]}/{md5[2..]}" : $"{md5[..2]}/{md5[2..]}";
        return remote.Prefix.Length == 0 ? path : $"{remote.Prefix}/{path}";
    }
}
