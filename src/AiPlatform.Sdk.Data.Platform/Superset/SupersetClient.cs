using System.Globalization;
using System.Text.Json;
using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Http;

namespace AiPlatform.Sdk.Data.Platform.Superset;

/// <summary>The <see cref="ISupersetClient"/> over Refit on the platform's HTTP pipeline.</summary>
internal sealed class SupersetClient(ISupersetApi api, ServiceCalls calls, SupersetSettings settings) : ISupersetClient
{
    internal const string Service = "superset";

    public IAsyncEnumerable<SupersetDashboard> ListDashboardsAsync(CancellationToken cancellationToken = default) =>
        List("ListDashboards", api.ListDashboardsAsync, cancellationToken);

    public IAsyncEnumerable<SupersetChart> ListChartsAsync(CancellationToken cancellationToken = default) =>
        List("ListCharts", api.ListChartsAsync, cancellationToken);

    public IAsyncEnumerable<SupersetDataset> ListDatasetsAsync(CancellationToken cancellationToken = default) =>
        List("ListDatasets", api.ListDatasetsAsync, cancellationToken);

    public Task<string> CreateGuestTokenAsync(SupersetGuestTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Username);
        var body = new GuestTokenBody(
            new GuestUser(request.Username, request.FirstName, request.LastName),
            [.. request.DashboardIds.Select(id => new GuestResource("dashboard", id))],
            [.. request.RowLevelFilters.Select(c => new RowLevelRule(c))]);
        return calls.RunAsync("CreateGuestToken", null, async ct =>
            (await api.CreateGuestTokenAsync(body, ct).ConfigureAwait(false)).Token ?? throw calls.Malformed("CreateGuestToken", "the answer carries no token"),
            cancellationToken);
    }

    public Task<Stream> ExportDashboardsAsync(IEnumerable<int> dashboardIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dashboardIds);
        var ids = dashboardIds.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        ArgumentOutOfRangeException.ThrowIfZero(ids.Count, nameof(dashboardIds));
        return calls.RunAsync("ExportDashboards", $"dashboard {string.Join(", ", ids)}",
            ct => api.ExportDashboardsAsync($"!({string.Join(',', ids)})", ct), cancellationToken);
    }

    public Task ImportDashboardsAsync(
        Stream zip, bool overwrite = false, IReadOnlyDictionary<string, string>? passwords = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        return calls.RunAsync("ImportDashboards", null, async ct =>
        {
            using var form = MultipartFiles.Create([("formData", zip, "dashboards.zip", "application/zip")],
            [
                ("overwrite", overwrite ? "true" : "false"),
                ("passwords", JsonSerializer.Serialize(passwords ?? new Dictionary<string, string>(), SupersetJsonContext.Default.IReadOnlyDictionaryStringString)),
            ]);
            var answer = await api.ImportDashboardsAsync(form, ct).ConfigureAwait(false);
            if (answer.Message != "OK")
            {
                throw calls.Malformed("ImportDashboards", $"the answer's message is '{answer.Message}', not OK");
            }
        }, cancellationToken);
    }

    // Flask-AppBuilder pages from 0; every page but the last is full, so the n-th item's page is n / size.
    private IAsyncEnumerable<T> List<T>(string operation, Func<string, CancellationToken, Task<ListPage<T>>> page, CancellationToken cancellationToken) =>
        OffsetPaging.ReadAsync(settings.PageSize, (offset, ct) => calls.RunAsync<(IReadOnlyList<T>?, int)>(operation, null, async c =>
        {
            var result = await page(
                string.Create(CultureInfo.InvariantCulture, $"(page:{offset / settings.PageSize},page_size:{settings.PageSize})"), c).ConfigureAwait(false);
            return (result.Result, result.Count);
        }, ct), cancellationToken);
}
