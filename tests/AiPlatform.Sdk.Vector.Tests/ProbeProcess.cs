using System.Diagnostics;

namespace AiPlatform.Sdk.Vector.Tests;

/// <summary>Starts the crash probe (built next to this assembly) as a child process.</summary>
internal static class ProbeProcess
{
    private const string Name = "AiPlatform.Sdk.Vector.CrashProbe";

    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(here.Parent!.Parent!.FullName, Name, here.Name, $"{Name}.dll");
        Assert.True(File.Exists(dll), $"The crash probe was not built at {dll}.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
