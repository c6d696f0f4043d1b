using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace AiPlatform.Sdk.Vector.VectorData;

/// <summary>
/// Builds the <see cref="CollectionModel"/> of a record type (attributes or a code-first definition) for the SDK's providers:
/// keys of the types a provider supports, data properties of the types <see cref="PayloadValue"/> stores, float vectors, and
/// vectors generated from any other input through an embedding generator.
/// </summary>
internal sealed class RecordModelBuilder(IReadOnlyCollection<Type> keyTypes, IReadOnlyCollection<string> distanceFunctions)
    : CollectionModelBuilder(new CollectionModelBuildingOptions { SupportsMultipleVectors = true, RequiresAtLeastOneVector = false })
{
    internal const string SupportedVectorTypes = "ReadOnlyMemory<float>, ReadOnlyMemory<float>?, float[], Embedding<float>";

    /// <summary>Builds the model of <typeparamref name="TRecord"/>, or of a dynamic (dictionary) record when it is one.</summary>
    public CollectionModel BuildFor<TKey, TRecord>(VectorStoreCollectionDefinition? definition, IEmbeddingGenerator? generator)
    {
        if (typeof(TRecord) == typeof(Dictionary<string, object?>))
        {
            return BuildDynamic(definition ?? throw new ArgumentException("A dynamic collection needs a definition.", nameof(definition)), generator);
        }

        return Build(typeof(TRecord), typeof(TKey), definition, generator);
    }

    /// <summary>Whether <paramref name="type"/> is a vector type the providers store as is.</summary>
    public static bool IsNativeVectorType(Type type) =>
        type == typeof(ReadOnlyMemory<float>) || type == typeof(ReadOnlyMemory<float>?) || type == typeof(float[]) || type == typeof(Embedding<float>);

    /// <inheritdoc/>
    protected override void ValidateKeyProperty(KeyPropertyModel keyProperty)
    {
        base.ValidateKeyProperty(keyProperty);
        if (!keyTypes.Contains(keyProperty.Type))
        {
            throw new NotSupportedException(
                $"Key property '{keyProperty.ModelName}' has type {keyProperty.Type.Name}; this provider supports {string.Join(", ", keyTypes.Select(t => t.Name))}.");
        }
    }

    /// <inheritdoc/>
    protected override bool SupportsKeyAutoGeneration(Type keyPropertyType) => keyPropertyType == typeof(Guid);

    /// <inheritdoc/>
    protected override void ValidateProperty(PropertyModel propertyModel, VectorStoreCollectionDefinition? definition)
    {
        base.ValidateProperty(propertyModel, definition);
        if (propertyModel is VectorPropertyModel vector)
        {
            var distance = vector.DistanceFunction ?? DistanceFunction.CosineSimilarity;
            if (!distanceFunctions.Contains(distance))
            {
                throw new NotSupportedException(
                    $"Distance function '{distance}' of vector property '{vector.ModelName}' is not supported; use one of {string.Join(", ", distanceFunctions)}.");
            }
        }
    }

    /// <inheritdoc/>
    protected override bool IsDataPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = PayloadValue.SupportedTypes;
        return PayloadValue.IsSupported(type);
    }

    /// <inheritdoc/>
    protected override bool IsVectorPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = SupportedVectorTypes;
        return IsNativeVectorType(type);
    }
}
