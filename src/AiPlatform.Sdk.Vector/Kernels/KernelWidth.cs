using System.Runtime.Intrinsics;

namespace AiPlatform.Sdk.Vector.Kernels;

/// <summary>The SIMD width a hand-written kernel runs with; tests force each one to check every path on any hardware.</summary>
internal enum KernelWidth
{
    /// <summary>The widest width the hardware accelerates.</summary>
    Auto,

    /// <summary>No hand-written SIMD: <c>TensorPrimitives</c> or scalar code.</summary>
    Scalar,

    /// <summary>256-bit vectors.</summary>
    Vector256,

    /// <summary>512-bit vectors (emulated in software where AVX-512 is absent).</summary>
    Vector512,
}

/// <summary>Resolves <see cref="KernelWidth.Auto"/> against the current hardware.</summary>
internal static class KernelWidths
{
    /// <summary>Returns the width <paramref name="width"/> stands for on this machine.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is not a defined width.</exception>
    public static KernelWidth Resolve(KernelWidth width) => width switch
    {
        KernelWidth.Auto when Vector512.IsHardwareAccelerated => KernelWidth.Vector512,
        KernelWidth.Auto when Vector256.IsHardwareAccelerated => KernelWidth.Vector256,
        KernelWidth.Auto => KernelWidth.Scalar,
        KernelWidth.Scalar or KernelWidth.Vector256 or KernelWidth.Vector512 => width,
        _ => throw new ArgumentOutOfRangeException(nameof(width), width, "Not a kernel width."),
    };
}
