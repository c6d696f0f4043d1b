using System.ComponentModel.DataAnnotations;

namespace DataPlatformFlow;

/// <summary>What the flow labels, where it writes the dataset and which DAG trains on it; bound from the <c>Flow</c> section.</summary>
public sealed class PlatformFlowOptions
{
    /// <summary>The bucket holding the media to label.</summary>
    [Required]
    public string SourceBucket { get; set; } = "raw";

    /// <summary>The key prefix of the media, such as <c>cats/</c>.</summary>
    public string? SourcePrefix { get; set; }

    /// <summary>The most objects one run labels (Label Studio takes up to 250,000 tasks per import).</summary>
    [Range(1, 250_000)]
    public int MaxObjects { get; set; } = 1000;

    /// <summary>The Label Studio project's title (3 to 50 characters).</summary>
    [Required]
    public string ProjectTitle { get; set; } = "Platform flow";

    /// <summary>The classes annotators choose from, and the pre-annotator predicts.</summary>
    [MinLength(2)]
    public IReadOnlyList<string> Labels { get; set; } = ["cat", "dog"];

    /// <summary>How long the tasks' presigned media URLs stay valid.</summary>
    public TimeSpan UrlExpiry { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The bucket the dataset and its <c>.dvc</c> pointer are written to.</summary>
    [Required]
    public string DatasetBucket { get; set; } = "datasets";

    /// <summary>The key prefix of datasets; each project's export is <c>{prefix}project-{id}/annotations.json</c>.</summary>
    public string? DatasetPrefix { get; set; }

    /// <summary>The Airflow DAG that trains on the dataset; it receives <c>dataset</c> (an <c>s3://</c> path) and <c>md5</c> in its conf.</summary>
    [Required]
    public string DagId { get; set; } = "train";
}
