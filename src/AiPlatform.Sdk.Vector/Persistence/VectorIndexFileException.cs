namespace AiPlatform.Sdk.Vector.Persistence;

/// <summary>An index file or write-ahead log is truncated, corrupt, of an unknown version or of another index.</summary>
public sealed class VectorIndexFileException : AiPlatformException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="detail">What was found, for people.</param>
    public VectorIndexFileException(string path, VectorIndexFileProblem problem, string detail)
        : base("vector-index", "Load", $"The vector index file '{path}' cannot be read ({problem}): {detail}", errorCode: problem.ToString())
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong.</summary>
    public VectorIndexFileProblem Problem { get; }

    /// <summary>Always <see langword="false"/>: reading the same bytes again fails the same way.</summary>
    public override bool IsTransient => false;
}
