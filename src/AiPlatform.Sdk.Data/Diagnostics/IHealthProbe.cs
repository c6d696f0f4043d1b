namespace AiPlatform.Sdk.Data.Diagnostics;

/// <summary>A backend that can tell whether it is reachable and usable; throws when it is not.</summary>
internal interface IHealthProbe
{
    Task ProbeAsync(CancellationToken cancellationToken);
}
