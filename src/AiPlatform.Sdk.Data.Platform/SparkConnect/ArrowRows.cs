using Apache.Arrow;

namespace AiPlatform.Sdk.Data.Platform.SparkConnect;

/// <summary>The rows of an Arrow record batch as column name → .NET value, for <see cref="ISparkConnectClient.SqlRowsAsync"/>.</summary>
internal static class ArrowRows
{
    public static IEnumerable<IReadOnlyDictionary<string, object?>> Read(RecordBatch batch)
    {
        var names = batch.Schema.FieldsList.Select(f => f.Name).ToArray();
        for (var row = 0; row < batch.Length; row++)
        {
            var values = new Dictionary<string, object?>(names.Length, StringComparer.Ordinal);
            for (var column = 0; column < names.Length; column++)
            {
                // SQL allows two columns of one name (SELECT 1 AS a, 2 AS a): the last one wins, as in a Spark Row's asDict().
                values[names[column]] = Value(batch.Column(column), row);
            }

            yield return values;
        }
    }

    /// <summary>The value at <paramref name="index"/>: <see langword="null"/> for SQL NULL, a .NET value for Spark's scalar types, else a one-element slice.</summary>
    public static object? Value(IArrowArray array, int index) => array.IsNull(index) ? null : array switch
    {
        BooleanArray a => a.GetValue(index),
        Int8Array a => a.GetValue(index),
        Int16Array a => a.GetValue(index),
        Int32Array a => a.GetValue(index),
        Int64Array a => a.GetValue(index),
        FloatArray a => a.GetValue(index),
        DoubleArray a => a.GetValue(index),
        Decimal128Array a => a.GetValue(index),
        StringArray a => a.GetString(index),
        LargeStringArray a => a.GetString(index),
        BinaryArray a => a.GetBytes(index).ToArray(),
        Date32Array a => a.GetDateTime(index),
        TimestampArray a => a.GetTimestamp(index),
        _ => ArrowArrayFactory.Slice(array, index, 1),
    };
}
