using Google.Protobuf;

namespace AiPlatform.ReferenceHost.Tests.Inference;

/// <summary>
/// Writes tiny ONNX models without any download: a graph with one <c>Identity</c> node from <c>INPUT</c> to <c>OUTPUT</c>, encoded
/// field by field from the ONNX format's definition (onnx.proto: ModelProto 1 ir_version, 7 graph, 8 opset_import; GraphProto
/// 1 node, 2 name, 11 input, 12 output; NodeProto 1 input, 2 output, 4 op_type; ValueInfoProto 1 name, 2 type; TypeProto 1
/// tensor_type; TypeProto.Tensor 1 elem_type, 2 shape; TensorShapeProto 1 dim; Dimension 1 dim_value, 2 dim_param).
/// </summary>
internal static class OnnxIdentityModel
{
    /// <summary>ONNX's TensorProto.DataType number for each protocol datatype.</summary>
    public static readonly IReadOnlyDictionary<string, int> ElementTypes = new Dictionary<string, int>
    {
        ["FP32"] = 1, ["UINT8"] = 2, ["INT8"] = 3, ["UINT16"] = 4, ["INT16"] = 5, ["INT32"] = 6, ["INT64"] = 7, ["BYTES"] = 8,
        ["BOOL"] = 9, ["FP16"] = 10, ["FP64"] = 11, ["UINT32"] = 12, ["UINT64"] = 13, ["BF16"] = 16,
    };

    /// <summary>Writes <c>&lt;repository&gt;/&lt;name&gt;/1/model.onnx</c>.</summary>
    /// <param name="repository">The model repository folder.</param>
    /// <param name="name">The model's name.</param>
    /// <param name="datatype">The protocol datatype of input and output.</param>
    /// <param name="shape">The declared shape; -1 for a dimension the caller chooses.</param>
    public static void Write(string repository, string name, string datatype, params long[] shape)
    {
        var folder = Path.Combine(repository, name, "1");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), Build(ElementTypes[datatype], shape));
    }

    private static byte[] Build(int elementType, long[] shape)
    {
        var node = Message(o =>
        {
            String(o, 1, "INPUT");
            String(o, 2, "OUTPUT");
            String(o, 3, "identity");
            String(o, 4, "Identity");
        });
        var graph = Message(o =>
        {
            Bytes(o, 1, node);
            String(o, 2, "identity");
            Bytes(o, 11, ValueInfo("INPUT", elementType, shape));
            Bytes(o, 12, ValueInfo("OUTPUT", elementType, shape));
        });
        var opset = Message(o =>
        {
            String(o, 1, string.Empty);
            Int(o, 2, 13);
        });
        return Message(o =>
        {
            Int(o, 1, 8);
            String(o, 2, "aiplatform-tests");
            Bytes(o, 7, graph);
            Bytes(o, 8, opset);
        });
    }

    private static byte[] ValueInfo(string name, int elementType, long[] shape)
    {
        var dims = Message(o =>
        {
            for (var i = 0; i < shape.Length; i++)
            {
                var index = i;
                Bytes(o, 1, Message(d =>
                {
                    if (shape[index] >= 0)
                    {
                        Int(d, 1, shape[index]);
                    }
                    else
                    {
                        String(d, 2, $"d{index}");
                    }
                }));
            }
        });
        var tensor = Message(o =>
        {
            Int(o, 1, elementType);
            Bytes(o, 2, dims);
        });
        return Message(o =>
        {
            String(o, 1, name);
            Bytes(o, 2, Message(t => Bytes(t, 1, tensor)));
        });
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

    private static void String(CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    private static void Int(CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }
}
