namespace AiPlatform.Sdk.Training.Registry;

/// <summary>A registered model: a name under which model versions are kept, with tags and aliases.</summary>
/// <param name="Name">The unique name.</param>
/// <param name="Description">The description, if any.</param>
/// <param name="CreationTime">When it was registered.</param>
/// <param name="LastUpdatedTime">When it last changed.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Aliases">Each alias (such as <c>champion</c>) and the version it points to.</param>
public sealed record RegisteredModel(
    string Name,
    string? Description,
    DateTimeOffset CreationTime,
    DateTimeOffset LastUpdatedTime,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, string> Aliases);

/// <summary>One version of a registered model: where its files are and which run produced it.</summary>
/// <param name="Name">The registered model.</param>
/// <param name="Version">The version number, as MLflow's decimal string.</param>
/// <param name="Source">Where the model's files are, such as <c>runs:/{run_id}/model</c> or an artifact URI.</param>
/// <param name="RunId">The run that produced it, if any.</param>
/// <param name="Description">The description, if any.</param>
/// <param name="Stage">The stage (<c>None</c>, <c>Staging</c>, <c>Production</c>, <c>Archived</c>); aliases replace stages in MLflow 2.</param>
/// <param name="CreationTime">When it was created.</param>
/// <param name="LastUpdatedTime">When it last changed.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Aliases">The aliases that point to it.</param>
public sealed record ModelVersion(
    string Name,
    string Version,
    string Source,
    string? RunId,
    string? Description,
    string Stage,
    DateTimeOffset CreationTime,
    DateTimeOffset LastUpdatedTime,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> Aliases);
