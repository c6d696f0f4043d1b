using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AiPlatform.Sdk.Training.Jobs.Local;

/// <summary>
/// Starts a local job under a small POSIX shell wrapper in a process group of its own, and signals that group. The wrapper sends the
/// job's output to its log file (so the job needs nothing of the app and may outlive it), outlasts a stop signal to see the job end, and
/// writes the job's exit code to a file — which is how a restarted app learns how a job it no longer watches ended. Signalling the group
/// reaches everything the job started, even processes whose parent already ended.
/// </summary>
internal static partial class JobProcess
{
    public const string LogFile = "output.log";
    public const string ExitCodeFile = "exit-code";

    private const int SigTerm = 15;
    private const int SigKill = 9;

    private const string Wrapper = """
        exec >>"$AIPLATFORM_JOB_LOG" 2>&1 </dev/null
        trap ':' TERM INT
        "$@" &
        child=$!
        while :; do
          wait "$child"; code=$?
          kill -0 "$child" 2>/dev/null || break
        done
        printf '%s\n' "$code" >"$AIPLATFORM_JOB_EXIT"
        exit "$code"
        """;

    /// <summary>Starts the job's wrapper; its exit code file and log live in <paramref name="jobFolder"/>.</summary>
    public static Process Start(JobRecord job, string jobFolder)
    {
        // setsid(1) makes the wrapper the leader of a new session and process group whose id is its process id.
        var start = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            WorkingDirectory = job.WorkingDirectory ?? jobFolder,
        };
        start.ArgumentList.Add("/bin/sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Wrapper);
        start.ArgumentList.Add("aiplatform-job");
        start.ArgumentList.Add(job.Entrypoint);
        foreach (var argument in job.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in job.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["AIPLATFORM_JOB_ID"] = job.Id;
        start.Environment["AIPLATFORM_JOB_LOG"] = Path.Combine(jobFolder, LogFile);
        start.Environment["AIPLATFORM_JOB_EXIT"] = Path.Combine(jobFolder, ExitCodeFile);
        return Process.Start(start) ?? throw new InvalidOperationException("The job's process did not start.");
    }

    /// <summary>The exit code the wrapper recorded, or <see langword="null"/> when it has not (yet).</summary>
    public static int? RecordedExitCode(string jobFolder)
    {
        try
        {
            return int.TryParse(File.ReadAllText(Path.Combine(jobFolder, ExitCodeFile)).Trim(), out var code) ? code : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The wrapper still running under <paramref name="processId"/>, told from a later process with the same id by its start time.</summary>
    public static Process? Find(int processId, DateTime startedAtUtc)
    {
        try
        {
            var process = Process.GetProcessById(processId);
            if (!process.HasExited && Math.Abs((process.StartTime.ToUniversalTime() - startedAtUtc).TotalSeconds) < 1)
            {
                return process;
            }

            process.Dispose();
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Asks the job to end: SIGTERM to its process group.</summary>
    public static void RequestStop(Process process) => _ = Kill(-process.Id, SigTerm);

    /// <summary>Ends the wrapper and everything in its process group: SIGKILL.</summary>
    public static void ForceStop(Process process) => _ = Kill(-process.Id, SigKill);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
