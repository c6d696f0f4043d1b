using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk.Vector.Weaviate;

/// <summary>
/// Thrown when Weaviate rejected some objects of a batch import. The other objects were stored; <see cref="Errors"/> says which
/// ones failed and why.
/// </summary>
public sealed class WeaviateBatchException : VectorStoreException
{
    /// <summary>Creates the exception from the per-object errors.</summary>
    /// <param name="collection">The collection written to.</param>
    /// <param name="errors">The failed objects.</param>
    public WeaviateBatchException(string collection, IReadOnlyList<WeaviateObjectError> errors)
        : base($"Weaviate rejected {errors.Count} object(s) of the batch written to '{collection}': " +
               string.Join("; ", errors.Take(10).Select(e => $"#{e.Index} ({e.Key}): {e.Message}")))
    {
        Errors = errors;
        CollectionName = collection;
        VectorStoreSystemName = WeaviateVectorStore.SystemName;
        OperationName = "BatchObjects";
    }

    /// <summary>The objects Weaviate rejected, in batch order.</summary>
    public IReadOnlyList<WeaviateObjectError> Errors { get; }
}

/// <summary>One object Weaviate rejected in a batch import.</summary>
/// <param name="Index">The object's position in the records passed to the upsert.</param>
/// <param name="Key">The object's key.</param>
/// <param name="Message">Weaviate's reason.</param>
public sealed record WeaviateObjectError(int Index, Guid Key, string Message);
