using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Serving.Inference.Protocol;

namespace AiPlatform.Sdk.Serving.Tests.Inference;

public sealed class InferenceRestCodecTests
{
    public static TheoryData<string, bool> EveryDatatype()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in new[] { "BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "BF16", "FP32", "FP64", "BYTES" })
        {
            data.Add(name, true);
            data.Add(name, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryDatatype))]
    public void Request_and_response_round_trip_every_datatype(string datatype, bool binary)
    {
        var tensor = Sample(datatype);
        var request = InferenceClient.ToMessage(new InferenceRequest { Inputs = { tensor } }, "m", string.Empty);

        var (body, header) = InferenceRestCodec.EncodeRequest(request, binary);
        var decoded = InferenceRestCodec.DecodeRequest(body, header, "m", null);
        var response = new ModelInferResponse { ModelName = "m", Outputs = { new ModelInferResponse.Types.InferOutputTensor { Name = "x", Datatype = datatype, Shape = { decoded.Inputs[0].Shape } } } };
        response.RawOutputContents.Add(decoded.RawInputContents[0]);
        var (responseBody, responseHeader) = InferenceRestCodec.EncodeResponse(response, decoded);
        var back = InferenceRestCodec.DecodeResponse(responseBody, responseHeader);

        Assert.Equal(binary, header.HasValue);
        Assert.Equal(binary, responseHeader.HasValue);
        Assert.Equal(tensor.RawData.ToArray(), back.RawOutputContents[0].ToByteArray());
        Assert.Equal(tensor.Shape, back.Outputs[0].Shape);
    }

    [Fact]
    public void Bytes_with_zero_bytes_survive_json()
    {
        var tensor = InferenceTensor.FromBytes("t", [new byte[] { 0, 65, 0 }]);
        var request = InferenceClient.ToMessage(new InferenceRequest { Inputs = { tensor } }, "m", string.Empty);

        var (body, _) = InferenceRestCodec.EncodeRequest(request, binaryData: false);
        var decoded = InferenceRestCodec.DecodeRequest(body, null, "m", null);

        Assert.Contains("\\u0000A\\u0000", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Equal(tensor.RawData.ToArray(), decoded.RawInputContents[0].ToByteArray());
    }

    [Fact]
    public void Nested_json_data_of_the_specification_is_flattened_row_major()
    {
        var body = """{"inputs":[{"name":"input0","shape":[2,2],"datatype":"UINT32","data":[[1,2],[3,4]]}]}"""u8.ToArray();

        var request = InferenceRestCodec.DecodeRequest(body, null, "mymodel", "2");

        Assert.Equal("2", request.ModelVersion);
        Assert.Equal(new uint[] { 1, 2, 3, 4 }, new InferenceTensor("input0", InferenceDataType.UInt32, [2, 2], request.RawInputContents[0].Memory).ToArray<uint>());
    }

    [Theory]
    [InlineData("""{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":["x"]}]}""", "not a valid FP32")]
    [InlineData("""{"inputs":[{"name":"a","shape":[1],"datatype":"FP32"}]}""", "neither 'data'")]
    [InlineData("""{"outputs":[]}""", "no 'inputs'")]
    [InlineData("""not json""", "not valid JSON")]
    public void Malformed_requests_are_format_errors_that_say_why(string json, string reason)
    {
        var error = Assert.Throws<FormatException>(() => InferenceRestCodec.DecodeRequest(System.Text.Encoding.UTF8.GetBytes(json), null, "m", null));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binary_size_beyond_the_body_is_rejected()
    {
        var json = """{"inputs":[{"name":"a","shape":[4],"datatype":"FP32","parameters":{"binary_data_size":16}}]}"""u8.ToArray();
        var body = json.Concat(new byte[8]).ToArray();

        var error = Assert.Throws<FormatException>(() => InferenceRestCodec.DecodeRequest(body, json.Length, "m", null));

        Assert.Contains("16 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_grpc_contents_become_raw_contents()
    {
        var request = new ModelInferRequest
        {
            Inputs =
            {
                new ModelInferRequest.Types.InferInputTensor { Name = "a", Datatype = "UINT8", Shape = { 2 }, Contents = new InferTensorContents { UintContents = { 7, 255 } } },
                new ModelInferRequest.Types.InferInputTensor { Name = "b", Datatype = "BYTES", Shape = { 1 }, Contents = new InferTensorContents { BytesContents = { Google.Protobuf.ByteString.CopyFromUtf8("hi") } } },
            },
        };

        InferenceRestCodec.UseRawContents(request);

        Assert.Equal(new byte[] { 7, 255 }, request.RawInputContents[0].ToByteArray());
        Assert.Equal(new byte[] { 2, 0, 0, 0, (byte)'h', (byte)'i' }, request.RawInputContents[1].ToByteArray());
        Assert.All(request.Inputs, i => Assert.Null(i.Contents));
    }

    [Fact]
    public void Bfloat16_rounds_to_nearest_even_and_widens_exactly()
    {
        Assert.Equal(1f, (float)(BFloat16)1f);
        Assert.Equal(0x3F80, ((BFloat16)1.00390625f).Bits); // halfway between 1 and the next BF16: rounds to even
        Assert.Equal(0x3F82, ((BFloat16)1.01171875f).Bits); // halfway above an odd mantissa: rounds up to the even neighbour
        Assert.True(float.IsNaN((float)(BFloat16)float.NaN));
    }

    internal static InferenceTensor Sample(string datatype) => datatype switch
    {
        "BOOL" => InferenceTensor.Create<bool>("x", [true, false, true, true], 2, 2),
        "UINT8" => InferenceTensor.Create<byte>("x", [0, 1, 255], 3),
        "UINT16" => InferenceTensor.Create<ushort>("x", [0, 1, ushort.MaxValue], 3),
        "UINT32" => InferenceTensor.Create<uint>("x", [0, 1, uint.MaxValue], 3),
        "UINT64" => InferenceTensor.Create<ulong>("x", [0, 1, ulong.MaxValue], 3),
        "INT8" => InferenceTensor.Create<sbyte>("x", [sbyte.MinValue, -1, sbyte.MaxValue], 3),
        "INT16" => InferenceTensor.Create<short>("x", [short.MinValue, -1, short.MaxValue], 3),
        "INT32" => InferenceTensor.Create<int>("x", [int.MinValue, -1, int.MaxValue], 3),
        "INT64" => InferenceTensor.Create<long>("x", [long.MinValue, -1, long.MaxValue], 3),
        "FP16" => InferenceTensor.Create<Half>("x", [(Half)1.5f, (Half)(-0.25f), Half.MaxValue], 3),
        "BF16" => InferenceTensor.Create<BFloat16>("x", [(BFloat16)1.5f, (BFloat16)(-0.25f), (BFloat16)3.0e38f], 3),
        "FP32" => InferenceTensor.Create<float>("x", [1.5f, -0.1f, float.MaxValue, float.Epsilon], 1, 4),
        "FP64" => InferenceTensor.Create<double>("x", [1.5, -0.1, double.MaxValue], 3),
        _ => InferenceTensor.FromBytes("x", [new byte[] { 0, 1, 0 }, "héllo"u8.ToArray(), Array.Empty<byte>()], 3),
    };
}
