namespace AiPlatform.Sdk.Training.Tracking;

/// <summary>The HTTP pipeline's view of <see cref="TrackingSettings"/> when a server is configured (copied, never bound).</summary>
internal sealed class MlflowHttpSettings : RemoteClientSettings;
