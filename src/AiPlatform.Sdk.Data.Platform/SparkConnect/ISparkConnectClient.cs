using Apache.Arrow;

namespace AiPlatform.Sdk.Data.Platform.SparkConnect;

/// <summary>
/// A Spark Connect session (Spark 3.5/4, gRPC <c>spark.connect.SparkConnectService</c>): SQL executed through <c>ExecutePlan</c> and read
/// as Arrow record batches or rows, reattached from the last response received when the stream drops and released when read; the
/// session's configuration; interrupts; and the session's release. Thread-safe. Failures are <see cref="AiPlatformException"/>s whose
/// <see cref="AiPlatformException.ErrorCode"/> is Spark's error class (<c>TABLE_OR_VIEW_NOT_FOUND</c>) when the server names one, else the
/// gRPC status; cancellation throws <see cref="OperationCanceledException"/>.
/// </summary>
public interface ISparkConnectClient
{
    /// <summary>The UUID of the session the client's requests name (the configured one, or one the client generated).</summary>
    string SessionId { get; }

    /// <summary>
    /// Runs a SQL statement and streams its result as Arrow record batches, in the server's order. The execution is reattachable: a
    /// stream that drops or ends before Spark's <c>ResultComplete</c> is continued with <c>ReattachExecute</c> after the last response
    /// received, so no batch is lost or repeated. The execution is released when the enumeration ends, early or not.
    /// </summary>
    /// <param name="sql">The SQL statement.</param>
    /// <param name="operationId">The execution's id, a UUID, to interrupt it from elsewhere; default a new one.</param>
    /// <param name="cancellationToken">Cancels the execution's reading.</param>
    /// <returns>The record batches.</returns>
    /// <exception cref="AiPlatformException">Spark refused or failed the statement, or the stream could not be reattached.</exception>
    IAsyncEnumerable<RecordBatch> SqlAsync(string sql, string? operationId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a SQL statement and streams its rows as column name → value (<see langword="null"/> for SQL NULL; numbers, strings,
    /// <see cref="bool"/>, <see cref="decimal"/>, <see cref="DateTime"/> for dates, <see cref="DateTimeOffset"/> for timestamps,
    /// <see cref="byte"/> arrays; other Arrow types as a one-element Arrow array). See <see cref="SqlAsync"/>.
    /// </summary>
    /// <param name="sql">The SQL statement.</param>
    /// <param name="operationId">The execution's id, a UUID; default a new one.</param>
    /// <param name="cancellationToken">Cancels the execution's reading.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="AiPlatformException">Spark refused or failed the statement.</exception>
    IAsyncEnumerable<IReadOnlyDictionary<string, object?>> SqlRowsAsync(string sql, string? operationId = null, CancellationToken cancellationToken = default);

    /// <summary>Reads session configuration values (<c>Config</c>, <c>GetOption</c>).</summary>
    /// <param name="keys">The keys, such as <c>spark.sql.shuffle.partitions</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Each key with its value, or <see langword="null"/> when it is not set.</returns>
    /// <exception cref="AiPlatformException">The call failed.</exception>
    Task<IReadOnlyDictionary<string, string?>> GetConfigAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Sets session configuration values (<c>Config</c>, <c>Set</c>).</summary>
    /// <param name="values">The keys and values.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Spark has applied them.</returns>
    /// <exception cref="AiPlatformException">Spark refused a key (a static or unknown configuration) or the call failed.</exception>
    Task SetConfigAsync(IEnumerable<KeyValuePair<string, string>> values, CancellationToken cancellationToken = default);

    /// <summary>Interrupts every running execution of the session (<c>Interrupt</c>, <c>INTERRUPT_TYPE_ALL</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The operation ids Spark interrupted.</returns>
    /// <exception cref="AiPlatformException">The call failed.</exception>
    Task<IReadOnlyList<string>> InterruptAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Interrupts one execution (<c>Interrupt</c>, <c>INTERRUPT_TYPE_OPERATION_ID</c>).</summary>
    /// <param name="operationId">The execution's operation id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The operation ids Spark interrupted: empty when the execution had already ended.</returns>
    /// <exception cref="AiPlatformException">The call failed.</exception>
    Task<IReadOnlyList<string>> InterruptAsync(string operationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Releases the session on the server (<c>ReleaseSession</c>): its executions, temporary views and settings are dropped. Later
    /// calls of this client open a new session with a new <see cref="SessionId"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the session is released.</returns>
    /// <exception cref="AiPlatformException">The call failed.</exception>
    Task ReleaseSessionAsync(CancellationToken cancellationToken = default);
}
