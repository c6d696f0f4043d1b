namespace AiPlatform.Sdk.Vector.VectorData;

/// <summary>
/// One record as the embedded store keeps it: its internal index id, its key, its data properties in
/// <see cref="PayloadValue"/> normal form and its vectors (as given, or generated), all by storage name.
/// </summary>
internal sealed record StoredRecord(
    long Id,
    object Key,
    IReadOnlyDictionary<string, object?> Data,
    IReadOnlyDictionary<string, float[]?> Vectors);
