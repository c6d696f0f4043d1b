namespace AiPlatform.Sdk.Data.Platform.Airflow;

/// <summary>
/// Apache Airflow's REST API, 2.x (<c>/api/v1</c>, Basic) or 3.x (<c>/api/v2</c>, JWT from <c>/auth/token</c>), chosen by configuration
/// or detected: DAGs, runs (triggered with a <c>conf</c>, awaited to a terminal state), task instances and their logs, variables and
/// connections. Listings are paged as <see cref="IAsyncEnumerable{T}"/>. Failures are <see cref="AiPlatformException"/> subclasses:
/// <see cref="AiPlatformNotFoundException"/> naming the DAG, run, variable or connection; <see cref="AiPlatformValidationException"/>
/// with Airflow 3's field errors; <see cref="AiPlatformUnauthorizedException"/>; <see cref="AiPlatformForbiddenException"/>.
/// </summary>
public interface IAirflowClient
{
    /// <summary>Reads Airflow's health report (no credentials needed).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The metadata database's and the scheduler's status.</returns>
    Task<AirflowHealth> GetHealthAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the server's Airflow version.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version.</returns>
    Task<AirflowVersionInfo> GetVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the DAGs, page by page.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The DAGs.</returns>
    IAsyncEnumerable<AirflowDag> ListDagsAsync(CancellationToken cancellationToken = default);

    /// <summary>Pauses or unpauses a DAG.</summary>
    /// <param name="dagId">The DAG's id.</param>
    /// <param name="paused"><see langword="true"/> to pause, <see langword="false"/> to unpause.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The DAG as changed.</returns>
    Task<AirflowDag> SetDagPausedAsync(string dagId, bool paused, CancellationToken cancellationToken = default);

    /// <summary>Triggers a DAG run. On Airflow 3 the logical date is always sent (<c>null</c> when unset), as its API requires.</summary>
    /// <param name="dagId">The DAG's id.</param>
    /// <param name="request">The run's id, logical date, <c>conf</c> and note; all optional.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created run.</returns>
    Task<DagRun> TriggerDagRunAsync(string dagId, DagRunRequest? request = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a DAG run.</summary>
    /// <param name="dagId">The DAG's id.</param>
    /// <param name="runId">The run's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run.</returns>
    Task<DagRun> GetDagRunAsync(string dagId, string runId, CancellationToken cancellationToken = default);

    /// <summary>Lists a DAG's runs, page by page.</summary>
    /// <param name="dagId">The DAG's id.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The runs.</returns>
    IAsyncEnumerable<DagRun> ListDagRunsAsync(string dagId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the run every <paramref name="pollInterval"/> (default <c>PollInterval</c> of the settings) until it is <c>success</c> or
    /// <c>failed</c>, reporting each state read to <paramref name="progress"/>. Cancelling stops the polling with
    /// <see cref="OperationCanceledException"/>; the run itself goes on in Airflow.
    /// </summary>
    /// <param name="dagId">The DAG's id.</param>
    /// <param name="runId">The run's id.</param>
    /// <param name="progress">Receives the run after each read.</param>
    /// <param name="pollInterval">The wait between reads.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The run in its terminal state.</returns>
    Task<DagRun> WaitForDagRunAsync(
        string dagId, string runId, IProgress<DagRun>? progress = null, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the task instances of a run, page by page.</summary>
    /// <param name="dagId">The DAG's id.</param>
    /// <param name="runId">The run's id.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The task instances.</returns>
    IAsyncEnumerable<TaskInstance> ListTaskInstancesAsync(string dagId, string runId, CancellationToken cancellationToken = default);

    /// <summary>Reads the whole log of one try of a task instance, as text (Airflow 3's structured messages become one line each).</summary>
    /// <param name="dagId">The DAG's id.</param>
    /// <param name="runId">The run's id.</param>
    /// <param name="taskId">The task's id.</param>
    /// <param name="tryNumber">The try, from 1 (<see cref="TaskInstance.TryNumber"/> is the latest).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The log.</returns>
    Task<string> GetTaskLogAsync(string dagId, string runId, string taskId, int tryNumber, CancellationToken cancellationToken = default);

    /// <summary>Lists the variables, page by page.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The variables.</returns>
    IAsyncEnumerable<AirflowVariable> ListVariablesAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads a variable.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The variable.</returns>
    Task<AirflowVariable> GetVariableAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Creates a variable; a key that exists fails with <see cref="AiPlatformConflictException"/>.</summary>
    /// <param name="variable">The variable.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The variable as stored.</returns>
    Task<AirflowVariable> CreateVariableAsync(AirflowVariable variable, CancellationToken cancellationToken = default);

    /// <summary>Replaces a variable's value and description.</summary>
    /// <param name="variable">The variable.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The variable as stored.</returns>
    Task<AirflowVariable> UpdateVariableAsync(AirflowVariable variable, CancellationToken cancellationToken = default);

    /// <summary>Deletes a variable.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is deleted.</returns>
    Task DeleteVariableAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Lists the connections, page by page.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The connections.</returns>
    IAsyncEnumerable<AirflowConnection> ListConnectionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads a connection.</summary>
    /// <param name="connectionId">The connection's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connection.</returns>
    Task<AirflowConnection> GetConnectionAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Creates a connection.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connection as stored.</returns>
    Task<AirflowConnection> CreateConnectionAsync(AirflowConnection connection, CancellationToken cancellationToken = default);

    /// <summary>Deletes a connection.</summary>
    /// <param name="connectionId">The connection's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is deleted.</returns>
    Task DeleteConnectionAsync(string connectionId, CancellationToken cancellationToken = default);
}
