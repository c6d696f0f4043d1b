namespace AiPlatform.Sdk.Training.Tracking;

/// <summary>The cheapest call that proves the tracking store answers, for the readiness check.</summary>
internal interface ITrackingProbe
{
    Task ProbeAsync(CancellationToken cancellationToken);
}
