namespace AiPlatform.Sdk.Vector.Kernels;

/// <summary>Argument checks shared by the kernels, with messages that name the problem.</summary>
internal static class KernelArguments
{
    public static void SameLength(int x, int y)
    {
        if (x != y)
        {
            throw new ArgumentException($"The vectors have different lengths ({x} and {y}).", nameof(y));
        }
    }

    /// <summary>Checks a row-major block and returns its row count.</summary>
    public static int Rows(int length, int dimension, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (length % dimension != 0)
        {
            throw new ArgumentException($"The length of {name} ({length}) is not a multiple of the dimension ({dimension}).", name);
        }

        return length / dimension;
    }

    public static void Destination(int length, int required, string name)
    {
        if (length < required)
        {
            throw new ArgumentException($"The destination holds {length} values but {required} are needed.", name);
        }
    }
}
