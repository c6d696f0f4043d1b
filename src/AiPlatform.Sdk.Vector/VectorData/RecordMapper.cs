using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace AiPlatform.Sdk.Vector.VectorData;

/// <summary>
/// Moves records between their .NET shape (<typeparamref name="TRecord"/>: a POCO or a dictionary) and the provider-neutral
/// storage shape: key, data by storage name in <see cref="PayloadValue"/> normal form, float vectors by storage name
/// (generating embeddings for properties that need it, in one batch per property).
/// </summary>
internal sealed class RecordMapper<TRecord>(CollectionModel model)
{
    /// <summary>The collection model.</summary>
    public CollectionModel Model { get; } = model;

    /// <summary>
    /// Converts records for storage, generating embeddings where a property needs them and assigning keys where the key is
    /// auto-generated and empty.
    /// </summary>
    public async Task<IReadOnlyList<(object Key, IReadOnlyDictionary<string, object?> Data, IReadOnlyDictionary<string, float[]?> Vectors)>> ToStorageAsync(
        IReadOnlyList<TRecord> records, CancellationToken cancellationToken)
    {
        var generated = new Dictionary<VectorPropertyModel, IReadOnlyList<Embedding>>();
        foreach (var property in Model.VectorProperties.Where(p => !RecordModelBuilder.IsNativeVectorType(p.Type)))
        {
            var inputs = records.Select(r => property.GetValueAsObject(r!)
                ?? throw new ArgumentException($"Vector property '{property.ModelName}' of a record is null; it needs a value to embed.", nameof(records)));
            generated[property] = await property.GenerateEmbeddingsAsync(inputs, cancellationToken).ConfigureAwait(false);
        }

        var result = new List<(object, IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, float[]?>)>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i] ?? throw new ArgumentException("A record is null.", nameof(records));
            var data = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in Model.DataProperties)
            {
                data[property.StorageName] = PayloadValue.Normalize(property.GetValueAsObject(record));
            }

            var vectors = new Dictionary<string, float[]?>(StringComparer.Ordinal);
            foreach (var property in Model.VectorProperties)
            {
                vectors[property.StorageName] = generated.TryGetValue(property, out var embeddings)
                    ? ((Embedding<float>)embeddings[i]).Vector.ToArray()
                    : VectorOf(property.GetValueAsObject(record));
            }

            result.Add((KeyOf(record), data, vectors));
        }

        return result;
    }

    /// <summary>Creates a record from stored parts; vectors are set only when <paramref name="includeVectors"/> is true.</summary>
    public TRecord FromStorage(object key, IReadOnlyDictionary<string, object?> data, IReadOnlyDictionary<string, float[]?>? vectors, bool includeVectors)
    {
        var record = Model.CreateRecord<TRecord>()!;
        Model.KeyProperty.SetValueAsObject(record, key);
        foreach (var property in Model.DataProperties)
        {
            if (data.TryGetValue(property.StorageName, out var value))
            {
                property.SetValueAsObject(record, PayloadValue.ToType(value, property.Type));
            }
        }

        if (includeVectors && vectors is not null)
        {
            foreach (var property in Model.VectorProperties)
            {
                if (vectors.TryGetValue(property.StorageName, out var vector) && vector is not null)
                {
                    property.SetValueAsObject(record, ToVectorType(vector, property.Type));
                }
            }
        }

        return record;
    }

    /// <summary>Throws when vectors are asked for but some are generated (and so not part of the record type).</summary>
    /// <exception cref="NotSupportedException">Vectors were requested from a collection that generates embeddings.</exception>
    public void EnsureVectorsCanBeIncluded(bool includeVectors)
    {
        if (includeVectors && Model.EmbeddingGenerationRequired)
        {
            throw new NotSupportedException(VectorDataStrings.IncludeVectorsNotSupportedWithEmbeddingGeneration);
        }
    }

    /// <summary>The vector to search with: the value itself when it is a float vector, otherwise the property's generated embedding.</summary>
    /// <exception cref="NotSupportedException">The value is not a vector and no embedding generator is configured.</exception>
    public static async Task<float[]> SearchVectorAsync<TInput>(TInput value, VectorPropertyModel property, CancellationToken cancellationToken)
        where TInput : notnull => value switch
        {
            ReadOnlyMemory<float> memory => memory.ToArray(),
            float[] array => array,
            Embedding<float> embedding => embedding.Vector.ToArray(),
            _ when property.EmbeddingGenerator is not null =>
                ((Embedding<float>)await property.GenerateEmbeddingAsync(value, cancellationToken).ConfigureAwait(false)).Vector.ToArray(),
            _ => throw new NotSupportedException(
                VectorDataStrings.InvalidSearchInputAndNoEmbeddingGeneratorWasConfigured(value.GetType(), RecordModelBuilder.SupportedVectorTypes)),
        };

    /// <summary>The key of <paramref name="record"/>, generating a new <see cref="Guid"/> for an empty auto-generated key.</summary>
    public object KeyOf(TRecord record)
    {
        var property = Model.KeyProperty;
        var key = property.GetValueAsObject(record!) ?? throw new ArgumentException($"Key property '{property.ModelName}' of a record is null.", nameof(record));
        if (key is Guid guid && guid == Guid.Empty && property.IsAutoGenerated)
        {
            key = Guid.NewGuid();
            property.SetValueAsObject(record!, key);
        }

        return NormalKey(key);
    }

    /// <summary>A key in the form the store compares keys: an <see cref="int"/> widened to <see cref="long"/>, anything else as is.</summary>
    public static object NormalKey(object key) => key is int small ? (long)small : key;

    private static float[]? VectorOf(object? value) => value switch
    {
        null => null,
        ReadOnlyMemory<float> memory => memory.ToArray(),
        float[] array => (float[])array.Clone(),
        Embedding<float> embedding => embedding.Vector.ToArray(),
        _ => throw new NotSupportedException($"A vector of type {value.GetType().Name} cannot be stored."),
    };

    private static object ToVectorType(float[] vector, Type type) =>
        type == typeof(float[]) ? vector
        : type == typeof(Embedding<float>) ? new Embedding<float>(vector)
        : new ReadOnlyMemory<float>(vector);
}
