namespace AiPlatform.Sdk.Data.Platform.Superset;

/// <summary>
/// Apache Superset's REST API: dashboards, charts and datasets paged as <see cref="IAsyncEnumerable{T}"/>, guest tokens to embed dashboards
/// in a business application, and dashboards exported and imported as a zip. Logs in with the configured user (access token cached and refreshed with
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

    /// <summary>
    /// Imports dashboards with their charts, datasets and database connections from a zip as <see cref="ExportDashboardsAsync"/> writes it
    /// (<c>POST /api/v1/dashboard/import/</c>, the multipart part <c>formData</c>), streamed. An export masks database passwords, so each
    /// database in the zip needs its password unless the database exists already. A dashboard that exists is an
    /// <see cref="AiPlatformValidationException"/> (422) unless <paramref name="overwrite"/> is set. Not retried, not even after Superset
    /// refuses an expired CSRF session (the zip is read once): that throws <see cref="AiPlatformValidationException"/>, and the next write
    /// carries a new token.
    /// </summary>
    /// <param name="zip">The zip's content, read once to its end and disposed with the request.</param>
    /// <param name="overwrite">Replace dashboards, charts and datasets that exist (matched by UUID).</param>
    /// <param name="passwords">
    /// The password of each database in the zip by its path there, such as <c>{"databases/examples.yaml": "..."}</c>; from configuration
    /// or a secret store, never from code.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Superset has imported the zip.</returns>
    Task ImportDashboardsAsync(Stream zip, bool overwrite = false, IReadOnlyDictionary<string, string>? passwords = null, CancellationToken cancellationToken = default);
}
