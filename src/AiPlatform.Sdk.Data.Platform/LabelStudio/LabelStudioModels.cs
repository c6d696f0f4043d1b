using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AiPlatform.Sdk.Data.Platform.Common;

namespace AiPlatform.Sdk.Data.Platform.LabelStudio;

/// <summary>The status of an export snapshot or of one of its converted formats (an open set: unknown states are kept as sent).</summary>
[JsonConverter(typeof(StringValueConverter<LabelStudioExportStatus>))]
public readonly record struct LabelStudioExportStatus : IStringValue<LabelStudioExportStatus>
{
    /// <summary>Creates a status from the server's name.</summary>
    /// <param name="value">The name, such as <c>in_progress</c>.</param>
    public LabelStudioExportStatus(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Requested, not started.</summary>
    public static LabelStudioExportStatus Created { get; } = new("created");

    /// <summary>Being written.</summary>
    public static LabelStudioExportStatus InProgress { get; } = new("in_progress");

    /// <summary>Failed (terminal); the traceback says why.</summary>
    public static LabelStudioExportStatus Failed { get; } = new("failed");

    /// <summary>Ready to download (terminal).</summary>
    public static LabelStudioExportStatus Completed { get; } = new("completed");

    /// <summary>The server's name of the status.</summary>
    public string Value { get; }

    /// <summary>Whether the export has finished (<c>completed</c> or <c>failed</c>).</summary>
    public bool IsTerminal => this == Completed || this == Failed;

    static LabelStudioExportStatus IStringValue<LabelStudioExportStatus>.From(string value) => new(value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>An export format by Label Studio's converter name (an open set: any name the server offers can be used).</summary>
[JsonConverter(typeof(StringValueConverter<LabelStudioExportFormat>))]
public readonly record struct LabelStudioExportFormat : IStringValue<LabelStudioExportFormat>
{
    /// <summary>Creates a format from its converter name.</summary>
    /// <param name="value">The name, such as <c>COCO</c>.</param>
    public LabelStudioExportFormat(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Label Studio's JSON: every task with its data, annotations and predictions (the snapshot's own format).</summary>
    public static LabelStudioExportFormat Json { get; } = new("JSON");

    /// <summary>JSON with one flat object per annotation.</summary>
    public static LabelStudioExportFormat JsonMin { get; } = new("JSON_MIN");

    /// <summary>One CSV row per annotation.</summary>
    public static LabelStudioExportFormat Csv { get; } = new("CSV");

    /// <summary>COCO (a zip with the annotations JSON) for boxes and polygons.</summary>
    public static LabelStudioExportFormat Coco { get; } = new("COCO");

    /// <summary>YOLO (a zip with labels and classes) for boxes.</summary>
    public static LabelStudioExportFormat Yolo { get; } = new("YOLO");

    /// <summary>The converter name.</summary>
    public string Value { get; }

    static LabelStudioExportFormat IStringValue<LabelStudioExportFormat>.From(string value) => new(value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>A Label Studio project.</summary>
public sealed class LabelStudioProject
{
    /// <summary>The project's id.</summary>
    public required int Id { get; init; }

    /// <summary>The title.</summary>
    public string? Title { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The labeling configuration (Label Studio's XML).</summary>
    public string? LabelConfig { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>How many tasks it has.</summary>
    public int TaskNumber { get; init; }

    /// <summary>How many tasks have at least one annotation.</summary>
    public int? NumTasksWithAnnotations { get; init; }

    /// <summary>How many annotations it has.</summary>
    public int? TotalAnnotationsNumber { get; init; }

    /// <summary>How many predictions (pre-annotations) it has.</summary>
    public int? TotalPredictionsNumber { get; init; }
}

/// <summary>What an import of tasks created.</summary>
public sealed class LabelStudioImportResult
{
    /// <summary>How many tasks were added.</summary>
    public int TaskCount { get; init; }

    /// <summary>How many annotations were added with them.</summary>
    public int AnnotationCount { get; init; }

    /// <summary>How many predictions were added with them.</summary>
    public int PredictionsCount { get; init; }

    /// <summary>The ids of the created tasks, in the order sent.</summary>
    public IReadOnlyList<int> TaskIds { get; init; } = [];
}

/// <summary>A model's prediction (pre-annotation) for one task.</summary>
public sealed class LabelStudioPredictionRequest
{
    /// <summary>The task's id.</summary>
    public required int Task { get; init; }

    /// <summary>The predicted regions, in Label Studio's result format (<c>from_name</c>, <c>to_name</c>, <c>type</c>, <c>value</c>).</summary>
    public required IReadOnlyList<JsonObject> Result { get; init; }

    /// <summary>The model version that predicted it, to filter by in the Data Manager.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>The model's confidence; tasks with the lowest score are shown first.</summary>
    public double? Score { get; init; }
}

/// <summary>A prediction as Label Studio stored it.</summary>
public sealed class LabelStudioPrediction
{
    /// <summary>The prediction's id.</summary>
    public required int Id { get; init; }

    /// <summary>The task's id.</summary>
    public required int Task { get; init; }

    /// <summary>The predicted regions.</summary>
    public IReadOnlyList<JsonObject> Result { get; init; } = [];

    /// <summary>The model version.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>The model's confidence.</summary>
    public double? Score { get; init; }
}

/// <summary>An export snapshot of a project.</summary>
public sealed class LabelStudioExport
{
    /// <summary>The snapshot's id.</summary>
    public required int Id { get; init; }

    /// <summary>The title.</summary>
    public string? Title { get; init; }

    /// <summary>Its status.</summary>
    public LabelStudioExportStatus Status { get; init; } = LabelStudioExportStatus.Created;

    /// <summary>When it was requested.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When it completed or failed.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The MD5 of the snapshot's JSON file, as Label Studio computed it.</summary>
    public string? Md5 { get; init; }

    /// <summary>The formats it was converted to, each with its own status.</summary>
    public IReadOnlyList<LabelStudioConvertedFormat> ConvertedFormats { get; init; } = [];
}

/// <summary>A snapshot's conversion to another format.</summary>
public sealed class LabelStudioConvertedFormat
{
    /// <summary>The conversion's id.</summary>
    public int Id { get; init; }

    /// <summary>The format.</summary>
    public required LabelStudioExportFormat ExportType { get; init; }

    /// <summary>Its status.</summary>
    public LabelStudioExportStatus Status { get; init; } = LabelStudioExportStatus.Created;

    /// <summary>The server's traceback when it failed.</summary>
    public string? Traceback { get; init; }
}
