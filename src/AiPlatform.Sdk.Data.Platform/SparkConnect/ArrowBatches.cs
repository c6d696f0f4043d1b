using Apache.Arrow;
using Apache.Arrow.Ipc;
using Google.Protobuf;

namespace AiPlatform.Sdk.Data.Platform.SparkConnect;

/// <summary>Reads the Arrow IPC stream (a schema, then record batches) that one Spark <c>ArrowBatch</c> response carries.</summary>
internal static class ArrowBatches
{
    public static IEnumerable<RecordBatch> Read(ByteString data)
    {
        // Read in place from the message's immutable bytes: the batches' buffers stay valid after the reader is gone.
        using var reader = new ArrowStreamReader(data.Memory);
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            yield return batch;
        }
    }
}
