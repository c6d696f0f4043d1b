using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace AiPlatform.Sdk.Serving.Onnx.Quantization;

/// <summary>
/// Rewrites an ONNX model for dynamic int8 inference, the graph Python's <c>quantize_dynamic</c> produces: each <c>MatMul</c> whose
/// second input is a 2-D float initializer that does not contract its input becomes <c>DynamicQuantizeLinear</c> (once per
/// activation, after <see cref="ActivationSmoothing"/> where it applies) → <c>MatMulInteger</c> (int8 weights, symmetric per output
/// column) → <c>Cast</c> → <c>Mul</c> by the product of both scales. ONNX Runtime fuses that pattern into <c>DynamicQuantizeMatMul</c>.
/// </summary>
/// <remarks>
/// Weights use 7 bits ([-63, 63]) so that the u8×s8 pair sums of AVX2 (<c>vpmaddubsw</c>) cannot saturate, as Python's
/// <c>reduce_range</c> does. Contracting weights (more rows than columns, such as a transformer's feed-forward output after its
/// activation function) stay in float: on all-MiniLM-L6-v2 quantizing them cost more accuracy than every other MatMul together.
/// </remarks>
internal static class DynamicInt8Rewriter
{
    private const int MinimumOpset = 11;
    private const float WeightRange = 63f;

    /// <summary>Returns the rewritten model and the number of <c>MatMul</c>s quantized.</summary>
    /// <param name="onnx">The float model.</param>
    /// <param name="modelName">The name errors report.</param>
    /// <param name="calibrate">Measures the activations' channel ranges on representative inputs, when the caller can feed the model.</param>
    /// <exception cref="OnnxModelException">The bytes are not an ONNX model, or its opset predates <c>DynamicQuantizeLinear</c>.</exception>
    public static (byte[] Model, int Quantized) Rewrite(byte[] onnx, string modelName, ActivationCalibrator? calibrate = null)
    {
        var model = Parse(onnx, modelName);
        var opset = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 0;
        if (opset < MinimumOpset)
        {
            throw new OnnxModelException(modelName, "Load", OnnxModelException.InvalidModel,
                $"Model '{modelName}' uses ONNX opset {opset}; int8 weight quantization needs opset {MinimumOpset} or later.");
        }

        var graph = model.Graph;
        var names = new GraphNames(graph);
        var initializers = graph.Initializer
            .Where(t => t.DataType == (int)TensorProto.Types.DataType.Float && t.DataLocation == TensorProto.Types.DataLocation.Default)
            .Where(t => !graph.Input.Any(i => i.Name == t.Name))
            .ToDictionary(t => t.Name, StringComparer.Ordinal);
        bool IsTarget(NodeProto node) =>
            node.OpType == "MatMul" && node.Domain is ("" or "ai.onnx") && node.Input.Count == 2
            && initializers.TryGetValue(node.Input[1], out var weight) && weight.Dims.Count == 2 && !IsContracting(weight);

        var targets = graph.Node.Where(IsTarget).ToHashSet(ReferenceEqualityComparer.Instance);
        var consumers = targets.Cast<NodeProto>().GroupBy(n => n.Input[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(n => initializers[n.Input[1]]).DistinctBy(t => t.Name).ToList(), StringComparer.Ordinal);
        var producers = graph.Node.SelectMany(n => n.Output.Select(o => (Output: o, Node: n))).DistinctBy(p => p.Output)
            .ToDictionary(p => p.Output, p => p.Node, StringComparer.Ordinal);
        var measured = calibrate is null ? null : calibrate(ActivationProbe.Create(model, [.. consumers.Keys]), [.. consumers.Keys]);
        var activations = new Dictionary<string, QuantizedActivation>(StringComparer.Ordinal);
        var quantizedWeights = new Dictionary<(string Weight, string Activation), QuantizedWeight>();
        var nodes = new List<NodeProto>(graph.Node.Count);
        foreach (var node in graph.Node)
        {
            if (!targets.Contains(node))
            {
                nodes.Add(node);
                continue;
            }

            var input = node.Input[0];
            if (!activations.TryGetValue(input, out var activation))
            {
                var smoothing = ActivationSmoothing.For(input, consumers[input], measured?.GetValueOrDefault(input), producers, initializers);
                activation = QuantizeActivation(input, smoothing, graph, names, nodes);
                activations.Add(input, activation);
            }

            var weight = initializers[node.Input[1]];
            if (!quantizedWeights.TryGetValue((weight.Name, input), out var q))
            {
                q = QuantizeWeight(weight, activation.Smoothing, names);
                quantizedWeights.Add((weight.Name, input), q);
                graph.Initializer.Add(q.Values);
                graph.Initializer.Add(q.Scales);
            }

            AppendQuantizedMatMul(node, activation, q, names, nodes);
        }

        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        RemoveUnused(graph, quantizedWeights.Keys.Select(k => k.Weight));
        return (model.ToByteArray(), targets.Count);
    }

    /// <summary>Whether a weight has more rows than columns, as a transformer's feed-forward output projection has.</summary>
    private static bool IsContracting(TensorProto weight) => weight.Dims[0] > weight.Dims[1];

    private static ModelProto Parse(byte[] onnx, string modelName)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(onnx);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw Invalid(modelName, ex.Message, ex);
        }

        return model.Graph is null ? throw Invalid(modelName, "it has no graph", null) : model;
    }

    private static OnnxModelException Invalid(string modelName, string reason, Exception? innerException) =>
        new(modelName, "Load", OnnxModelException.InvalidModel, $"Model '{modelName}' is not a valid ONNX model: {reason}", innerException: innerException);

    /// <summary>Quantizes an activation per tensor, after dividing its channels by <paramref name="smoothing"/> when there is one.</summary>
    private static QuantizedActivation QuantizeActivation(string input, float[]? smoothing, GraphProto graph, GraphNames names, List<NodeProto> nodes)
    {
        var source = input;
        if (smoothing is not null)
        {
            var inverse = FloatTensor(names.Take($"{input}_smoothing"), [.. smoothing.Select(s => 1f / s)], smoothing.Length);
            graph.Initializer.Add(inverse);
            source = names.Take($"{input}_smoothed");
            nodes.Add(Node("Mul", names.Take($"{input}_Smooth"), [input, inverse.Name], [source]));
        }

        var activation = new QuantizedActivation(names.Take($"{input}_quantized"), names.Take($"{input}_scale"), names.Take($"{input}_zero_point"), smoothing);
        nodes.Add(Node("DynamicQuantizeLinear", names.Take($"{input}_DynamicQuantizeLinear"), [source], [activation.Values, activation.Scale, activation.ZeroPoint]));
        return activation;
    }

    private static void AppendQuantizedMatMul(NodeProto matMul, QuantizedActivation activation, QuantizedWeight weight, GraphNames names, List<NodeProto> nodes)
    {
        var output = matMul.Output[0];
        var baseName = string.IsNullOrEmpty(matMul.Name) ? output : matMul.Name;
        var integer = names.Take($"{output}_int32");
        var asFloat = names.Take($"{output}_float");
        var scale = names.Take($"{output}_scale");
        nodes.Add(Node("MatMulInteger", names.Take($"{baseName}_MatMulInteger"), [activation.Values, weight.Values.Name, activation.ZeroPoint], [integer]));
        var cast = Node("Cast", names.Take($"{baseName}_Cast"), [integer], [asFloat]);
        cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float });
        nodes.Add(cast);
        nodes.Add(Node("Mul", names.Take($"{baseName}_ScaleProduct"), [activation.Scale, weight.Scales.Name], [scale]));
        nodes.Add(Node("Mul", names.Take($"{baseName}_Rescale"), [asFloat, scale], [output]));
    }

    /// <summary>
    /// Symmetric per-column int8 of <c>W[K, N]</c>, its rows first multiplied by the activation's <paramref name="smoothing"/>:
    /// column <c>n</c> scales by <c>max|W[:, n]| / 63</c>.
    /// </summary>
    private static QuantizedWeight QuantizeWeight(TensorProto weight, float[]? smoothing, GraphNames names)
    {
        var rows = checked((int)weight.Dims[0]);
        var columns = checked((int)weight.Dims[1]);
        var values = ReadFloats(weight);
        if (smoothing is not null)
        {
            for (var k = 0; k < rows; k++)
            {
                TensorPrimitives.Multiply(values.AsSpan(k * columns, columns), smoothing[k], values.AsSpan(k * columns, columns));
            }
        }

        var scales = new float[columns];
        for (var k = 0; k < rows; k++)
        {
            var row = values.AsSpan(k * columns, columns);
            for (var n = 0; n < columns; n++)
            {
                scales[n] = MathF.Max(scales[n], MathF.Abs(row[n]));
            }
        }

        for (var n = 0; n < columns; n++)
        {
            scales[n] = scales[n] > 0 ? scales[n] / WeightRange : 1f;
        }

        var quantized = new sbyte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            quantized[i] = (sbyte)Math.Clamp(MathF.Round(values[i] / scales[i % columns], MidpointRounding.ToEven), -WeightRange, WeightRange);
        }

        var valuesTensor = new TensorProto { Name = names.Take($"{weight.Name}_quantized"), DataType = (int)TensorProto.Types.DataType.Int8, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(quantized.AsSpan())) };
        valuesTensor.Dims.Add(weight.Dims);
        return new QuantizedWeight(valuesTensor, FloatTensor(names.Take($"{weight.Name}_scale"), scales, columns));
    }

    private static TensorProto FloatTensor(string name, float[] values, long length)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.Add(length);
        return tensor;
    }

    /// <summary>The elements of a float initializer, from its raw bytes or its typed field.</summary>
    internal static float[] ReadFloats(TensorProto tensor)
    {
        if (tensor.RawData.IsEmpty)
        {
            return [.. tensor.FloatData];
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Quantizing ONNX raw tensor data needs a little-endian machine.");
        }

        return MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
    }

    private static void RemoveUnused(GraphProto graph, IEnumerable<string> candidates)
    {
        var used = graph.Node.SelectMany(n => n.Input).Concat(graph.Output.Select(o => o.Name)).ToHashSet(StringComparer.Ordinal);
        var unused = candidates.Where(c => !used.Contains(c) && !UsedInSubgraphs(graph, c)).ToHashSet(StringComparer.Ordinal);
        for (var i = graph.Initializer.Count - 1; i >= 0; i--)
        {
            if (unused.Contains(graph.Initializer[i].Name))
            {
                graph.Initializer.RemoveAt(i);
            }
        }
    }

    private static bool UsedInSubgraphs(GraphProto graph, string name) =>
        graph.Node.SelectMany(n => n.Attribute).SelectMany(a => a.G is null ? a.Graphs : a.Graphs.Append(a.G))
            .Any(g => g.Node.Any(n => n.Input.Contains(name)) || UsedInSubgraphs(g, name));

    private static NodeProto Node(string opType, string name, string[] inputs, string[] outputs)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }

    private sealed record QuantizedActivation(string Values, string Scale, string ZeroPoint, float[]? Smoothing);

    private sealed record QuantizedWeight(TensorProto Values, TensorProto Scales);
}
