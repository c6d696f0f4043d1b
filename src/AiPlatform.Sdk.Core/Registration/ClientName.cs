using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Registration;

/// <summary>The name of one registered client: its part and key. <see cref="ToString"/> gives <c>{part}</c> or <c>{part}-{key}</c>, the name of its HTTP and gRPC clients.</summary>
/// <param name="Part">The part, such as <c>inference</c>.</param>
/// <param name="Key">The key of a keyed client, or <see langword="null"/> for the default one.</param>
public readonly record struct ClientName(string Part, string? Key)
{
    /// <summary>The options name of the client's settings: the key, or <see cref="Options.DefaultName"/>.</summary>
    public string OptionsName => Key ?? Options.DefaultName;

    /// <summary>A derived name for a second transport of the same client, such as <c>inference-grpc-{key}</c>.</summary>
    /// <param name="suffix">What the transport is, such as <c>grpc</c>.</param>
    /// <returns>The name.</returns>
    public string With(string suffix) => new ClientName($"{Part}-{suffix}", Key).ToString();

    /// <inheritdoc/>
    public override string ToString() => Key is null ? Part : $"{Part}-{Key}";
}
