using System.Diagnostics;
using System.Text.Json;
using AiPlatform.Sdk.Training.Jobs;

namespace AiPlatform.Sdk.Training.Tests.Jobs.Local;

/// <summary>The local backend for real: child processes on this machine, their output, their end, and a restarted app.</summary>
public sealed class LocalJobsTests
{
    [Fact]
    public async Task A_job_that_succeeds_reports_exit_code_zero_and_its_output()
    {
        await using var host = LocalJobsHost.Fresh();
        var job = await host.RunToEndAsync(LocalJobsHost.Shell("echo hello; echo world"));

        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(0, job.ExitCode);
        Assert.NotNull(job.StartedAt);
        Assert.True(job.EndedAt >= job.StartedAt);
        Assert.Equal(["hello", "world"], await host.Jobs.ReadLogsAsync(job.Id).ToListAsync());
    }

    [Fact]
    public async Task A_job_that_fails_reports_its_exit_code_and_standard_error()
    {
        await using var host = LocalJobsHost.Fresh();
        var job = await host.RunToEndAsync(LocalJobsHost.Shell("echo 'bad learning rate' >&2; exit 3"));

        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal(3, job.ExitCode);
        Assert.Contains("code 3", job.Message);
        Assert.Contains("bad learning rate", await host.Jobs.ReadLogsAsync(job.Id).ToListAsync());
    }

    [Fact]
    public async Task A_program_that_cannot_start_fails_with_the_shells_reason()
    {
        await using var host = LocalJobsHost.Fresh();
        var job = await host.RunToEndAsync(new JobSubmission { Entrypoint = "/no/such/trainer" });

        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal(127, job.ExitCode);
        Assert.Contains(await host.Jobs.ReadLogsAsync(job.Id).ToListAsync(), line => line.Contains("/no/such/trainer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Following_a_job_that_prints_a_lot_yields_every_line_once_and_ends_with_the_job()
    {
        await using var host = LocalJobsHost.Fresh();
        var job = await host.Jobs.SubmitAsync(LocalJobsHost.Shell("i=0; while [ $i -lt 50000 ]; do i=$((i+1)); echo \"line $i of the training log\"; done"));

        var lines = await host.Jobs.ReadLogsAsync(job.Id, follow: true).ToListAsync();

        Assert.Equal(50000, lines.Count);
        Assert.Equal(Enumerable.Range(1, 50000).Select(i => $"line {i} of the training log"), lines);
        Assert.True((await host.Jobs.GetAsync(job.Id)).HasEnded);
    }

    [Fact]
    public async Task Environment_arguments_and_working_directory_reach_the_job()
    {
        await using var host = LocalJobsHost.Fresh();
        var workspace = Directory.CreateTempSubdirectory("aip-job-workspace-").FullName;
        var job = await host.RunToEndAsync(new JobSubmission
        {
            Entrypoint = "/bin/sh",
            Arguments = ["-c", "echo \"$LEARNING_RATE\"; echo \"$1\"; pwd; echo \"$AIPLATFORM_JOB_ID\"", "trainer", "an argument with spaces"],
            Environment = new Dictionary<string, string> { ["LEARNING_RATE"] = "0.01" },
            WorkingDirectory = workspace,
            SubmissionId = "env-and-args",
            Metadata = new Dictionary<string, string> { ["team"] = "search" },
        });

        Assert.Equal(["0.01", "an argument with spaces", workspace, "env-and-args"], await host.Jobs.ReadLogsAsync(job.Id).ToListAsync());
        Assert.Equal("search", job.Metadata["team"]);
    }

    [Fact]
    public async Task Waiting_past_a_timeout_throws_and_leaves_the_job_running_until_stopped()
    {
        await using var host = LocalJobsHost.Fresh();
        var job = await host.Jobs.SubmitAsync(LocalJobsHost.Shell("sleep 60"));
        await host.WaitForStateAsync(job.Id, JobState.Running);

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => host.Jobs.WaitAsync(job.Id, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(50)));
        Assert.Contains(job.Id, timeout.Message);
        Assert.Equal(JobState.Running, (await host.Jobs.GetAsync(job.Id)).State);

        await host.Jobs.StopAsync(job.Id);
        Assert.Equal(JobState.Stopped, (await host.Jobs.WaitAsync(job.Id, TimeSpan.FromMinutes(1))).State);
    }

    [Fact]
    public async Task Stopping_signals_the_job_first_so_it_can_end_cleanly()
    {
        await using var host = LocalJobsHost.Fresh(gracePeriodSeconds: 30);
        var job = await host.Jobs.SubmitAsync(LocalJobsHost.Shell("trap 'echo saving checkpoint; exit 0' TERM; echo ready; while :; do sleep 0.1; done"));
        await WaitForLineAsync(host, job.Id, "ready");

        var stopping = await host.Jobs.StopAsync(job.Id);
        var ended = await host.Jobs.WaitAsync(job.Id, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(50));

        Assert.Equal(JobState.Stopping, stopping.State);
        Assert.Equal(JobState.Stopped, ended.State);
        Assert.Contains("saving checkpoint", await host.Jobs.ReadLogsAsync(job.Id).ToListAsync());
    }

    [Fact]
    public async Task A_job_that_ignores_the_stop_signal_is_killed_after_the_grace_period_with_its_children()
    {
        await using var host = LocalJobsHost.Fresh(gracePeriodSeconds: 0.5);
        var job = await host.Jobs.SubmitAsync(LocalJobsHost.Shell("trap '' TERM; sleep 300 & echo \"child $!\"; wait"));
        var child = int.Parse((await WaitForLineAsync(host, job.Id, "child ")).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);

        await host.Jobs.StopAsync(job.Id);
        var ended = await host.Jobs.WaitAsync(job.Id, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(50));

        Assert.Equal(JobState.Stopped, ended.State);
        Assert.True(await HasEndedAsync(child), $"process {child} of the stopped job is still running");
    }

    [Fact]
    public async Task Stopping_a_pending_job_ends_it_before_it_starts()
    {
        await using var host = LocalJobsHost.Fresh(concurrency: 1);
        var blocker = await host.Jobs.SubmitAsync(LocalJobsHost.Shell("sleep 60"));
        var waiting = await host.Jobs.SubmitAsync(LocalJobsHost.Shell("echo should never run"));

        var stopped = await host.Jobs.StopAsync(waiting.Id);
        await host.Jobs.StopAsync(blocker.Id);
        await host.Jobs.WaitAsync(blocker.Id, TimeSpan.FromMinutes(1));

        Assert.Equal(JobState.Stopped, stopped.State);
        Assert.Null((await host.Jobs.GetAsync(waiting.Id)).StartedAt);
        Assert.Empty(await host.Jobs.ReadLogsAsync(waiting.Id).ToListAsync());
    }

    [Fact]
    public async Task Twenty_jobs_with_concurrency_two_never_run_more_than_two_at_once()
    {
        await using var host = LocalJobsHost.Fresh(concurrency: 2);
        var running = Directory.CreateTempSubdirectory("aip-jobs-running-").FullName;
        var script = $"touch '{running}/'$AIPLATFORM_JOB_ID; echo \"seen $(ls '{running}' | wc -l)\"; sleep 0.2; " +
                     $"echo \"seen $(ls '{running}' | wc -l)\"; rm '{running}/'$AIPLATFORM_JOB_ID";

        var submitted = new List<TrainingJob>();
        for (var i = 0; i < 20; i++)
        {
            submitted.Add(await host.Jobs.SubmitAsync(LocalJobsHost.Shell(script)));
        }

        var seen = new List<int>();
        foreach (var job in submitted)
        {
            Assert.Equal(JobState.Succeeded, (await host.Jobs.WaitAsync(job.Id, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(50))).State);
            seen.AddRange((await host.Jobs.ReadLogsAsync(job.Id).ToListAsync()).Select(line => int.Parse(line["seen ".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(40, seen.Count);
        Assert.All(seen, count => Assert.InRange(count, 1, 2));
        Assert.Equal(20, await host.Jobs.ListAsync().CountAsync());
    }

    [Fact]
    public async Task Waiting_jobs_start_in_the_order_they_were_submitted()
    {
        await using var host = LocalJobsHost.Fresh(concurrency: 1);
        var order = Path.Combine(host.Folder, "order.txt");

        var submitted = new List<TrainingJob>();
        for (var i = 0; i < 8; i++)
        {
            submitted.Add(await host.Jobs.SubmitAsync(LocalJobsHost.Shell($"echo {i} >> '{order}'")));
        }

        foreach (var job in submitted)
        {
            await host.Jobs.WaitAsync(job.Id, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(50));
        }

        Assert.Equal(Enumerable.Range(0, 8).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), await File.ReadAllLinesAsync(order));
    }

    [Fact]
    public async Task A_restarted_app_finds_a_running_job_again_and_learns_how_it_ended()
    {
        var folder = Directory.CreateTempSubdirectory("aip-jobs-restart-").FullName;
        var release = Path.Combine(folder, "release");
        string id;
        await using (var first = new LocalJobsHost(folder))
        {
            id = (await first.Jobs.SubmitAsync(LocalJobsHost.Shell($"while [ ! -e '{release}' ]; do sleep 0.05; done; echo finished; exit 4"))).Id;
            await first.WaitForStateAsync(id, JobState.Running);
        }

        await using var second = new LocalJobsHost(folder);
        Assert.Equal(JobState.Running, (await second.Jobs.GetAsync(id)).State);
        await File.WriteAllTextAsync(release, "go");
        var ended = await second.Jobs.WaitAsync(id, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(50));

        Assert.Equal(JobState.Failed, ended.State);
        Assert.Equal(4, ended.ExitCode);
        Assert.Equal(["finished"], await second.Jobs.ReadLogsAsync(id).ToListAsync());
    }

    [Fact]
    public async Task A_job_whose_process_vanished_and_one_that_never_started_are_marked_lost_not_running()
    {
        var folder = Directory.CreateTempSubdirectory("aip-jobs-lost-").FullName;
        string vanished, queued;
        await using (var first = new LocalJobsHost(folder, concurrency: 1))
        {
            vanished = (await first.Jobs.SubmitAsync(LocalJobsHost.Shell("sleep 300"))).Id;
            queued = (await first.Jobs.SubmitAsync(LocalJobsHost.Shell("echo never"))).Id;
            await first.WaitForStateAsync(vanished, JobState.Running);
        }

        // The machine "stopped under it": the wrapper and its job die without writing an exit code.
        using (var record = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "jobs", vanished, "job.json"))))
        {
            using var wrapper = Process.GetProcessById(record.RootElement.GetProperty("processId").GetInt32());
            wrapper.Kill(entireProcessTree: true);
            await wrapper.WaitForExitAsync();
        }

        await using var second = new LocalJobsHost(folder, concurrency: 1);
        var lost = await second.Jobs.GetAsync(vanished);
        var neverStarted = await second.Jobs.GetAsync(queued);

        Assert.Equal(JobState.Lost, lost.State);
        Assert.Contains("gone", lost.Message);
        Assert.Equal(JobState.Lost, neverStarted.State);
        Assert.Contains("before the job started", neverStarted.Message);
    }

    [Fact]
    public async Task Bad_submissions_and_unknown_jobs_get_typed_errors_that_name_the_problem()
    {
        await using var host = LocalJobsHost.Fresh();

        Assert.Contains("Entrypoint", (await Assert.ThrowsAsync<AiPlatformValidationException>(() => host.Jobs.SubmitAsync(new JobSubmission { Entrypoint = " " }))).Message);
        Assert.Contains("../escape", (await Assert.ThrowsAsync<AiPlatformValidationException>(() => host.Jobs.SubmitAsync(LocalJobsHost.Shell("true", "../escape")))).Message);
        Assert.Contains("/no/such/folder", (await Assert.ThrowsAsync<AiPlatformValidationException>(() =>
            host.Jobs.SubmitAsync(new JobSubmission { Entrypoint = "true", WorkingDirectory = "/no/such/folder" }))).Message);
        Assert.Contains("missing-job", (await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => host.Jobs.GetAsync("missing-job"))).Message);
        await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => host.Jobs.ReadLogsAsync("../../etc").ToListAsync().AsTask());

        var running = await host.Jobs.SubmitAsync(LocalJobsHost.Shell("sleep 60", "same-id"));
        Assert.Contains("same-id", (await Assert.ThrowsAsync<AiPlatformConflictException>(() => host.Jobs.SubmitAsync(LocalJobsHost.Shell("true", "same-id")))).Message);
        Assert.Contains("stop it", (await Assert.ThrowsAsync<AiPlatformConflictException>(() => host.Jobs.DeleteAsync(running.Id))).Message);

        await host.Jobs.StopAsync(running.Id);
        await host.Jobs.WaitAsync(running.Id, TimeSpan.FromMinutes(1));
        await host.Jobs.DeleteAsync(running.Id);
        await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => host.Jobs.GetAsync(running.Id));
    }

    private static async Task<string> WaitForLineAsync(LocalJobsHost host, string id, string prefix)
    {
        await foreach (var line in host.Jobs.ReadLogsAsync(id, follow: true))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"Job {id} ended without printing '{prefix}'.");
    }

    /// <summary>Whether a process is gone (or a zombie: killed, waiting to be reaped by whoever inherited it), within half a minute.</summary>
    private static async Task<bool> HasEndedAsync(int pid)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat) || (await File.ReadAllTextAsync(stat)).Split(") ")[^1].StartsWith('Z'))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
