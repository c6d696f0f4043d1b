using System.Diagnostics;
using System.Numerics.Tensors;

namespace AiPlatform.Sdk.Benchmarks.Ann;

/// <summary>Single-thread read bandwidth: the best of several sums over a buffer far larger than the caches.</summary>
internal static class BandwidthProbe
{
    public static double MeasureGigabytesPerSecond(int megabytes = 512)
    {
        var buffer = new float[megabytes * 1024L * 1024 / sizeof(float)];
        buffer.AsSpan().Fill(1f);
        var best = double.MaxValue;
        var sink = 0f;
        for (var run = 0; run < 5; run++)
        {
            var started = Stopwatch.GetTimestamp();
            sink += TensorPrimitives.Sum(buffer);
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        GC.KeepAlive(sink);
        return buffer.Length * (double)sizeof(float) / best / 1e9;
    }
}
