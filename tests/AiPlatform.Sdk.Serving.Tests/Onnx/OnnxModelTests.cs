using System.Numerics.Tensors;
using AiPlatform.Sdk.Serving.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace AiPlatform.Sdk.Serving.Tests.Onnx;

public sealed class OnnxModelTests(MiniLmModelFixture fixture) : IClassFixture<MiniLmModelFixture>
{
    private static readonly long[] Ids = [101, 7592, 2088, 102];

    [Fact]
    public void Metadata_lists_the_declared_inputs_and_outputs()
    {
        var model = fixture.Model;

        Assert.Equal("model", model.Name);
        Assert.Equal(["attention_mask", "input_ids", "token_type_ids"], model.Inputs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(typeof(long), model.Inputs["input_ids"].ElementType);
        Assert.Equal([-1, -1], model.Inputs["input_ids"].Dimensions);
        Assert.Equal(typeof(float), model.Outputs["last_hidden_state"].ElementType);
        Assert.Equal(384, model.Outputs["last_hidden_state"].Dimensions[2]);
    }

    [Fact]
    public void Run_with_tensors_returns_named_outputs_of_the_expected_shape()
    {
        using var inputs = new OnnxInputs()
            .Add("input_ids", Tensor.Create(Ids, [1, Ids.Length]))
            .Add("attention_mask", Tensor.Create(Enumerable.Repeat(1L, Ids.Length).ToArray(), [1, Ids.Length]))
            .Add("token_type_ids", Tensor.Create(new long[Ids.Length], [1, Ids.Length]));

        var outputs = fixture.Model.Run(inputs, ["last_hidden_state"]);
        var shape = outputs.GetShape("last_hidden_state");
        var raw = outputs["last_hidden_state"].GetTensorDataAsSpan<float>().ToArray();
        var view = outputs.GetTensorSpan<float>("last_hidden_state");
        var lengths = view.Lengths.ToArray();
        (float Middle, float Last) viewed = (view[0, 1, 7], view[0, 3, 383]);
        var copy = outputs.ToTensor<float>("last_hidden_state");
        outputs.Dispose();

        Assert.Equal([1, 4, 384], shape);
        Assert.Equal([1, 4, 384], lengths.Select(l => (long)l));
        // Both forms index the runtime's flat, row-major buffer: [0, t, h] is element t * 384 + h.
        Assert.Equal((raw[(1 * 384) + 7], raw[(3 * 384) + 383]), viewed);
        Assert.Equal(raw, copy.ToArray());
    }

    [Fact]
    public void Run_with_arrays_and_OrtValues_gives_the_same_result_as_with_tensors()
    {
        using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, Ids.Length).ToArray(), [1, Ids.Length]);
        using var fromArrays = new OnnxInputs().Add("input_ids", Ids, 1, Ids.Length).Add("attention_mask", mask).Add("token_type_ids", new long[Ids.Length], 1, Ids.Length);
        using var fromTensors = new OnnxInputs()
            .Add("input_ids", Tensor.Create(Ids, [1, Ids.Length]))
            .Add("attention_mask", Tensor.Create(Enumerable.Repeat(1L, Ids.Length).ToArray(), [1, Ids.Length]))
            .Add("token_type_ids", Tensor.Create(new long[Ids.Length], [1, Ids.Length]));

        using var a = fixture.Model.Run(fromArrays);
        using var b = fixture.Model.Run(fromTensors);

        Assert.Equal(a["last_hidden_state"].GetTensorDataAsSpan<float>().ToArray(), b["last_hidden_state"].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal(2, a.Names.Count);
    }

    [Fact]
    public void Broadcast_tensors_are_copied_and_dense_ones_passed_in_place_with_the_same_result()
    {
        var ones = Tensor.Create(new long[] { 1 }, [1, Ids.Length], [0, 0]);
        var dense = Tensor.Create(Enumerable.Repeat(1L, Ids.Length).ToArray(), [1, Ids.Length]);
        using var broadcast = new OnnxInputs().Add("input_ids", Tensor.Create(Ids, [1, Ids.Length])).Add("attention_mask", ones).Add("token_type_ids", Tensor.Create(new long[Ids.Length], [1, Ids.Length]));
        using var inPlace = new OnnxInputs().Add("input_ids", Tensor.Create(Ids, [1, Ids.Length])).Add("attention_mask", dense).Add("token_type_ids", Tensor.Create(new long[Ids.Length], [1, Ids.Length]));

        using var a = fixture.Model.Run(broadcast, ["last_hidden_state"]);
        using var b = fixture.Model.Run(inPlace, ["last_hidden_state"]);

        Assert.False(ones.IsDense);
        Assert.Equal(a["last_hidden_state"].GetTensorDataAsSpan<float>().ToArray(), b["last_hidden_state"].GetTensorDataAsSpan<float>().ToArray());
        inPlace.Values[1].GetTensorMutableDataAsSpan<long>()[2] = 0;
        broadcast.Values[1].GetTensorMutableDataAsSpan<long>()[2] = 0;
        Assert.Equal(0, dense[0, 2]);
        Assert.Equal(1, ones[0, 2]);
    }

    [Fact]
    public void Unknown_input_name_fails_naming_the_model_and_the_input()
    {
        using var inputs = ValidInputs().Add("input_idz", Ids, 1, Ids.Length);

        var ex = Assert.Throws<OnnxModelException>(() => fixture.Model.Run(inputs));

        Assert.Equal(OnnxModelException.UnknownName, ex.ErrorCode);
        Assert.Equal("model", ex.ModelName);
        Assert.Equal("input_idz", ex.InputName);
        Assert.Contains("'input_idz'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_input_fails_naming_it()
    {
        using var inputs = new OnnxInputs().Add("input_ids", Ids, 1, Ids.Length).Add("attention_mask", new long[] { 1, 1, 1, 1 }, 1, 4);

        var ex = Assert.Throws<OnnxModelException>(() => fixture.Model.Run(inputs));

        Assert.Equal(OnnxModelException.MissingInput, ex.ErrorCode);
        Assert.Equal("token_type_ids", ex.InputName);
    }

    [Fact]
    public void Wrong_element_type_fails_naming_the_input()
    {
        using var inputs = new OnnxInputs()
            .Add("input_ids", new int[] { 101, 102 }, 1, 2)
            .Add("attention_mask", new long[] { 1, 1 }, 1, 2)
            .Add("token_type_ids", new long[2], 1, 2);

        var ex = Assert.Throws<OnnxModelException>(() => fixture.Model.Run(inputs));

        Assert.Equal(OnnxModelException.TypeMismatch, ex.ErrorCode);
        Assert.Equal("input_ids", ex.InputName);
        Assert.Contains("Int64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_rank_fails_naming_the_input()
    {
        using var inputs = new OnnxInputs()
            .Add("input_ids", Ids, Ids.Length)
            .Add("attention_mask", new long[] { 1, 1, 1, 1 }, 1, 4)
            .Add("token_type_ids", new long[4], 1, 4);

        var ex = Assert.Throws<OnnxModelException>(() => fixture.Model.Run(inputs));

        Assert.Equal(OnnxModelException.ShapeMismatch, ex.ErrorCode);
        Assert.Equal("input_ids", ex.InputName);
    }

    [Fact]
    public void Unknown_output_name_fails_naming_it()
    {
        using var inputs = ValidInputs();

        var ex = Assert.Throws<OnnxModelException>(() => fixture.Model.Run(inputs, ["pooled"]));

        Assert.Equal(OnnxModelException.UnknownName, ex.ErrorCode);
        Assert.Equal("pooled", ex.InputName);
    }

    [Fact]
    public void Shape_that_does_not_match_the_data_is_rejected_before_running()
    {
        Assert.Throws<ArgumentException>(() => new OnnxInputs().Add("input_ids", Ids, 1, 5));
    }

    [Fact]
    public void Cancelled_run_throws_OperationCanceledException()
    {
        using var inputs = ValidInputs();

        Assert.ThrowsAny<OperationCanceledException>(() => fixture.Model.Run(inputs, cancellationToken: new CancellationToken(canceled: true)));
    }

    private static OnnxInputs ValidInputs() => new OnnxInputs()
        .Add("input_ids", Ids, 1, Ids.Length)
        .Add("attention_mask", new long[] { 1, 1, 1, 1 }, 1, 4)
        .Add("token_type_ids", new long[4], 1, 4);
}
