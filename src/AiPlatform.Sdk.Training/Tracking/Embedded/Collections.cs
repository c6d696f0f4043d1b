using AiPlatform.Sdk.Data.Documents;

namespace AiPlatform.Sdk.Training.Tracking.Embedded;

/// <summary>The embedded store's document collections.</summary>
internal static class Collections
{
    public const string Experiments = "mlflow-experiments";
    public const string Runs = "mlflow-runs";
    public const string MetricHistories = "mlflow-metric-histories";
    public const string Sequences = "mlflow-sequences";

    public static readonly DocumentCollection<ExperimentDocument> ExperimentCollection =
        new DocumentCollection<ExperimentDocument>(Experiments, TrackingDocumentsJsonContext.Default.ExperimentDocument).HasIndex(e => e.Name, unique: true);

    public static readonly DocumentCollection<RunDocument> RunCollection =
        new DocumentCollection<RunDocument>(Runs, TrackingDocumentsJsonContext.Default.RunDocument).HasIndex(r => r.ExperimentId);

    public static readonly DocumentCollection<MetricHistoryDocument> MetricHistoryCollection =
        new(MetricHistories, TrackingDocumentsJsonContext.Default.MetricHistoryDocument);

    public static readonly DocumentCollection<SequenceDocument> SequenceCollection = new(Sequences, TrackingDocumentsJsonContext.Default.SequenceDocument);
}
