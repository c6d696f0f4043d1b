using AiPlatform.Sdk.Telemetry;

namespace AiPlatform.Sdk.Ops;

/// <summary>
/// The activity sources and meters AddOps listens to. Besides the platform's own, these are the instrumentation .NET 10 libraries emit
/// themselves (no instrumentation package needed): HttpClient, the gRPC client, and the meters of ASP.NET Core, Kestrel, name
/// resolution and the runtime. ASP.NET Core's own server activity carries no HTTP attributes: AiPlatform.Sdk.AspNetCore adds its
/// instrumentation to the same pipeline.
/// </summary>
public static class Instrumentation
{
    /// <summary>Activity sources: every <c>AiPlatform.*</c> source, then HttpClient's and the gRPC client's.</summary>
    public static IReadOnlyList<string> ActivitySources { get; } = [.. AiPlatformTelemetry.AllNames, "System.Net.Http", "Grpc.Net.Client"];

    /// <summary>Meters: every <c>AiPlatform.*</c> meter, then ASP.NET Core's, Kestrel's, HttpClient's, the gRPC client's and the runtime's.</summary>
    public static IReadOnlyList<string> Meters { get; } =
    [
        .. AiPlatformTelemetry.AllNames,
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization", "System.Net.Http", "System.Net.NameResolution", "Grpc.Net.Client", "System.Runtime",
    ];
}
