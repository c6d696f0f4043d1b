namespace AiPlatform.Sdk;

/// <summary>Switches every SDK client's settings class carries, after the .NET Aspire client integrations.</summary>
public abstract class AiPlatformClientSettings
{
    /// <summary>When <see langword="true"/>, the client registers no health check.</summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>When <see langword="true"/>, the client emits no spans.</summary>
    public bool DisableTracing { get; set; }

    /// <summary>When <see langword="true"/>, the client records no metrics.</summary>
    public bool DisableMetrics { get; set; }
}
