using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace AiPlatform.Sdk.Testing.Onnx;

/// <summary>
/// Writes small ONNX models with the ONNX protobuf classes (OnnxSharp), so tests and benchmarks need no model download: building
/// blocks for graphs of their own, and the one-node <c>Identity</c> model (<c>INPUT</c> → <c>OUTPUT</c>) that inference tests serve.
/// </summary>
public static class OnnxTestModels
{
    /// <summary>ONNX's <c>TensorProto.DataType</c> number of float.</summary>
    public const int Float = (int)TensorProto.Types.DataType.Float;

    /// <summary>A model of one <c>Identity</c> node from <c>INPUT</c> to <c>OUTPUT</c>, both of <paramref name="elementType"/> and <paramref name="shape"/>.</summary>
    /// <param name="elementType">ONNX's <c>TensorProto.DataType</c> number.</param>
    /// <param name="shape">The declared shape; a negative dimension is free (symbolic).</param>
    /// <returns>The ONNX bytes (opset 13).</returns>
    public static byte[] Identity(int elementType, params long[] shape)
    {
        var graph = new GraphProto { Name = "identity" };
        graph.Input.Add(Value("INPUT", elementType, shape));
        graph.Output.Add(Value("OUTPUT", elementType, shape));
        graph.Node.Add(Node("Identity", "identity", ["INPUT"], ["OUTPUT"]));
        return Model(graph, opset: 13);
    }

    /// <summary>Writes <paramref name="model"/> as <c>&lt;repository&gt;/&lt;name&gt;/1/model.onnx</c> (Triton's repository layout).</summary>
    /// <param name="repository">The model repository folder.</param>
    /// <param name="name">The model's name.</param>
    /// <param name="model">The ONNX bytes.</param>
    public static void WriteToRepository(string repository, string name, byte[] model)
    {
        var folder = Path.Combine(repository, name, "1");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), model);
    }

    /// <summary>A model around <paramref name="graph"/> importing the default domain at <paramref name="opset"/>.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="opset">The ONNX opset version.</param>
    /// <returns>The ONNX bytes.</returns>
    public static byte[] Model(GraphProto graph, long opset)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var model = new ModelProto { IrVersion = 8, ProducerName = "aiplatform-tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
        return model.ToByteArray();
    }

    /// <summary>A graph input or output of a tensor type.</summary>
    /// <param name="name">The value's name.</param>
    /// <param name="elementType">ONNX's <c>TensorProto.DataType</c> number.</param>
    /// <param name="dims">The dimensions; a negative one is free (symbolic).</param>
    /// <returns>The value description.</returns>
    public static ValueInfoProto Value(string name, int elementType, params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        var tensor = new TypeProto.Types.Tensor { ElemType = elementType, Shape = new TensorShapeProto() };
        for (var i = 0; i < dims.Length; i++)
        {
            tensor.Shape.Dim.Add(dims[i] < 0 ? new TensorShapeProto.Types.Dimension { DimParam = $"d{i}" } : new TensorShapeProto.Types.Dimension { DimValue = dims[i] });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }

    /// <summary>A float initializer.</summary>
    /// <param name="name">The initializer's name.</param>
    /// <param name="values">The elements, row-major.</param>
    /// <param name="dims">The dimensions.</param>
    /// <returns>The tensor.</returns>
    public static TensorProto FloatTensor(string name, float[] values, params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(values);
        var tensor = new TensorProto { Name = name, DataType = Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.Add(dims);
        return tensor;
    }

    /// <summary>A node of the default domain.</summary>
    /// <param name="opType">The operator, such as <c>MatMul</c>.</param>
    /// <param name="name">The node's name.</param>
    /// <param name="inputs">The input value names.</param>
    /// <param name="outputs">The output value names.</param>
    /// <returns>The node.</returns>
    public static NodeProto Node(string opType, string name, string[] inputs, string[] outputs)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.Add(inputs);
        node.Output.Add(outputs);
        return node;
    }
}
