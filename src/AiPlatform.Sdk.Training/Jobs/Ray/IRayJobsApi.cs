using Refit;

namespace AiPlatform.Sdk.Training.Jobs.Ray;

/// <summary>
/// Ray's job submission API on the dashboard (ray-project/ray <c>doc/source/cluster/running-applications/job-submission/openapi.yml</c>,
/// Jobs API 4.0.0), at the paths Ray's own <c>JobSubmissionClient</c> calls (<c>/api/jobs/</c> with its trailing slash), plus the
/// package upload its <c>_upload_package</c> uses for a <c>working_dir</c> (<c>/api/packages/{protocol}/{package_name}</c>, served by
/// <c>dashboard/modules/job/job_head.py</c>; not in the OpenAPI file).
/// </summary>
internal interface IRayJobsApi
{
    [Get("/api/version")]
    Task<RayVersionWire> GetVersionAsync(CancellationToken cancellationToken);

    [Post("/api/jobs/")]
    Task<RaySubmitResponseWire> SubmitAsync([Body] RaySubmitRequestWire request, CancellationToken cancellationToken);

    [Get("/api/jobs/")]
    Task<List<RayJobDetailsWire>> ListAsync(CancellationToken cancellationToken);

    [Get("/api/jobs/{submissionId}")]
    Task<RayJobDetailsWire> GetAsync(string submissionId, CancellationToken cancellationToken);

    [Post("/api/jobs/{submissionId}/stop")]
    Task StopAsync(string submissionId, CancellationToken cancellationToken);

    [Delete("/api/jobs/{submissionId}")]
    Task DeleteAsync(string submissionId, CancellationToken cancellationToken);

    [Get("/api/jobs/{submissionId}/logs")]
    Task<RayLogsWire> GetLogsAsync(string submissionId, CancellationToken cancellationToken);

    /// <summary>200 when the package is on the cluster already, 404 when it must be uploaded.</summary>
    [Get("/api/packages/{protocol}/{packageName}")]
    Task<HttpResponseMessage> GetPackageAsync(string protocol, string packageName, CancellationToken cancellationToken);

    [Put("/api/packages/{protocol}/{packageName}")]
    Task UploadPackageAsync(string protocol, string packageName, [Body] HttpContent package, CancellationToken cancellationToken);
}
