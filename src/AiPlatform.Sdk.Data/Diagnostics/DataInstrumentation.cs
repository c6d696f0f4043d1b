using System.Diagnostics;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.Logging;

namespace AiPlatform.Sdk.Data.Diagnostics;

/// <summary>Wraps one component's operations in a span, a duration metric and log entries, each switchable by its settings.</summary>
internal sealed partial class DataInstrumentation(
    LayerTelemetry telemetry, AiPlatformClientSettings settings, ILogger logger, string component, TimeProvider timeProvider)
{
    public string Component => component;

    public ActivitySource? ActivitySource => settings.DisableTracing ? null : telemetry.ActivitySource;

    public Activity? StartActivity(string operation, ActivityKind kind = ActivityKind.Client, ActivityContext parent = default) =>
        settings.DisableTracing ? null : telemetry.ActivitySource.StartActivity($"{component} {operation}", kind, parent);

    public async Task<T> RunAsync<T>(string operation, Func<Task<T>> body)
    {
        using var activity = StartActivity(operation);
        activity?.SetTag("aiplatform.component", component);
        var started = timeProvider.GetTimestamp();
        try
        {
            var result = await body().ConfigureAwait(false);
            Record(operation, started, null);
            LogCompleted(logger, component, operation);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            Record(operation, started, ex.GetType().Name);
            LogFailed(logger, component, operation, ex.Message);
            throw;
        }
    }

    public async Task RunAsync(string operation, Func<Task> body) =>
        await RunAsync(operation, async () => { await body().ConfigureAwait(false); return true; }).ConfigureAwait(false);

    public long Timestamp() => timeProvider.GetTimestamp();

    public void Record(string operation, long startedTimestamp, string? errorType)
    {
        if (!settings.DisableMetrics)
        {
            telemetry.RecordOperation(component, operation, timeProvider.GetElapsedTime(startedTimestamp), errorType);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Component} {Operation} completed")]
    private static partial void LogCompleted(ILogger logger, string component, string operation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Component} {Operation} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string component, string operation, string error);
}
