namespace AiPlatform.Sdk.Authentication;

/// <summary>A bearer token and the moment it expires. <see cref="ToString"/> never reveals the token.</summary>
/// <param name="value">The token itself.</param>
/// <param name="expiresOn">When the token stops being valid.</param>
public readonly struct AccessToken(string value, DateTimeOffset expiresOn) : IEquatable<AccessToken>
{
    /// <summary>The token itself; send it, never log it.</summary>
    public string Value { get; } = value;

    /// <summary>When the token stops being valid.</summary>
    public DateTimeOffset ExpiresOn { get; } = expiresOn;

    /// <inheritdoc/>
    public bool Equals(AccessToken other) => Value == other.Value && ExpiresOn == other.ExpiresOn;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AccessToken other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, ExpiresOn);

    /// <summary>Describes the token without its value.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => $"AccessToken(redacted, expires {ExpiresOn:O})";

    /// <summary>Compares two tokens.</summary>
    public static bool operator ==(AccessToken left, AccessToken right) => left.Equals(right);

    /// <summary>Compares two tokens.</summary>
    public static bool operator !=(AccessToken left, AccessToken right) => !left.Equals(right);
}
