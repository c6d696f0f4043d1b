using System.Text;

namespace AiPlatform.Sdk.Data.ObjectStore;

/// <summary>The rules for bucket names and object keys, the same for every provider so that code moves between them unchanged.</summary>
internal static class ObjectNames
{
    public const int MaxKeyBytes = 1024;
    public const int MaxSegmentBytes = 255;

    public static void ValidateBucket(string service, string operation, string bucket)
    {
        var error = bucket switch
        {
            null or "" => "the bucket name is empty",
            { Length: < 3 or > 63 } => $"the bucket name '{bucket}' must be 3 to 63 characters long",
            _ when !bucket.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.') =>
                $"the bucket name '{bucket}' may hold only lowercase letters, digits, dots and hyphens",
            _ when !char.IsAsciiLetterOrDigit(bucket[0]) || !char.IsAsciiLetterOrDigit(bucket[^1]) =>
                $"the bucket name '{bucket}' must start and end with a letter or digit",
            _ when bucket.Contains("..", StringComparison.Ordinal) => $"the bucket name '{bucket}' must not hold '..'",
            _ => null,
        };
        Throw(service, operation, error);
    }

    public static void ValidateKey(string service, string operation, string key)
    {
        Throw(service, operation, KeyError(key));
    }

    private static string? KeyError(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "the object key is empty";
        }

        if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            return $"the object key is longer than {MaxKeyBytes} UTF-8 bytes";
        }

        if (key.Any(char.IsControl))
        {
            return "the object key holds a control character (NUL included)";
        }

        if (key[0] == '/' || key.Contains('\\', StringComparison.Ordinal) || (key.Length > 1 && key[1] == ':'))
        {
            return $"the object key '{key}' is an absolute path or holds a backslash";
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment is "." or "..")
            {
                return $"the object key '{key}' holds a '.' or '..' segment";
            }

            if (segment.Length == 0 && !key.EndsWith('/'))
            {
                return $"the object key '{key}' holds an empty segment";
            }

            if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
            {
                return $"a segment of the object key is longer than {MaxSegmentBytes} UTF-8 bytes";
            }
        }

        return key.EndsWith('/') ? $"the object key '{key}' ends with '/'" : null;
    }

    public static void ValidateMetadata(string service, IDictionary<string, string> metadata)
    {
        foreach (var (name, value) in metadata)
        {
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                Throw(service, "Put", $"the metadata name '{name}' may hold only ASCII letters, digits and hyphens");
            }

            if (value.Any(c => char.IsControl(c) || c > '~'))
            {
                Throw(service, "Put", $"the metadata value of '{name}' may hold only printable ASCII");
            }
        }
    }

    private static void Throw(string service, string operation, string? error)
    {
        if (error is not null)
        {
            throw new AiPlatformValidationException(service, operation, $"{service} {operation} rejected: {error}", errorCode: "InvalidName");
        }
    }
}
