namespace AiPlatform.Sdk.Ops;

/// <summary>Marks that AddOps ran and keeps the settings it composed the pipelines from (the AspNetCore package reads them).</summary>
internal sealed record OpsRegistration(OpsSettings Settings);
