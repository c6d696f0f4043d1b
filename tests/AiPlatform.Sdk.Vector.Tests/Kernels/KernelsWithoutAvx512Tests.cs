using System.Diagnostics;

namespace AiPlatform.Sdk.Vector.Tests.Kernels;

public sealed class KernelsWithoutAvx512Tests
{
    [Fact]
    public async Task Every_kernel_check_passes_in_a_process_with_AVX512_disabled()
    {
        var start = ProbeProcess.StartInfo("kernels");
        // .NET 10 reads DOTNET_EnableAVX512 (one switch for the F, BW, CD, DQ and VL subsets); the .NET 8 name
        // DOTNET_EnableAVX512F is no longer read and leaves AVX-512 on.
        start.Environment["DOTNET_EnableAVX512"] = "0";

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Contains("avx512=False avx512f=False", output, StringComparison.Ordinal);
        Assert.Contains($"checks={KernelConformance.CheckCount} failures=0", output, StringComparison.Ordinal);
        Assert.Equal(0, process.ExitCode);
    }
}
