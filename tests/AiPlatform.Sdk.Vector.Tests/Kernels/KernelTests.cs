using AiPlatform.Sdk.Vector.Kernels;

namespace AiPlatform.Sdk.Vector.Tests.Kernels;

public sealed class KernelTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, check) in KernelConformance.Checks)
        {
            foreach (var width in check.Widths)
            {
                data.Add(name, width.ToString());
            }
        }

        return data;
    }

    public static TheoryData<string> ChecksWithWidths() =>
        new(KernelConformance.Checks.Where(c => c.Value.Widths.Count > 1).Select(c => c.Key));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kernel_matches_the_scalar_reference(string kernel, string width)
    {
        var check = KernelConformance.Checks[kernel];

        var exception = Record.Exception(() => check.Run(Enum.Parse<KernelWidth>(width)));

        Assert.Null(exception);
    }

    [Theory]
    [MemberData(nameof(ChecksWithWidths))]
    public void A_check_run_at_several_widths_hands_its_width_to_the_kernel(string kernel)
    {
        // A width that is not defined reaches the kernel only if the check passes it on; the kernel then refuses it.
        var check = KernelConformance.Checks[kernel];

        var exception = Record.Exception(() => check.Run((KernelWidth)99));

        Assert.IsType<ArgumentOutOfRangeException>(exception);
    }

    [Fact]
    public void Pair_kernels_reject_vectors_of_different_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => FloatKernels.Dot([1f, 2f], [1f]));

        Assert.Contains("different lengths", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Block_kernels_reject_a_length_that_is_not_a_multiple_of_the_dimension()
    {
        var error = Assert.Throws<ArgumentException>(() => FloatKernels.DotBlock(new float[6], new float[7], 3, new float[10]));

        Assert.Contains("not a multiple of the dimension", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Block_kernels_reject_a_destination_that_is_too_short()
    {
        var error = Assert.Throws<ArgumentException>(() => FloatKernels.DotBlock(new float[6], new float[9], 3, new float[5]));

        Assert.Contains("6 are needed", error.Message, StringComparison.Ordinal);
    }
}
