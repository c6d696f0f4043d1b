using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Training.Tests.Jobs.Ray;

/// <summary>
/// A Ray dashboard's job API that really runs what it is sent, for behaviour a definition cannot show: each submission's entrypoint
/// runs under <c>/bin/sh -c</c> (as Ray's job supervisor runs it) with <c>runtime_env.env_vars</c>, in the unzipped
/// <c>working_dir</c> package; its output becomes the job's log; status goes PENDING → RUNNING → SUCCEEDED/FAILED, or STOPPED on a
/// stop. Errors are Ray's: text/plain 404 for an unknown id, 400 for a reused submission id, 500 for deleting a running job.
/// Bodies are shaped as <c>Definitions/ray-jobs.yaml</c> declares them.
/// </summary>
internal sealed class RayFake : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, FakeJob> _jobs = new();
    private readonly ConcurrentDictionary<string, byte[]> _packages = new();
    private readonly string _root = Directory.CreateTempSubdirectory("aip-ray-fake-").FullName;
    private KestrelTestServer _server = null!;

    public Uri BaseAddress => _server.BaseAddress;

    public int PackageUploads;

    public IReadOnlyDictionary<string, byte[]> Packages => _packages;

    public static async Task<RayFake> StartAsync()
    {
        var fake = new RayFake();
        fake._server = await KestrelTestServer.StartAsync(fake.Map);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var job in _jobs.Values.Where(job => !job.Process.HasExited))
        {
            job.Process.Kill(entireProcessTree: true);
        }

        await _server.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/api/version", () => Results.Json(new { version = "4", ray_version = "2.40.0" }));
        app.MapGet("/api/packages/{protocol}/{name}", (string protocol, string name) =>
            _packages.ContainsKey(name) ? Results.Ok() : Results.Text($"Package {protocol}://{name} does not exist", statusCode: 404));
        app.MapPut("/api/packages/{protocol}/{name}", async (string name, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            _packages[name] = body.ToArray();
            Interlocked.Increment(ref PackageUploads);
            return Results.Ok();
        });
        app.MapPost("/api/jobs/", Submit);
        app.MapGet("/api/jobs/", () => Results.Json(_jobs.Values.Select(job => job.Details()).ToList()));
        app.MapGet("/api/jobs/{id}", (string id) => Find(id, job => Results.Json(job.Details())));
        app.MapGet("/api/jobs/{id}/logs", (string id) => Find(id, job => Results.Json(new { logs = job.Logs() })));
        app.MapPost("/api/jobs/{id}/stop", (string id) => Find(id, job =>
        {
            var stopped = !job.Process.HasExited;
            if (stopped)
            {
                job.StopRequested = true;
                job.Process.Kill(entireProcessTree: true);
            }

            return Results.Json(new { stopped });
        }));
        app.MapDelete("/api/jobs/{id}", (string id) => Find(id, job =>
        {
            if (!job.Process.HasExited)
            {
                return Results.Text($"Traceback (most recent call last):\nRuntimeError: Attempted to delete job '{id}', which is in a non-terminal state.", statusCode: 500);
            }

            _jobs.TryRemove(id, out _);
            return Results.Json(new { deleted = true });
        }));
    }

    private async Task<IResult> Submit(HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        var id = (string?)body["submission_id"] ?? $"raysubmit_{Guid.NewGuid():N}"[..26];
        var entrypoint = (string)body["entrypoint"]!;
        var folder = Path.Combine(_root, id);
        if (body["runtime_env"]?["working_dir"] is { } workingDir)
        {
            var name = ((string)workingDir!)["gcs://".Length..];
            if (!_packages.TryGetValue(name, out var package))
            {
                return Results.Text($"Package {name} not found in the GCS", statusCode: 400);
            }

            ZipFile.ExtractToDirectory(new MemoryStream(package), folder);
        }

        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", entrypoint }, WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in body["runtime_env"]?["env_vars"]?.AsObject() ?? [])
        {
            start.Environment[key] = (string?)value;
        }

        var job = new FakeJob(id, entrypoint, body["metadata"]?.Deserialize<Dictionary<string, string>>() ?? []);
        if (!_jobs.TryAdd(id, job))
        {
            return Results.Text($"Job with submission_id {id} already exists. Please use a different submission_id.", statusCode: 400);
        }

        job.Start(start);
        return Results.Json(new { submission_id = id, job_id = id });
    }

    private IResult Find(string id, Func<FakeJob, IResult> then) =>
        _jobs.TryGetValue(id, out var job) ? then(job) : Results.Text($"Job {id} does not exist.", statusCode: 404);

    private sealed class FakeJob(string id, string entrypoint, Dictionary<string, string> metadata)
    {
        private readonly StringBuilder _logs = new();

        public Process Process { get; private set; } = null!;

        public bool StopRequested { get; set; }

        private long _started;
        private long? _ended;

        public void Start(ProcessStartInfo start)
        {
            _started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Process = new Process { StartInfo = start, EnableRaisingEvents = true };
            Process.OutputDataReceived += (_, e) => Append(e.Data);
            Process.ErrorDataReceived += (_, e) => Append(e.Data);
            Process.Exited += (_, _) => { Process.WaitForExit(); _ended = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(); };
            Process.Start();
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        public string Logs()
        {
            lock (_logs)
            {
                return _logs.ToString();
            }
        }

        public object Details()
        {
            var ended = _ended is not null;
            var status = !ended ? "RUNNING" : StopRequested ? "STOPPED" : Process.ExitCode == 0 ? "SUCCEEDED" : "FAILED";
            return new
            {
                type = "SUBMISSION",
                entrypoint,
                job_id = id,
                submission_id = id,
                status,
                message = status switch
                {
                    "RUNNING" => "Job is currently running.",
                    "STOPPED" => "Job was intentionally stopped.",
                    "SUCCEEDED" => "Job finished successfully.",
                    _ => $"Job entrypoint command failed with exit code {Process.ExitCode}",
                },
                start_time = _started,
                end_time = _ended,
                metadata,
                driver_exit_code = ended && !StopRequested ? Process.ExitCode : (int?)null,
            };
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_logs)
                {
                    _logs.Append(line).Append('\n');
                }
            }
        }
    }
}
