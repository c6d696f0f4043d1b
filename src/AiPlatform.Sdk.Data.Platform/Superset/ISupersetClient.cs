namespace AiPlatform.Sdk.Data.Platform.Superset;

/// <summary>
/// Apache Superset's REST API: dashboards, charts and datasets paged as <see cref="IAsyncEnumerable{T}"/>, guest tokens to embed dashboards
/// in a business application, and dashboard export as a zip. Logs in with the configured user (access token cached and refreshed with
/// the refresh token) and sends writes with Superset's CSRF token and the session cookie it belongs to, as Superset requires. Failures
/// are <see cref="AiPlatformException"/> subclasses: <see cref="AiPlatformNotFoundException"/> naming the dashboard,
/// <see cref="AiPlatformUnauthorizedException"/>, <see cref="AiPlatformForbiddenException"/>, <see cref="AiPlatformValidationException"/>.
/// </summary>
public interface ISupersetClient
{
    /// <summary>Lists the dashboards the user can see, page by page.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The dashboards.</returns>
    IAsyncEnumerable<SupersetDashboard> ListDashboardsAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the charts the user can see, page by page.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The charts.</returns>
    IAsyncEnumerable<SupersetChart> ListChartsAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the datasets the user can see, page by page.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The datasets.</returns>
    IAsyncEnumerable<SupersetDataset> ListDatasetsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a guest token that lets a business application's user see embedded dashboards (with Superset's embedded SDK) without a
    /// Superset account; the configured user needs the <c>can_grant_guest_token</c> permission.
    /// </summary>
    /// <param name="request">The user, the dashboards and the row-level filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The guest token.</returns>
    Task<string> CreateGuestTokenAsync(SupersetGuestTokenRequest request, CancellationToken cancellationToken = default);

    /// <summary>Exports dashboards with their charts, datasets and database connections (passwords masked) as one zip. Dispose the stream.</summary>
    /// <param name="dashboardIds">The dashboards' ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The zip's content.</returns>
    Task<Stream> ExportDashboardsAsync(IEnumerable<int> dashboardIds, CancellationToken cancellationToken = default);
}
