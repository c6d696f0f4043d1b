using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AiPlatform.Sdk.Telemetry;

/// <summary>
/// The SDK's one instrumentation of a logical call: a client span, the <c>aiplatform.operation.duration</c> histogram, the
/// <c>aiplatform.operation.errors</c> counter, a log entry on failure, and the failure mapped through
/// <see cref="AiPlatformErrors"/>. A call made inside another SDK client span (an HTTP request of an inference call) adds
/// neither span nor measurement, so every logical call produces exactly one client span however many attempts it takes.
/// </summary>
public sealed partial class ClientInstrumentation
{
    private readonly LayerTelemetry _telemetry;
    private readonly AiPlatformClientSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Uri? _endpoint;

    /// <summary>Creates the instrumentation of one component.</summary>
    /// <param name="component">The component named in spans and metrics, such as <c>s3</c>.</param>
    /// <param name="telemetry">The layer's span source and meter.</param>
    /// <param name="settings">The client's settings; their <c>DisableTracing</c> and <c>DisableMetrics</c> switches are honoured.</param>
    /// <param name="logger">The logger of failures.</param>
    /// <param name="timeProvider">The clock that times calls.</param>
    /// <param name="endpoint">The remote address, named in connection errors.</param>
    public ClientInstrumentation(
        string component, LayerTelemetry telemetry, AiPlatformClientSettings settings, ILogger logger, TimeProvider? timeProvider = null, Uri? endpoint = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(component);
        Component = component;
        _telemetry = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _time = timeProvider ?? TimeProvider.System;
        _endpoint = endpoint;
    }

    /// <summary>The component named in spans and metrics.</summary>
    public string Component { get; }

    /// <summary>
    /// Starts a span <c>{component} {operation}</c>; <see langword="null"/> when tracing is off, nobody listens, or a client span of
    /// the SDK is already current (the outer call owns the span).
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="kind">The span's kind.</param>
    /// <param name="parent">An explicit parent, such as the context carried by a consumed event.</param>
    /// <returns>The span, or <see langword="null"/>.</returns>
    public Activity? StartActivity(string operation, ActivityKind kind = ActivityKind.Client, ActivityContext parent = default)
    {
        if (_settings.DisableTracing || (kind == ActivityKind.Client && IsInsideClientCall))
        {
            return null;
        }

        var activity = _telemetry.ActivitySource.StartActivity($"{Component} {operation}", kind, parent);
        activity?.SetTag("aiplatform.component", Component);
        activity?.SetTag("aiplatform.operation", operation);
        return activity;
    }

    /// <summary>Runs one logical call inside a span, timing it and mapping its failure.</summary>
    /// <typeparam name="T">The call's result.</typeparam>
    /// <param name="operation">The operation, such as <c>PutObject</c>.</param>
    /// <param name="call">The call; it receives the span (or <see langword="null"/>) to tag.</param>
    /// <param name="map">Maps a failure to the exception to throw; default <see cref="AiPlatformErrors.FromException"/>.</param>
    /// <param name="failure">Classifies a result as failed (returns the error type) without an exception, such as an HTTP 500 response.</param>
    /// <param name="cancellationToken">The caller's token: its cancellation is rethrown as is, neither mapped nor counted as an error.</param>
    /// <returns>The call's result.</returns>
    /// <exception cref="AiPlatformException">The call failed (from the default mapping).</exception>
    public async Task<T> RunAsync<T>(
        string operation,
        Func<Activity?, Task<T>> call,
        Func<Exception, Exception>? map = null,
        Func<T, string?>? failure = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (IsInsideClientCall)
        {
            // One span per logical call: the outer client's. This client's failures are still its own (callers branch on them).
            try
            {
                return await call(null).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var inner = map is null ? AiPlatformErrors.FromException(ex, Component, operation, _endpoint) : map(ex);
                if (ReferenceEquals(inner, ex))
                {
                    throw;
                }

                throw inner;
            }
        }

        using var activity = StartActivity(operation);
        var started = _time.GetTimestamp();
        string? error = null;
        InsideCall.Value = true;
        try
        {
            var result = await call(activity).ConfigureAwait(false);
            LogCompleted(_logger, Component, operation);
            error = failure?.Invoke(result);
            if (error is not null)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
                activity?.SetTag("error.type", error);
            }

            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error = nameof(OperationCanceledException);
            throw;
        }
        catch (Exception ex)
        {
            var mapped = map is null ? AiPlatformErrors.FromException(ex, Component, operation, _endpoint) : map(ex);
            error = mapped is AiPlatformException { ErrorCode: { } code } ? code : mapped.GetType().Name;
            activity?.SetStatus(ActivityStatusCode.Error, mapped.Message);
            activity?.SetTag("error.type", error);
            LogFailed(_logger, Component, operation, mapped.Message);
            if (ReferenceEquals(mapped, ex))
            {
                throw;
            }

            throw mapped;
        }
        finally
        {
            InsideCall.Value = false;
            if (!_settings.DisableMetrics)
            {
                _telemetry.RecordOperation(Component, operation, _time.GetElapsedTime(started), error);
            }
        }
    }

    /// <summary>Runs one logical call without a result; see <see cref="RunAsync{T}"/>.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="call">The call.</param>
    /// <param name="map">Maps a failure to the exception to throw.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>A task that completes with the call.</returns>
    public Task RunAsync(string operation, Func<Activity?, Task> call, Func<Exception, Exception>? map = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return RunAsync(operation, async activity => { await call(activity).ConfigureAwait(false); return true; }, map, null, cancellationToken);
    }

    /// <summary>Records the duration of an operation timed by the caller (a streamed read that ends later), unless metrics are off.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="startedTimestamp">The value of <see cref="Timestamp"/> when it started.</param>
    /// <param name="errorType">The error's type, or <see langword="null"/> on success.</param>
    public void Record(string operation, long startedTimestamp, string? errorType)
    {
        if (!_settings.DisableMetrics)
        {
            _telemetry.RecordOperation(Component, operation, _time.GetElapsedTime(startedTimestamp), errorType);
        }
    }

    /// <summary>The clock's current timestamp, for <see cref="Record"/>.</summary>
    /// <returns>The timestamp.</returns>
    public long Timestamp() => _time.GetTimestamp();

    /// <summary>An HTTP status as an error type, for <c>failure</c> classifiers.</summary>
    /// <param name="status">The status code.</param>
    /// <returns>The status as text.</returns>
    public static string StatusError(int status) => status.ToString(CultureInfo.InvariantCulture);

    // Set for the duration of an instrumented call, so that the calls it makes (HTTP attempts) are not instrumented again.
    private static readonly AsyncLocal<bool> InsideCall = new();

    private static bool IsInsideClientCall => InsideCall.Value;

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Component} {Operation} completed")]
    private static partial void LogCompleted(ILogger logger, string component, string operation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Component} {Operation} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string component, string operation, string error);
}
