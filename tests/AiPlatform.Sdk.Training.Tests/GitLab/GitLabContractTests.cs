using System.Collections.Concurrent;
using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Training.Datasets;
using AiPlatform.Sdk.Training.GitLab;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Training.Tests.GitLab;

/// <summary>
/// Contract tests of <see cref="IGitLabClient"/> against a Kestrel fake that answers as GitLab's REST API v4 documentation defines
/// (docs.gitlab.com "Repository files API": <c>GET /projects/:id/repository/files/:file_path/raw?ref=</c> with the project path and the
/// file path URL-encoded, <c>ref</c> required; "GitLab generic packages repository": <c>PUT</c>/<c>GET
/// /projects/:id/packages/generic/:package_name/:package_version/:file_name</c>, 201 <c>{"message":"201 Created"}</c>; "REST API
/// authentication": <c>PRIVATE-TOKEN</c>, <c>JOB-TOKEN</c> or <c>Authorization: Bearer</c>; errors <c>{"message": "404 File Not Found"}</c>).
/// The fake reads the raw request target, so it sees each path exactly as encoded on the wire.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class GitLabContractTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _packages = new(StringComparer.Ordinal);
    private KestrelTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _files["/api/v4/projects/ml%2Fdatasets/repository/files/.dvc%2Fconfig/raw?ref=v1.2"] =
            "[core]\n    remote = storage\n['remote \"storage\"']\n    url = s3://datasets/dvcstore\n"u8.ToArray();
        _files["/api/v4/projects/ml%2Fdatasets/repository/files/data%2Fimages.dvc/raw?ref=v1.2"] =
            "outs:\n- md5: 3863d0e317dee0a55c4e59d2ec0eef33.dir\n  size: 1512\n  nfiles: 3\n  hash: md5\n  path: images\n"u8.ToArray();
        _server = await KestrelTestServer.StartAsync(app => app.Run(Answer));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("PrivateToken", "PRIVATE-TOKEN")]
    [InlineData("JobToken", "JOB-TOKEN")]
    [InlineData("Bearer", "Authorization")]
    public async Task A_repository_file_is_read_at_a_ref_with_the_project_and_path_encoded_and_the_token_in_its_header(string kind, string header)
    {
        await using var app = App(kind);

        var text = await app.GetRequiredService<IGitLabClient>().TryReadFileTextAsync("ml/datasets", "data/images.dvc", "v1.2");

        Assert.StartsWith("outs:", text);
        var request = _server.Requests.Last();
        Assert.Equal(header == "Authorization" ? "Bearer glpat-test" : "glpat-test", request.Headers[header]);
        Assert.Equal(header == "Authorization", request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task A_missing_file_is_null_to_TryRead_and_a_not_found_naming_it_to_Open()
    {
        await using var app = App("PrivateToken");
        var gitlab = app.GetRequiredService<IGitLabClient>();

        Assert.Null(await gitlab.TryReadFileTextAsync("ml/datasets", "data/absent.dvc", "v1.2"));
        var missing = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => gitlab.OpenFileAsync("ml/datasets", "data/absent.dvc", "main"));
        Assert.Contains("data/absent.dvc", missing.Message);
        Assert.Equal("404 File Not Found", missing.ServerMessage);
    }

    [Fact]
    public async Task A_DVC_dataset_resolves_straight_from_the_repository_at_a_tag()
    {
        await using var app = App("PrivateToken");
        var gitlab = app.GetRequiredService<IGitLabClient>();

        var dataset = await app.GetRequiredService<IDvcDatasets>().ResolveAsync(
            (file, ct) => gitlab.TryReadFileTextAsync("ml/datasets", file, "v1.2", ct), "data/images");

        Assert.Equal("3863d0e317dee0a55c4e59d2ec0eef33.dir", dataset.Md5);
        Assert.Equal(3, dataset.FileCount);
        Assert.Equal(("datasets", "dvcstore"), (dataset.Remote.Bucket, dataset.Remote.Prefix));
    }

    [Fact]
    public async Task A_model_bundle_goes_up_and_comes_back_as_a_generic_package_file_with_progress()
    {
        await using var app = App("JobToken");
        var gitlab = app.GetRequiredService<IGitLabClient>();
        var bundle = System.Security.Cryptography.RandomNumberGenerator.GetBytes(200_000);
        long sent = 0, received = 0;

        await gitlab.UploadPackageFileAsync("42", "churn-model", "1.4.0", "model v2.onnx", new MemoryStream(bundle), new SynchronousProgress<long>(b => sent = b));
        using var copy = new MemoryStream();
        await gitlab.DownloadPackageFileAsync("42", "churn-model", "1.4.0", "model v2.onnx", copy, new SynchronousProgress<long>(b => received = b));

        Assert.Equal(bundle, copy.ToArray());
        Assert.Equal((bundle.Length, bundle.Length), (sent, received));
        Assert.Contains("/api/v4/projects/42/packages/generic/churn-model/1.4.0/model%20v2.onnx", _packages.Keys);
        Assert.Throws<ArgumentException>(() => gitlab.UploadPackageFileAsync("42", "p", "1", "a/b.onnx", new MemoryStream()).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task A_bad_token_is_unauthorized_and_the_readiness_check_reads_the_version()
    {
        await using var wrong = App("PrivateToken", token: "expired");
        await using var right = App("PrivateToken");

        await Assert.ThrowsAsync<AiPlatformUnauthorizedException>(() => wrong.GetRequiredService<IGitLabClient>().OpenFileAsync("ml/datasets", "data/images.dvc", "v1.2"));
        Assert.Equal(HealthStatus.Healthy, (await right.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["aiplatform-gitlab"].Status);
        Assert.Equal(HealthStatus.Unhealthy, (await wrong.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["aiplatform-gitlab"].Status);
    }

    [Fact]
    public void A_gitlab_section_without_an_endpoint_fails_validation_naming_the_key()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AiPlatform:Training:GitLab:Token"] = "t" }).Build()).AddGitLab();
        using var provider = services.BuildServiceProvider();

        Assert.Contains("AiPlatform:Training:GitLab:Endpoint", Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<IGitLabClient>()).Message);
    }

    private ServiceProvider App(string kind, string token = "glpat-test")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:DataPath"] = Directory.CreateTempSubdirectory("aip-gitlab-").FullName,
            ["AiPlatform:Training:GitLab:Endpoint"] = _server.BaseAddress.ToString(),
            ["AiPlatform:Training:GitLab:Token"] = token,
            ["AiPlatform:Training:GitLab:TokenKind"] = kind,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(configuration).AddGitLab().AddDvcDatasets();
        return services.BuildServiceProvider();
    }

    /// <summary>GitLab's answers, from the raw request target (as encoded on the wire) and the token headers.</summary>
    private async Task Answer(HttpContext context)
    {
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
        var token = context.Request.Headers["PRIVATE-TOKEN"].ToString() is { Length: > 0 } privateToken ? privateToken
            : context.Request.Headers["JOB-TOKEN"].ToString() is { Length: > 0 } jobToken ? jobToken
            : context.Request.Headers.Authorization.ToString().Replace("Bearer ", string.Empty, StringComparison.Ordinal);
        if (token != "glpat-test")
        {
            await Results.Json(new { message = "401 Unauthorized" }, statusCode: 401).ExecuteAsync(context);
            return;
        }

        if (target == "/api/v4/version")
        {
            await Results.Json(new { version = "17.6.1", revision = "abc" }).ExecuteAsync(context);
        }
        else if (target.Contains("/repository/files/", StringComparison.Ordinal))
        {
            await (_files.TryGetValue(target, out var file)
                ? Results.Bytes(file, "text/plain")
                : Results.Json(new { message = "404 File Not Found" }, statusCode: 404)).ExecuteAsync(context);
        }
        else if (target.Contains("/packages/generic/", StringComparison.Ordinal) && HttpMethods.IsPut(context.Request.Method))
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            _packages[target] = body.ToArray();
            await Results.Json(new { message = "201 Created" }, statusCode: 201).ExecuteAsync(context);
        }
        else
        {
            await (_packages.TryGetValue(target, out var package)
                ? Results.Bytes(package, "application/octet-stream")
                : Results.Json(new { message = "404 Package Not Found" }, statusCode: 404)).ExecuteAsync(context);
        }
    }
}
