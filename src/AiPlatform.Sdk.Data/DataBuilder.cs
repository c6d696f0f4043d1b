using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data;

/// <summary>
/// Chains the Data layer's registrations: object stores, event streams, document collections, relational metadata and cache.
/// Obtained from <c>builder.AddData()</c>.
/// </summary>
public sealed class DataBuilder
{
    internal DataBuilder(AiPlatformBuilder platform) => Platform = platform;

    /// <summary>The platform builder this layer belongs to.</summary>
    public AiPlatformBuilder Platform { get; }

    /// <summary>The application's services.</summary>
    public IServiceCollection Services => Platform.Services;
}
