using AiPlatform.Sdk.Serving.Onnx;
using AiPlatform.Sdk.Serving.Onnx.Quantization;
using Onnx;

namespace AiPlatform.Sdk.Serving.Tests.Onnx;

public sealed class DynamicInt8QuantizationTests
{
    private static readonly OnnxSessionSettings Int8 = new() { WeightQuantization = OnnxWeightQuantization.DynamicInt8, IntraOpThreads = 1 };

    [Fact]
    public void Weight_MatMuls_become_integer_MatMuls_sharing_one_activation_quantization()
    {
        var (bytes, quantized) = DynamicInt8Rewriter.Rewrite(TinyMatMulModel.Create(), "tiny");

        var graph = ModelProto.Parser.ParseFrom(bytes).Graph;
        Assert.Equal(2, quantized);
        Assert.Single(graph.Node, n => n.OpType == "DynamicQuantizeLinear" && n.Input[0] == "x");
        Assert.Equal(2, graph.Node.Count(n => n.OpType == "MatMulInteger"));
        Assert.DoesNotContain(graph.Initializer, t => t.Name is "w1" or "w2");
        Assert.All(graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Int8), t => Assert.All(t.RawData.ToByteArray(), b => Assert.InRange((sbyte)b, -63, 63)));
    }

    [Fact]
    public void Contracting_weights_and_MatMuls_without_a_weight_stay_in_float()
    {
        var graph = ModelProto.Parser.ParseFrom(DynamicInt8Rewriter.Rewrite(TinyMatMulModel.Create(), "tiny").Model).Graph;

        Assert.Contains(graph.Node, n => n.OpType == "MatMul" && n.Input[1] == "w3");
        Assert.Contains(graph.Node, n => n.OpType == "MatMul" && n.Input[1] == "p");
        Assert.Contains(graph.Initializer, t => t.Name == "w3" && t.DataType == (int)TensorProto.Types.DataType.Float);
    }

    [Fact]
    public void The_quantized_model_runs_close_to_the_float_result()
    {
        using var stream = new MemoryStream(TinyMatMulModel.Create());
        using var model = OnnxModel.Load(stream, "tiny", Int8);
        var x = TinyMatMulModel.Weights(5 * 4, seed: 9);
        var p = TinyMatMulModel.Weights(25, seed: 10);

        using var inputs = new OnnxInputs().Add("x", x, 5, 4).Add("p", p, 5, 5);
        using var outputs = model.Run(inputs);

        Assert.Equal(OnnxWeightQuantization.DynamicInt8, model.WeightQuantization);
        var expected = TinyMatMulModel.Multiply(x, TinyMatMulModel.W1, 4, 6);
        var actual = outputs["y1"].GetTensorDataAsSpan<float>().ToArray();
        var scale = expected.Max(MathF.Abs);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= 0.05f * scale, $"y1[{i}]: {actual[i]} for {expected[i]}");
        }
    }

    [Fact]
    public void A_layer_norm_output_is_smoothed_per_channel_and_the_product_is_preserved()
    {
        var original = TinyMatMulModel.CreateNormalizedMatMul();
        var graph = ModelProto.Parser.ParseFrom(DynamicInt8Rewriter.Rewrite(original, "normalized").Model).Graph;
        var x = TinyMatMulModel.Weights(7 * 4, seed: 11);

        var expected = Run(original, OnnxWeightQuantization.None, x);
        var actual = Run(original, OnnxWeightQuantization.DynamicInt8, x);

        var smooth = Assert.Single(graph.Node, n => n.OpType == "Mul" && n.Input[0] == "h");
        Assert.Contains(graph.Node, n => n.OpType == "DynamicQuantizeLinear" && n.Input[0] == smooth.Output[0]);
        var scale = expected.Max(MathF.Abs);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= 0.05f * scale, $"y[{i}]: {actual[i]} for {expected[i]}");
        }
    }

    [Fact]
    public void A_calibrator_measures_the_activations_on_a_probe_model_and_its_ranges_smooth_them()
    {
        var x = TinyMatMulModel.Weights(3 * 4, seed: 12);
        IReadOnlyList<string> probed = [];
        float[] measured = [];
        IReadOnlyDictionary<string, float[]> Calibrate(byte[] probe, IReadOnlyList<string> activations)
        {
            probed = activations;
            using var stream = new MemoryStream(probe);
            using var model = OnnxModel.Load(stream, "probe");
            using var inputs = new OnnxInputs().Add("x", x, 3, 4).Add("p", TinyMatMulModel.Weights(25, seed: 13), 5, 5);
            using var outputs = model.Run(inputs, ["x"]);
            measured = new float[4];
            ActivationProbe.Accumulate(outputs["x"].GetTensorDataAsSpan<float>(), measured);
            return new Dictionary<string, float[]> { ["x"] = measured };
        }

        var graph = ModelProto.Parser.ParseFrom(DynamicInt8Rewriter.Rewrite(TinyMatMulModel.Create(), "tiny", Calibrate).Model).Graph;

        Assert.Equal(["x"], probed);
        Assert.Equal(x.Where((_, i) => i % 4 == 1).Max(MathF.Abs), measured[1]);
        var smooth = Assert.Single(graph.Node, n => n.OpType == "Mul" && n.Input[0] == "x");
        Assert.Contains(graph.Node, n => n.OpType == "DynamicQuantizeLinear" && n.Input[0] == smooth.Output[0]);
    }

    [Fact]
    public void Generated_names_never_collide_with_existing_values()
    {
        var (bytes, _) = DynamicInt8Rewriter.Rewrite(TinyMatMulModel.Create(extraValueName: "x_quantized"), "tiny");

        var graph = ModelProto.Parser.ParseFrom(bytes).Graph;
        var outputs = graph.Node.SelectMany(n => n.Output).ToList();
        Assert.Equal(outputs.Count, outputs.Distinct(StringComparer.Ordinal).Count());
        using var stream = new MemoryStream(bytes);
        using var model = OnnxModel.Load(stream, "tiny");
        Assert.Contains("x_quantized", model.Outputs.Keys);
    }

    [Fact]
    public void A_model_older_than_opset_11_is_refused_naming_the_opset()
    {
        using var stream = new MemoryStream(TinyMatMulModel.Create(opset: 9));

        var ex = Assert.Throws<OnnxModelException>(() => OnnxModel.Load(stream, "old", Int8));

        Assert.Equal(OnnxModelException.InvalidModel, ex.ErrorCode);
        Assert.Contains("opset 9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_no_model_fail_with_InvalidModel()
    {
        using var stream = new MemoryStream([0xFF, 0xFF, 0xFF, 0x07, 0x01]);

        var ex = Assert.Throws<OnnxModelException>(() => OnnxModel.Load(stream, "broken", Int8));

        Assert.Equal(OnnxModelException.InvalidModel, ex.ErrorCode);
        Assert.Equal("broken", ex.ModelName);
    }

    private static float[] Run(byte[] onnx, OnnxWeightQuantization quantization, float[] x)
    {
        using var stream = new MemoryStream(onnx);
        using var model = OnnxModel.Load(stream, "normalized", new OnnxSessionSettings { WeightQuantization = quantization, IntraOpThreads = 1 });
        using var inputs = new OnnxInputs().Add("x", x, x.Length / 4, 4);
        using var outputs = model.Run(inputs);
        return outputs["y"].GetTensorDataAsSpan<float>().ToArray();
    }

    [Fact]
    public void The_registry_keeps_a_float_and_a_quantized_model_of_one_file_apart()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tiny-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(file, TinyMatMulModel.Create());
        try
        {
            using var registry = new OnnxModelRegistry();

            var floats = registry.GetOrLoad(file);
            var int8 = registry.GetOrLoad(file, Int8);

            Assert.NotSame(floats, int8);
            Assert.Same(int8, registry.GetOrLoad(file, Int8));
            Assert.Equal(OnnxWeightQuantization.None, floats.WeightQuantization);
            Assert.Equal(OnnxWeightQuantization.DynamicInt8, int8.WeightQuantization);
            Assert.Equal([Path.GetFullPath(file)], registry.LoadedPaths);
            Assert.True(registry.Unload(file));
            Assert.Empty(registry.LoadedPaths);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_model_file_is_quantized_in_memory_and_left_unchanged_on_disk()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tiny-{Guid.NewGuid():N}.onnx");
        var original = TinyMatMulModel.Create();
        File.WriteAllBytes(file, original);
        try
        {
            using var model = OnnxModel.Load(file, Int8);

            Assert.Equal(OnnxWeightQuantization.DynamicInt8, model.WeightQuantization);
            Assert.Equal(original, File.ReadAllBytes(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
