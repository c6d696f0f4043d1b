using Onnx;
using static AiPlatform.Sdk.Testing.Onnx.OnnxTestModels;

namespace AiPlatform.Sdk.Serving.Tests.Onnx;

/// <summary>
/// A small ONNX model written with the ONNX protobuf classes: <c>y1 = x · w1[4, 6]</c> and <c>y2 = x · w2[4, 5]</c> (one activation,
/// two weights), <c>y3 = y1 · w3[6, 2]</c> (a contracting weight) and <c>y4 = y2 · p</c> (<c>p</c> a graph input, not a weight).
/// </summary>
internal static class TinyMatMulModel
{
    public static readonly float[] W1 = Weights(4 * 6, seed: 1);
    public static readonly float[] W2 = Weights(4 * 5, seed: 2);
    public static readonly float[] W3 = Weights(6 * 2, seed: 3);

    public static byte[] Create(long opset = 13, string? extraValueName = null)
    {
        var graph = new GraphProto { Name = "tiny" };
        graph.Input.Add(Value("x", Float, -1, 4));
        graph.Input.Add(Value("p", Float, 5, 5));
        graph.Output.Add(Value("y1", Float, -1, 6));
        graph.Output.Add(Value("y3", Float, -1, 2));
        graph.Output.Add(Value("y4", Float, -1, 5));
        graph.Initializer.Add(FloatTensor("w1", W1, 4, 6));
        graph.Initializer.Add(FloatTensor("w2", W2, 4, 5));
        graph.Initializer.Add(FloatTensor("w3", W3, 6, 2));
        graph.Node.Add(Node("MatMul", "mm1", ["x", "w1"], ["y1"]));
        graph.Node.Add(Node("MatMul", "mm2", ["x", "w2"], ["y2"]));
        graph.Node.Add(Node("MatMul", "mm3", ["y1", "w3"], ["y3"]));
        graph.Node.Add(Node("MatMul", "mm4", ["y2", "p"], ["y4"]));
        if (extraValueName is not null)
        {
            graph.Node.Add(Node("Identity", "taken", ["y1"], [extraValueName]));
            graph.Output.Add(Value(extraValueName, Float, -1, 6));
        }

        return Model(graph, opset);
    }

    /// <summary>
    /// <c>y = LayerNormalization(x[?, 4], γ, β) · w1[4, 6]</c> (opset 17), with one outlier channel in <c>γ</c> and <c>β</c>, as
    /// transformer layer norms have.
    /// </summary>
    public static byte[] CreateNormalizedMatMul()
    {
        var graph = new GraphProto { Name = "normalized" };
        graph.Input.Add(Value("x", Float, -1, 4));
        graph.Output.Add(Value("y", Float, -1, 6));
        graph.Initializer.Add(FloatTensor("gamma", [0.9f, 1.1f, 24f, 0.8f], 4));
        graph.Initializer.Add(FloatTensor("beta", [0.1f, -0.2f, 6f, 0f], 4));
        graph.Initializer.Add(FloatTensor("w1", W1, 4, 6));
        graph.Node.Add(Node("LayerNormalization", "ln", ["x", "gamma", "beta"], ["h"]));
        graph.Node.Add(Node("MatMul", "mm", ["h", "w1"], ["y"]));
        return Model(graph, opset: 17);
    }

    /// <summary>The float result of <c>rows[n, inner] · weight[inner, columns]</c>.</summary>
    public static float[] Multiply(float[] rows, float[] weight, int inner, int columns)
    {
        var count = rows.Length / inner;
        var result = new float[count * columns];
        for (var r = 0; r < count; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                for (var k = 0; k < inner; k++)
                {
                    result[(r * columns) + c] += rows[(r * inner) + k] * weight[(k * columns) + c];
                }
            }
        }

        return result;
    }

    public static float[] Weights(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1))];
    }
}
