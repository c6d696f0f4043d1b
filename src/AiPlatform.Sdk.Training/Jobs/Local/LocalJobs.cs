using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.Logging;

namespace AiPlatform.Sdk.Training.Jobs.Local;

/// <summary>
/// The embedded jobs backend: each job is a child process on this machine, at most <see cref="LocalJobsSettings.MaxConcurrency"/> at
/// once, with its state in <c>{folder}/{id}/job.json</c> and its output in <c>output.log</c> beside it. Jobs outlive the app that
/// started them: a restarted app finds a still-running job again and follows it, learns how an ended one ended from the exit code its
/// wrapper wrote, and marks one whose process vanished without an exit code <see cref="JobState.Lost"/>. One app per folder.
/// </summary>
internal sealed partial class LocalJobs : ITrainingJobs, IAsyncDisposable
{
    private const string RecordFile = "job.json";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly LocalJobsSettings _settings;
    private readonly string _folder;
    private readonly ClientInstrumentation _instrumentation;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrencyLimiter _slots;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, Process> _processes = new();
    private readonly ConcurrentDictionary<string, Task> _watchers = new();
    private readonly CancellationTokenSource _disposing = new();
    private readonly Lazy<Task> _recovery;

    public LocalJobs(LocalJobsSettings settings, string folder, ClientInstrumentation instrumentation, ILogger logger, TimeProvider time)
    {
        _settings = settings;
        _folder = folder;
        _instrumentation = instrumentation;
        _logger = logger;
        _time = time;
        // Oldest first: jobs start in the order they were submitted (each queues for its slot inside SubmitAsync).
        _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.MaxConcurrency,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _recovery = new Lazy<Task>(() => Task.Run(Recover));
    }

    public Task<TrainingJob> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return RunAsync("SubmitJob", async () =>
        {
            Validate(submission);
            var id = submission.SubmissionId ?? $"job-{_time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
            var jobFolder = JobFolder(id);
            try
            {
                Directory.CreateDirectory(_folder);
                Directory.CreateDirectory(jobFolder);
                using (File.Open(Path.Combine(jobFolder, RecordFile), FileMode.CreateNew))
                {
                }
            }
            catch (IOException) when (File.Exists(Path.Combine(jobFolder, RecordFile)))
            {
                throw new AiPlatformConflictException(Service, "SubmitJob", $"A job with id '{id}' exists already.");
            }

            await File.WriteAllBytesAsync(Path.Combine(jobFolder, JobProcess.LogFile), [], cancellationToken).ConfigureAwait(false);
            var record = new JobRecord
            {
                Id = id,
                State = JobState.Pending,
                Entrypoint = submission.Entrypoint,
                Arguments = [.. submission.Arguments],
                Environment = new Dictionary<string, string>(submission.Environment),
                WorkingDirectory = submission.WorkingDirectory is { } directory ? Path.GetFullPath(directory) : null,
                Metadata = new Dictionary<string, string>(submission.Metadata),
                SubmittedAt = _time.GetUtcNow(),
            };
            Write(record);
            var slot = _slots.AcquireAsync(1, _disposing.Token);
            _watchers[id] = Task.Run(() => RunJobAsync(id, slot));
            return record.ToJob();
        }, cancellationToken);
    }

    public Task<TrainingJob> GetAsync(string jobId, CancellationToken cancellationToken = default) =>
        RunAsync("GetJob", () => Task.FromResult(Load(jobId, "GetJob").ToJob()), cancellationToken);

    public async IAsyncEnumerable<TrainingJob> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var jobs = await RunAsync("ListJobs", () => Task.FromResult(
            (Directory.Exists(_folder) ? Directory.EnumerateDirectories(_folder) : [])
                .Select(folder => TryRead(Path.GetFileName(folder)))
                .OfType<JobRecord>()
                .OrderByDescending(job => job.SubmittedAt)
                .Select(job => job.ToJob())
                .ToList()), cancellationToken).ConfigureAwait(false);
        foreach (var job in jobs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return job;
        }
    }

    public async IAsyncEnumerable<string> ReadLogsAsync(string jobId, bool follow = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await RunAsync("ReadJobLogs", () => Task.FromResult(Load(jobId, "ReadJobLogs")), cancellationToken).ConfigureAwait(false);
        var reader = new LogLines(Path.Combine(JobFolder(jobId), JobProcess.LogFile));
        await using (reader.ConfigureAwait(false))
        {
            while (true)
            {
                // Whether the job had ended before this read: then everything it wrote is in the file, and this read is the last.
                var ended = !follow || TryRead(jobId)?.ToJob().HasEnded != false;
                await foreach (var line in reader.ReadAvailableAsync(final: ended, cancellationToken).ConfigureAwait(false))
                {
                    yield return line;
                }

                if (ended)
                {
                    yield break;
                }

                await Task.Delay(PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task<TrainingJob> StopAsync(string jobId, CancellationToken cancellationToken = default) =>
        RunAsync("StopJob", () =>
        {
            JobRecord record;
            Process? process = null;
            lock (_gate)
            {
                record = Load(jobId, "StopJob");
                if (record.State == JobState.Pending)
                {
                    record = Write(record with { State = JobState.Stopped, StopRequested = true, EndedAt = _time.GetUtcNow(), Message = "Stopped before it started." });
                }
                else if (record.State == JobState.Running)
                {
                    record = Write(record with { State = JobState.Stopping, StopRequested = true });
                    process = _processes.GetValueOrDefault(jobId);
                }
            }

            if (process is not null)
            {
                LogStopping(jobId, _settings.StopGracePeriod);
                JobProcess.RequestStop(process);
                _ = ForceStopAfterGraceAsync(process);
            }

            return Task.FromResult(record.ToJob());
        }, cancellationToken);

    public Task DeleteAsync(string jobId, CancellationToken cancellationToken = default) =>
        RunAsync("DeleteJob", () =>
        {
            lock (_gate)
            {
                var record = Load(jobId, "DeleteJob");
                if (!record.ToJob().HasEnded)
                {
                    throw new AiPlatformConflictException(Service, "DeleteJob", $"Job '{jobId}' is {record.State}: stop it and let it end before deleting it.");
                }

                Directory.Delete(JobFolder(jobId), recursive: true);
            }

            return Task.FromResult(true);
        }, cancellationToken);

    /// <summary>Stops following jobs; the jobs themselves go on, and the next app on this folder finds them again.</summary>
    public async ValueTask DisposeAsync()
    {
        await _disposing.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_watchers.Values).ConfigureAwait(false);
        foreach (var process in _processes.Values)
        {
            process.Dispose();
        }

        _disposing.Dispose();
        _slots.Dispose();
    }

    private const string Service = "local-jobs";

    private async Task RunJobAsync(string id, ValueTask<RateLimitLease> slot)
    {
        if (await SlotAsync(slot).ConfigureAwait(false) is not { } lease)
        {
            return;
        }

        try
        {
            Process process;
            lock (_gate)
            {
                // The app is stopping (the slot came free because another job's watcher was cancelled), or the job was stopped (and
                // perhaps deleted) while it waited: nothing to start; a pending job left behind is marked lost by the next app.
                if (_disposing.IsCancellationRequested || TryRead(id) is not { State: JobState.Pending } record)
                {
                    return;
                }

                try
                {
                    process = JobProcess.Start(record, JobFolder(id));
                }
                catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
                {
                    Write(record with { State = JobState.Failed, EndedAt = _time.GetUtcNow(), Message = $"The job could not start: {e.Message}" });
                    return;
                }

                _processes[id] = process;
                Write(record with
                {
                    State = JobState.Running,
                    StartedAt = _time.GetUtcNow(),
                    ProcessId = process.Id,
                    ProcessStartedAt = process.StartTime.ToUniversalTime(),
                });
            }

            LogStarted(id, process.Id);
            await process.WaitForExitAsync(_disposing.Token).ConfigureAwait(false);
            Finish(id, process.ExitCode);
        }
        catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
        {
            // The app is stopping; the job goes on and is found again next time.
        }
        finally
        {
            _processes.TryRemove(id, out _);
            lease.Dispose();
        }
    }

    /// <summary>Follows a job a previous app started, by polling for its wrapper's exit.</summary>
    private async Task FollowAsync(string id, Process process, ValueTask<RateLimitLease> slot)
    {
        if (await SlotAsync(slot).ConfigureAwait(false) is not { } lease)
        {
            return;
        }

        try
        {
            _processes[id] = process;
            LogFoundAgain(id, process.Id);
            while (!process.HasExited)
            {
                await Task.Delay(PollInterval, _time, _disposing.Token).ConfigureAwait(false);
                process.Refresh();
            }

            Finish(id, exitCode: null);
        }
        catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
        {
        }
        finally
        {
            _processes.TryRemove(id, out _);
            lease.Dispose();
        }
    }

    /// <summary>The job's slot once it comes free, or <see langword="null"/> when the app stopped first.</summary>
    private static async Task<RateLimitLease?> SlotAsync(ValueTask<RateLimitLease> slot)
    {
        try
        {
            var lease = await slot.ConfigureAwait(false);
            if (lease.IsAcquired)
            {
                return lease;
            }

            lease.Dispose();
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private void Recover()
    {
        if (!Directory.Exists(_folder))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(_folder))
        {
            var id = Path.GetFileName(folder);
            var record = TryRead(id);
            if (record is null || record.ToJob().HasEnded)
            {
                continue;
            }

            if (record.State == JobState.Pending)
            {
                Write(record with { State = JobState.Lost, EndedAt = _time.GetUtcNow(), Message = "The app stopped before the job started; submit it again." });
                LogLost(id, "it never started");
            }
            else if (JobProcess.RecordedExitCode(folder) is not null)
            {
                Finish(id, exitCode: null);
            }
            else if (record.ProcessId is { } pid && record.ProcessStartedAt is { } started && JobProcess.Find(pid, started) is { } process)
            {
                var slot = _slots.AcquireAsync(1, _disposing.Token);
                _watchers[id] = Task.Run(() => FollowAsync(id, process, slot));
            }
            else
            {
                Write(record with { State = JobState.Lost, EndedAt = _time.GetUtcNow(), Message = "Its process is gone without an exit code (the app or machine stopped under it)." });
                LogLost(id, "its process is gone");
            }
        }
    }

    /// <summary>Records how a job ended: the wrapper's exit code file first, else the process's, else lost.</summary>
    private void Finish(string id, int? exitCode)
    {
        lock (_gate)
        {
            var record = Read(id);
            var code = JobProcess.RecordedExitCode(JobFolder(id)) ?? exitCode;
            var ended = record with { EndedAt = _time.GetUtcNow(), ExitCode = code, ProcessId = null, ProcessStartedAt = null };
            ended = (record.StopRequested, code) switch
            {
                (true, _) => ended with { State = JobState.Stopped, Message = "Stopped on request." },
                (false, 0) => ended with { State = JobState.Succeeded, Message = null },
                (false, null) => ended with { State = JobState.Lost, Message = "The job ended without recording an exit code." },
                (false, _) => ended with { State = JobState.Failed, Message = $"The job exited with code {code}." },
            };
            Write(ended);
            LogEnded(id, ended.State, code);
        }
    }

    private async Task ForceStopAfterGraceAsync(Process process)
    {
        try
        {
            using var grace = new CancellationTokenSource(_settings.StopGracePeriod, _time);
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            JobProcess.ForceStop(process);
        }
        catch (InvalidOperationException)
        {
            // Disposed: the app is stopping.
        }
    }

    private void Validate(JobSubmission submission)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new AiPlatformValidationException(Service, "SubmitJob", "Local jobs run on Linux (a POSIX shell and process groups); on this operating system configure a Ray or Kubeflow backend.");
        }

        if (string.IsNullOrWhiteSpace(submission.Entrypoint))
        {
            throw new AiPlatformValidationException(Service, "SubmitJob", "The submission's Entrypoint is empty.");
        }

        if (submission.SubmissionId is { } id && !JobId().IsMatch(id))
        {
            throw new AiPlatformValidationException(Service, "SubmitJob", $"The submission id '{id}' is not 1 to 128 letters, digits, '-' or '_'.");
        }

        if (submission.WorkingDirectory is { } directory && !Directory.Exists(directory))
        {
            throw new AiPlatformValidationException(Service, "SubmitJob", $"The working directory '{directory}' does not exist.");
        }
    }

    private JobRecord Load(string jobId, string operation)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return (JobId().IsMatch(jobId) ? TryRead(jobId) : null)
            ?? throw new AiPlatformNotFoundException(Service, operation, $"Job '{jobId}' was not found.");
    }

    private JobRecord Read(string id) => TryRead(id) ?? throw new InvalidOperationException($"The record of job '{id}' is gone.");

    private JobRecord? TryRead(string id)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(JobFolder(id), RecordFile)), LocalJobsJsonContext.Default.JobRecord);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes a record whole to a temporary file and renames it over the old one, so a reader never sees half of it.</summary>
    private JobRecord Write(JobRecord record)
    {
        var path = Path.Combine(JobFolder(record.Id), RecordFile);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(record, LocalJobsJsonContext.Default.JobRecord));
        File.Move(temporary, path, overwrite: true);
        return record;
    }

    private string JobFolder(string id) => Path.Combine(_folder, id);

    private async Task<T> RunAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        await _recovery.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await _instrumentation.RunAsync(operation, _ => call(), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex JobId();

    [LoggerMessage(Level = LogLevel.Information, Message = "Local job {JobId} started as process {ProcessId}")]
    private partial void LogStarted(string jobId, int processId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local job {JobId} ended {State} (exit code {ExitCode})")]
    private partial void LogEnded(string jobId, JobState state, int? exitCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping local job {JobId}: killed if still running after {GracePeriod}")]
    private partial void LogStopping(string jobId, TimeSpan gracePeriod);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local job {JobId} found running again as process {ProcessId}")]
    private partial void LogFoundAgain(string jobId, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local job {JobId} is lost: {Reason}")]
    private partial void LogLost(string jobId, string reason);
}
