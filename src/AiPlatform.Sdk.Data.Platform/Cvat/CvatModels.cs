using System.Text.Json.Serialization;
using AiPlatform.Sdk.Data.Platform.Common;

namespace AiPlatform.Sdk.Data.Platform.Cvat;

/// <summary>A dataset or annotation format by CVAT's display name, such as <c>COCO 1.0</c> (an open set: any name the server lists can be used).</summary>
[JsonConverter(typeof(StringValueConverter<CvatDatasetFormat>))]
public readonly record struct CvatDatasetFormat : IStringValue<CvatDatasetFormat>
{
    /// <summary>Creates a format from its name.</summary>
    /// <param name="value">The name as <c>/api/server/annotation/formats</c> lists it.</param>
    public CvatDatasetFormat(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>COCO 1.0 (instances JSON in a zip).</summary>
    public static CvatDatasetFormat Coco { get; } = new("COCO 1.0");

    /// <summary>YOLO 1.1 (labels and classes in a zip).</summary>
    public static CvatDatasetFormat Yolo { get; } = new("YOLO 1.1");

    /// <summary>CVAT's own XML for images.</summary>
    public static CvatDatasetFormat CvatImages { get; } = new("CVAT for images 1.1");

    /// <summary>Datumaro 1.0.</summary>
    public static CvatDatasetFormat Datumaro { get; } = new("Datumaro 1.0");

    /// <summary>The format's name.</summary>
    public string Value { get; }

    static CvatDatasetFormat IStringValue<CvatDatasetFormat>.From(string value) => new(value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>The state of a request in CVAT's queue (an open set).</summary>
[JsonConverter(typeof(StringValueConverter<CvatRequestStatus>))]
public readonly record struct CvatRequestStatus : IStringValue<CvatRequestStatus>
{
    /// <summary>Creates a status from the server's name.</summary>
    /// <param name="value">The name, such as <c>started</c>.</param>
    public CvatRequestStatus(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Waiting for a worker.</summary>
    public static CvatRequestStatus Queued { get; } = new("queued");

    /// <summary>Being processed.</summary>
    public static CvatRequestStatus Started { get; } = new("started");

    /// <summary>Failed (terminal); the message says why.</summary>
    public static CvatRequestStatus Failed { get; } = new("failed");

    /// <summary>Done (terminal); an export's file is at the result URL.</summary>
    public static CvatRequestStatus Finished { get; } = new("finished");

    /// <summary>The server's name of the status.</summary>
    public string Value { get; }

    /// <summary>Whether the request has ended (<c>finished</c> or <c>failed</c>).</summary>
    public bool IsTerminal => this == Finished || this == Failed;

    static CvatRequestStatus IStringValue<CvatRequestStatus>.From(string value) => new(value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>The formats a CVAT server imports and exports (<c>GET /api/server/annotation/formats</c>).</summary>
public sealed class CvatFormats
{
    /// <summary>Formats annotations can be imported from.</summary>
    public IReadOnlyList<CvatFormatInfo> Importers { get; init; } = [];

    /// <summary>Formats datasets can be exported to.</summary>
    public IReadOnlyList<CvatFormatInfo> Exporters { get; init; } = [];
}

/// <summary>One import or export format.</summary>
public sealed class CvatFormatInfo
{
    /// <summary>The name to pass as a format, such as <c>COCO 1.0</c>.</summary>
    public required CvatDatasetFormat Name { get; init; }

    /// <summary>The file extensions, such as <c>ZIP</c>.</summary>
    public string? Ext { get; init; }

    /// <summary>The format's version.</summary>
    public string? Version { get; init; }

    /// <summary>Whether the server allows it.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>2D</c> or <c>3D</c>.</summary>
    public string? Dimension { get; init; }
}

/// <summary>A task to create (<c>POST /api/tasks</c>).</summary>
public sealed class CvatTaskRequest
{
    /// <summary>The task's name.</summary>
    public required string Name { get; init; }

    /// <summary>The project it belongs to (its labels are used); <see langword="null"/> for a task with its own labels.</summary>
    public int? ProjectId { get; init; }

    /// <summary>The task's labels, when it is not in a project.</summary>
    public IReadOnlyList<CvatLabel>? Labels { get; init; }

    /// <summary>The dataset subset, such as <c>train</c>.</summary>
    public string? Subset { get; init; }

    /// <summary>How many frames each job gets; unset for one job.</summary>
    public int? SegmentSize { get; init; }
}

/// <summary>A label of a task.</summary>
public sealed class CvatLabel
{
    /// <summary>The label's name.</summary>
    public required string Name { get; init; }

    /// <summary>The shape it is drawn with, such as <c>rectangle</c>, <c>polygon</c> or <c>any</c>.</summary>
    public string? Type { get; init; }
}

/// <summary>A CVAT task.</summary>
public sealed class CvatTask
{
    /// <summary>The task's id.</summary>
    public required int Id { get; init; }

    /// <summary>The task's name.</summary>
    public string? Name { get; init; }

    /// <summary>Its project, if any.</summary>
    public int? ProjectId { get; init; }

    /// <summary><c>annotation</c>, <c>validation</c> or <c>completed</c>.</summary>
    public string? Status { get; init; }

    /// <summary>How many frames it holds (0 until its data is attached).</summary>
    public int Size { get; init; }

    /// <summary>Its dataset subset.</summary>
    public string? Subset { get; init; }
}

/// <summary>
/// A file to attach to a task: its name (with the extension CVAT recognises) and its bytes, streamed. A seekable stream (a file) has a
/// known length, which lets a large file go up in tus chunks; a stream of unknown length always goes in a multipart request.
/// </summary>
/// <param name="FileName">The file's name, such as <c>frame_0001.jpg</c>.</param>
/// <param name="Content">The bytes, read from the current position to the end; disposed with the request that sends them.</param>
public sealed record CvatFile(string FileName, Stream Content);

/// <summary>How far a media upload has come.</summary>
public sealed class CvatUploadProgress
{
    /// <summary>The bytes of media the server has confirmed so far.</summary>
    public required long BytesSent { get; init; }

    /// <summary>The bytes of all files, or <see langword="null"/> when a stream's length is unknown.</summary>
    public long? TotalBytes { get; init; }
}

/// <summary>A request in CVAT's queue (<c>GET /api/requests/{id}</c>): an export, an import or a data upload.</summary>
public sealed class CvatRequest
{
    /// <summary>The request id (<c>rq_id</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The request's state.</summary>
    public CvatRequestStatus Status { get; init; }

    /// <summary>The server's message: what failed, or the current step.</summary>
    public string? Message { get; init; }

    /// <summary>Progress from 0 to 1, when the server reports it.</summary>
    public double? Progress { get; init; }

    /// <summary>Where a finished export's file can be downloaded.</summary>
    public Uri? ResultUrl { get; init; }
}
