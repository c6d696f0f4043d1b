namespace AiPlatform.Sdk.Training;

/// <summary>The cheapest call that proves a Training backend answers (an MLflow experiment search, Ray's version), for the readiness check.</summary>
internal interface IReadinessProbe
{
    Task ProbeAsync(CancellationToken cancellationToken);
}
