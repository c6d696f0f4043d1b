using AiPlatform.Sdk.Data.Platform.Superset;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.Superset;

/// <summary>
/// Every operation of <see cref="ISupersetClient"/> against Prism serving Definitions/superset.yaml (trimmed from Superset's
/// docs/static/resources/openapi.json): the login, the CSRF token, the listings with their rison <c>q</c>, the guest token and the export.
/// Prism refuses requests without the bearer token the definition requires, so each successful call was authenticated.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class SupersetContractTests(SupersetPrism prism) : IClassFixture<SupersetPrism>
{
    private ServiceProvider Build(Action<HttpRequestMessage>? alter = null) => PlatformHost.Build(
        new Dictionary<string, string?>
        {
            ["DataPlatform:Superset:Endpoint"] = prism.BaseAddress.AbsoluteUri,
            ["DataPlatform:Superset:Username"] = "admin",
            ["DataPlatform:Superset:Password"] = "admin-password",
        },
        p => p.AddSuperset(), "superset", alter);

    [Fact]
    public async Task Dashboards_charts_and_datasets_are_listed()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<ISupersetClient>();

        var dashboards = await client.ListDashboardsAsync().ToListAsync();
        var charts = await client.ListChartsAsync().ToListAsync();
        var datasets = await client.ListDatasetsAsync().ToListAsync();

        Assert.Equal("Sales", Assert.Single(dashboards).DashboardTitle);
        Assert.Equal("echarts_timeseries_line", Assert.Single(charts).VizType);
        Assert.Equal("orders", Assert.Single(datasets).TableName);
    }

    [Fact]
    public async Task A_guest_token_is_created_for_an_embedded_dashboard()
    {
        await using var provider = Build();

        var token = await provider.GetRequiredService<ISupersetClient>().CreateGuestTokenAsync(new SupersetGuestTokenRequest
        {
            Username = "orders-app:alice",
            DashboardIds = ["5b3c2f52-7b1d-4b43-9c3e-2d0d1f6a0e11"],
            RowLevelFilters = ["region = 'EU'"],
        });

        Assert.Equal(3, token.Split('.').Length);
    }

    [Fact]
    public async Task Dashboards_are_exported_as_a_zip()
    {
        await using var provider = Build();

        await using var zip = await provider.GetRequiredService<ISupersetClient>().ExportDashboardsAsync([1, 2]);
        using var bytes = new MemoryStream();
        await zip.CopyToAsync(bytes);

        Assert.NotEqual(0, bytes.Length);
    }

    [Fact]
    public async Task Dashboards_are_imported_from_a_zip_with_overwrite_and_database_passwords()
    {
        await using var provider = Build();
        using var zip = new MemoryStream("PK-dashboard-export"u8.ToArray());

        await provider.GetRequiredService<ISupersetClient>().ImportDashboardsAsync(zip, overwrite: true, new Dictionary<string, string> { ["databases/examples.yaml"] = "db-password" });

        Assert.False(zip.CanRead); // read, and disposed with the request
    }

    [Fact]
    public async Task An_import_that_would_overwrite_is_a_validation_error()
    {
        await using var provider = Build(PlatformHost.PreferCode(422));

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() =>
            provider.GetRequiredService<ISupersetClient>().ImportDashboardsAsync(new MemoryStream("PK"u8.ToArray())));

        Assert.Equal("ImportDashboards", error.Operation);
        Assert.Contains("overwrite=true", error.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_credentials_are_unauthorized()
    {
        await using var provider = Build(PlatformHost.NoCredentials);

        var error = await Assert.ThrowsAsync<AiPlatformUnauthorizedException>(() => provider.GetRequiredService<ISupersetClient>().ListChartsAsync().ToListAsync().AsTask());

        Assert.Equal("ListCharts", error.Operation);
    }

    [Fact]
    public async Task Forbidden_is_mapped()
    {
        await using var provider = Build(PlatformHost.PreferCode(403));

        var error = await Assert.ThrowsAsync<AiPlatformForbiddenException>(() => provider.GetRequiredService<ISupersetClient>().ListDashboardsAsync().ToListAsync().AsTask());

        Assert.Equal("Forbidden: You don't have permission to access this resource", error.ServerMessage);
    }

    [Fact]
    public async Task Not_found_names_the_dashboards()
    {
        await using var provider = Build(PlatformHost.PreferCode(404));

        var error = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => provider.GetRequiredService<ISupersetClient>().ExportDashboardsAsync([1, 2]));

        Assert.Contains("dashboard 1, 2 was not found", error.Message, StringComparison.Ordinal);
    }
}
