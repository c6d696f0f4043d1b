using System.Diagnostics;

namespace AiPlatform.Sdk.Vector.Tests.Kernels;

public sealed class KernelsWithoutAvx512Tests
{
    [Fact]
    public async Task Every_kernel_check_passes_in_a_process_with_AVX512_disabled()
    {
        var start = ProbeProcess.StartInfo("kernels");
        start.Environment["DOTNET_EnableAVX512F"] = "0";

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Contains("avx512=False", output, StringComparison.Ordinal);
        Assert.Contains($"checks={KernelConformance.CheckCount} failures=0", output, StringComparison.Ordinal);
        Assert.Equal(0, process.ExitCode);
    }
}
