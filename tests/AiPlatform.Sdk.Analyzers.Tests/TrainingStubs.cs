namespace AiPlatform.Sdk.Analyzers.Tests;

/// <summary>Minimal stand-ins for the Training package's tracking types (and run-like scopes of other namespaces) the test sources call.</summary>
internal static class TrainingStubs
{
    public const string Source = """

        namespace AiPlatform.Sdk.Training.Tracking
        {
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed record Metric(string Key, double Value, DateTimeOffset Timestamp, long Step = 0);

            public interface IExperimentTracker
            {
                Task LogBatchAsync(
                    string runId,
                    IReadOnlyList<Metric>? metrics = null,
                    IReadOnlyDictionary<string, string>? parameters = null,
                    IReadOnlyDictionary<string, string>? tags = null,
                    CancellationToken cancellationToken = default);
            }

            public sealed class MlflowTracker : IExperimentTracker
            {
                public Task LogBatchAsync(
                    string runId,
                    IReadOnlyList<Metric>? metrics = null,
                    IReadOnlyDictionary<string, string>? parameters = null,
                    IReadOnlyDictionary<string, string>? tags = null,
                    CancellationToken cancellationToken = default) => Task.CompletedTask;
            }

            public sealed class ActiveRun : IAsyncDisposable
            {
                public string RunId => "";
                public void LogMetric(string key, double value, long step = 0) { }
                public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
                public void Fail() { }
                public ValueTask DisposeAsync() => default;
            }

            public static class ExperimentTrackerExtensions
            {
                public static Task<ActiveRun> StartRunAsync(
                    this IExperimentTracker tracker, string experimentName, string? runName = null, TimeSpan? metricFlushInterval = null,
                    CancellationToken cancellationToken = default) => Task.FromResult(new ActiveRun());
            }
        }

        namespace AiPlatform.Sdk.Data.Uploads
        {
            using System;
            using System.Threading.Tasks;

            public sealed class UploadScope : IAsyncDisposable { public ValueTask DisposeAsync() => default; }
            public sealed class DownloadStream : IAsyncDisposable { public ValueTask DisposeAsync() => default; }

            public sealed class UploadClient
            {
                public UploadScope BeginScope() => new UploadScope();
                public Task<DownloadStream> OpenAsync(string key) => Task.FromResult(new DownloadStream());
            }
        }

        namespace Other
        {
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class LocalRun : IAsyncDisposable { public ValueTask DisposeAsync() => default; }
            public sealed class Runner
            {
                public LocalRun Start() => new LocalRun();
                public Task LogBatchAsync(string runId, IReadOnlyList<AiPlatform.Sdk.Training.Tracking.Metric>? metrics = null) => Task.CompletedTask;
            }
        }

        """;
}
