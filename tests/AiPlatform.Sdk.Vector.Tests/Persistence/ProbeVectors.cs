namespace AiPlatform.Sdk.Vector.Tests.Persistence;

/// <summary>The vectors the crash probe writes: a pure function of the id, so the test knows what every acknowledged id must hold.</summary>
internal static class ProbeVectors
{
    public const int Dimension = 16;

    public static float[] For(long id)
    {
        var vector = new float[Dimension];
        for (var i = 0; i < Dimension; i++)
        {
            vector[i] = MathF.Sin((id * 31) + i) + 1.5f;
        }

        return vector;
    }
}
