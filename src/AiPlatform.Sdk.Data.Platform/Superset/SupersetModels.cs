namespace AiPlatform.Sdk.Data.Platform.Superset;

/// <summary>A dashboard as Superset lists it.</summary>
public sealed class SupersetDashboard
{
    /// <summary>The dashboard's id.</summary>
    public required int Id { get; init; }

    /// <summary>The title.</summary>
    public string? DashboardTitle { get; init; }

    /// <summary>The URL slug, if any.</summary>
    public string? Slug { get; init; }

    /// <summary>The dashboard's path on the server, such as <c>/superset/dashboard/sales/</c>.</summary>
    public string? Url { get; init; }

    /// <summary>Whether it is published.</summary>
    public bool? Published { get; init; }
}

/// <summary>A chart (a "slice") as Superset lists it.</summary>
public sealed class SupersetChart
{
    /// <summary>The chart's id.</summary>
    public required int Id { get; init; }

    /// <summary>The chart's name.</summary>
    public string? SliceName { get; init; }

    /// <summary>The visualization type, such as <c>echarts_timeseries_line</c>.</summary>
    public string? VizType { get; init; }

    /// <summary>The id of the dataset it reads.</summary>
    public int? DatasourceId { get; init; }
}

/// <summary>A dataset (a table or a virtual dataset) as Superset lists it.</summary>
public sealed class SupersetDataset
{
    /// <summary>The dataset's id.</summary>
    public required int Id { get; init; }

    /// <summary>The table's name.</summary>
    public string? TableName { get; init; }

    /// <summary>The schema, if any.</summary>
    public string? Schema { get; init; }

    /// <summary>The kind: <c>physical</c> or <c>virtual</c>.</summary>
    public string? Kind { get; init; }
}

/// <summary>Who a guest token is for, what it opens and which row-level filters it applies.</summary>
public sealed class SupersetGuestTokenRequest
{
    /// <summary>The business application's user, shown in Superset's logs.</summary>
    public required string Username { get; init; }

    /// <summary>The user's first name.</summary>
    public string FirstName { get; init; } = string.Empty;

    /// <summary>The user's last name.</summary>
    public string LastName { get; init; } = string.Empty;

    /// <summary>The embedded dashboards' UUIDs (from the dashboard's Embed settings), each opened by the token.</summary>
    public required IReadOnlyList<string> DashboardIds { get; init; }

    /// <summary>Row-level security clauses (SQL <c>WHERE</c> fragments such as <c>region = 'EU'</c>) applied to every dataset the dashboards read.</summary>
    public IReadOnlyList<string> RowLevelFilters { get; init; } = [];
}
