namespace AiPlatform.Sdk.Data.ObjectStore;

/// <summary>An object's content does not match the SHA-256 recorded when it was written: it is corrupt and its bytes must not be used.</summary>
public sealed class ObjectIntegrityException : AiPlatformException
{
    /// <summary>Creates the exception for a corrupt object.</summary>
    /// <param name="service">The object store.</param>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The key.</param>
    /// <param name="expected">The recorded SHA-256.</param>
    /// <param name="actual">The SHA-256 of what was read.</param>
    public ObjectIntegrityException(string service, string bucket, string key, string expected, string actual)
        : base(service, "Get", $"{service} object {bucket}/{key} is corrupt: its SHA-256 is {actual}, {expected} was recorded", 500, "ChecksumMismatch")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The SHA-256 recorded when the object was written.</summary>
    public string Expected { get; }

    /// <summary>The SHA-256 of the bytes read.</summary>
    public string Actual { get; }

    /// <inheritdoc/>
    public override bool IsTransient => false;
}
