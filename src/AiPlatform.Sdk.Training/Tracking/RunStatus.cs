namespace AiPlatform.Sdk.Training.Tracking;

/// <summary>A run's status, as MLflow names it.</summary>
public enum RunStatus
{
    /// <summary>The run is in progress.</summary>
    Running,

    /// <summary>The run is scheduled but has not started.</summary>
    Scheduled,

    /// <summary>The run ended successfully.</summary>
    Finished,

    /// <summary>The run failed.</summary>
    Failed,

    /// <summary>The run was killed.</summary>
    Killed,
}
