using Google.Protobuf;

namespace AiPlatform.Sdk.Benchmarks.Inference;

/// <summary>
/// Writes an FP32 ONNX model with one <c>Identity</c> node (<c>INPUT</c> to <c>OUTPUT</c>) of a fixed shape, encoded field by field
/// from onnx.proto (ModelProto 1 ir_version, 7 graph, 8 opset_import; GraphProto 1 node, 11 input, 12 output), so the benchmark
/// measures the protocol and not a model.
/// </summary>
internal static class IdentityModelFile
{
    private const int Float = 1;

    public static void Write(string repository, string name, long[] shape)
    {
        var folder = Path.Combine(repository, name, "1");
        Directory.CreateDirectory(folder);
        var node = Message(o => { Text(o, 1, "INPUT"); Text(o, 2, "OUTPUT"); Text(o, 4, "Identity"); });
        var graph = Message(o =>
        {
            Bytes(o, 1, node);
            Text(o, 2, name);
            Bytes(o, 11, ValueInfo("INPUT", shape));
            Bytes(o, 12, ValueInfo("OUTPUT", shape));
        });
        var model = Message(o =>
        {
            Number(o, 1, 8);
            Bytes(o, 7, graph);
            Bytes(o, 8, Message(s => Number(s, 2, 13)));
        });
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), model);
    }

    private static byte[] ValueInfo(string name, long[] shape)
    {
        var dims = Message(o =>
        {
            foreach (var dim in shape)
            {
                Bytes(o, 1, Message(d => Number(d, 1, dim)));
            }
        });
        var tensor = Message(o => { Number(o, 1, Float); Bytes(o, 2, dims); });
        return Message(o => { Text(o, 1, name); Bytes(o, 2, Message(t => Bytes(t, 1, tensor))); });
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        write(output);
        output.Flush();
        return stream.ToArray();
    }

    private static void Bytes(CodedOutputStream output, int field, byte[] value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(value));
    }

    private static void Text(CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    private static void Number(CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }
}
