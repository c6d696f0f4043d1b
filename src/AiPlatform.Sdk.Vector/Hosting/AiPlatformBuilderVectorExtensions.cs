using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Vector;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk;

/// <summary>Adds the Vector layer's in-process engine to the platform.</summary>
public static class AiPlatformBuilderVectorExtensions
{
    /// <summary>The name of the engine's readiness health check.</summary>
    public const string HealthCheckName = "aiplatform-vector";

    private static readonly ClientRegistration<VectorEngine, VectorSettings> Client = new()
    {
        Part = "vector",
        SectionPath = "Vector",
        Layer = AiPlatformTelemetry.Vector,
        Transport = static (platform, name) => platform.Services.AddOptions<VectorSettings>(name.OptionsName)
            .PostConfigure<IOptions<AiPlatformSettings>>((options, root) => options.DataPath ??= Path.Combine(root.Value.DataPath, "vector")),
        Create = static context => new VectorEngine(
            Options.Create(context.Settings), context.Instrumentation<VectorEngine>("vector-engine"), context.Logger<VectorEngine>()),
        HealthCheck = static (engine, _) => new VectorHealthCheck(engine),
    };

    /// <summary>
    /// Registers <see cref="VectorEngine"/> (a singleton registry of named indexes) with <see cref="VectorSettings"/> bound from
    /// <c>AiPlatform:Vector</c> (data folder default <c>{AiPlatform:DataPath}/vector</c>), the Vector layer's telemetry and the
    /// readiness check <c>aiplatform-vector</c>. Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddVector(this AiPlatformBuilder builder, Action<VectorSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddClient(Client, null, configure);
    }
}
