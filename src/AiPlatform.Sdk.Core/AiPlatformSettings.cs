using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk;

/// <summary>Platform-wide settings bound from the <c>AiPlatform</c> section.</summary>
public sealed class AiPlatformSettings
{
    /// <summary>The folder where embedded defaults keep their files (object store, indexes, documents). Relative paths resolve against the working directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataPath { get; set; } = "data";

    /// <summary>The logical name of the application, sent as part of the user agent and used as the telemetry service name by hosts.</summary>
    public string? ServiceName { get; set; }

    /// <summary>The resilience policy every remote HTTP and gRPC client of the SDK uses.</summary>
    [Required]
    public ResilienceSettings Resilience { get; set; } = new();
}
