using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using CsCheck;

namespace AiPlatform.Sdk.Serving.Tests.Inference;

/// <summary>The REST codec on generated tensors: every datatype, random shapes and values, JSON and binary.</summary>
public sealed class InferenceRestCodecPropertyTests
{
    private static readonly Gen<long[]> Shapes = Gen.Long[1, 4].Array[1, 3];

    /// <summary>Tensors whose values JSON can carry: finite numbers and UTF-8 strings.</summary>
    private static readonly Gen<InferenceTensor> JsonTensors = Gen.OneOf(
        Numeric(Gen.Bool),
        Numeric(Gen.Byte),
        Numeric(Gen.UShort),
        Numeric(Gen.UInt),
        Numeric(Gen.ULong),
        Numeric(Gen.SByte),
        Numeric(Gen.Short),
        Numeric(Gen.Int),
        Numeric(Gen.Long),
        Numeric(Gen.Float[-60000f, 60000f].Select(f => (Half)f)),
        Numeric(Gen.Float[-1e38f, 1e38f].Select(f => (BFloat16)f)),
        Numeric(Gen.Float[-float.MaxValue, float.MaxValue]),
        Numeric(Gen.Double[-double.MaxValue, double.MaxValue]),
        Shapes.SelectMany(shape => Gen.String.Array[Count(shape)].Select(values => InferenceTensor.FromStrings("x", values, shape))));

    /// <summary>Tensors of any bytes: the binary extension carries BYTES elements that are not UTF-8 too.</summary>
    private static readonly Gen<InferenceTensor> BinaryTensors = Gen.OneOf(
        JsonTensors,
        Shapes.SelectMany(shape => Gen.Byte.Array[0, 8].Array[Count(shape)]
            .Select(values => InferenceTensor.FromBytes("x", [.. values.Select(v => (ReadOnlyMemory<byte>)v)], shape))));

    [Fact]
    public void A_request_round_trips_through_json()
    {
        JsonTensors.Sample(tensor => AssertRoundTrip(tensor, binary: false));
    }

    [Fact]
    public void A_request_round_trips_through_binary_data()
    {
        BinaryTensors.Sample(tensor => AssertRoundTrip(tensor, binary: true));
    }

    private static void AssertRoundTrip(InferenceTensor tensor, bool binary)
    {
        var request = InferenceClient.ToMessage(new InferenceRequest { Inputs = { tensor } }, "m", string.Empty);

        var (body, header) = InferenceRestCodec.EncodeRequest(request, binary);
        var decoded = InferenceRestCodec.DecodeRequest(body, header, "m", null);
        var response = new ModelInferResponse
        {
            ModelName = "m",
            Outputs = { new ModelInferResponse.Types.InferOutputTensor { Name = "y", Datatype = decoded.Inputs[0].Datatype, Shape = { decoded.Inputs[0].Shape } } },
        };
        response.RawOutputContents.Add(decoded.RawInputContents[0]);
        var (responseBody, responseHeader) = InferenceRestCodec.EncodeResponse(response, decoded);
        var back = InferenceRestCodec.DecodeResponse(responseBody, responseHeader);

        Assert.Equal(tensor.Shape, decoded.Inputs[0].Shape);
        Assert.Equal(tensor.RawData.ToArray(), decoded.RawInputContents[0].ToByteArray());
        Assert.Equal(tensor.RawData.ToArray(), back.RawOutputContents[0].ToByteArray());
    }

    private static Gen<InferenceTensor> Numeric<T>(Gen<T> element)
        where T : unmanaged =>
        Shapes.SelectMany(shape => element.Array[Count(shape)].Select(values => InferenceTensor.Create<T>("x", values, shape)));

    private static int Count(long[] shape) => (int)shape.Aggregate(1L, (product, length) => product * length);
}
