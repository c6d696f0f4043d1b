using System.Buffers;
using System.Text.Json;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>
/// Converts inference requests and responses between the gRPC messages and the REST wire format of the Open Inference Protocol:
/// a JSON body, or with the binary tensor data extension a JSON header of <c>Inference-Header-Content-Length</c> bytes followed by
/// the tensors' raw bytes. Used by the client's REST transport and by hosts that serve the protocol. Malformed input throws
/// <see cref="FormatException"/>, whose message is fit for a 400 answer.
/// </summary>
internal static class InferenceRestCodec
{
    /// <summary>The header that gives the length of the JSON part of a body with binary tensor data.</summary>
    public const string HeaderContentLengthName = "Inference-Header-Content-Length";

    private const string BinaryDataSize = "binary_data_size";
    private const string BinaryDataOutput = "binary_data_output";
    private const string BinaryDataParameter = "binary_data";

    /// <summary>Writes a request (its tensors as <see cref="ModelInferRequest.RawInputContents"/>) as a REST body.</summary>
    /// <param name="request">The request; typed contents are converted to raw ones first.</param>
    /// <param name="binaryData">Send the tensors as binary data and ask for binary outputs; otherwise JSON.</param>
    /// <returns>The body, and the JSON length for the <c>Inference-Header-Content-Length</c> header when binary data follows.</returns>
    /// <exception cref="FormatException">A tensor cannot be written as JSON (a BYTES element that is not UTF-8).</exception>
    public static (byte[] Body, int? HeaderLength) EncodeRequest(ModelInferRequest request, bool binaryData)
    {
        ArgumentNullException.ThrowIfNull(request);
        UseRawContents(request);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (request.Id.Length > 0)
            {
                writer.WriteString("id", request.Id);
            }

            var parameters = request.Parameters.Clone();
            if (binaryData && request.Outputs.Count == 0)
            {
                parameters[BinaryDataOutput] = new InferParameter { BoolParam = true };
            }

            if (parameters.Count > 0)
            {
                writer.WritePropertyName("parameters");
                InferParameters.Write(writer, parameters);
            }

            writer.WriteStartArray("inputs");
            for (var i = 0; i < request.Inputs.Count; i++)
            {
                var input = request.Inputs[i];
                WriteTensorHeader(writer, input.Name, input.Datatype, input.Shape, input.Parameters, request.RawInputContents[i], binaryData);
            }

            writer.WriteEndArray();
            if (request.Outputs.Count > 0)
            {
                writer.WriteStartArray("outputs");
                foreach (var output in request.Outputs)
                {
                    var outputParameters = output.Parameters.Clone();
                    outputParameters[BinaryDataParameter] = new InferParameter { BoolParam = binaryData };
                    writer.WriteStartObject();
                    writer.WriteString("name", output.Name);
                    writer.WritePropertyName("parameters");
                    InferParameters.Write(writer, outputParameters);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return AppendBinary(buffer, binaryData ? request.RawInputContents : null);
    }

    /// <summary>Reads a REST request body into a gRPC request with raw input contents.</summary>
    /// <param name="body">The whole body.</param>
    /// <param name="headerLength">The <c>Inference-Header-Content-Length</c> header, or <see langword="null"/> for a JSON-only body.</param>
    /// <param name="modelName">The model named in the URL.</param>
    /// <param name="modelVersion">The version named in the URL, if any.</param>
    /// <returns>The request; its parameters keep the binary-output flags for <see cref="EncodeResponse"/>.</returns>
    /// <exception cref="FormatException">The body is not a valid inference request.</exception>
    public static ModelInferRequest DecodeRequest(ReadOnlyMemory<byte> body, int? headerLength, string modelName, string? modelVersion)
    {
        var (json, binary) = Split(body, headerLength);
        var request = new ModelInferRequest { ModelName = modelName, ModelVersion = modelVersion ?? string.Empty };
        using var document = Parse(json);
        var root = document.RootElement;
        request.Id = OptionalString(root, "id");
        if (root.TryGetProperty("parameters", out var parameters))
        {
            InferParameters.Read(parameters, request.Parameters);
        }

        if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The request has no 'inputs' array.");
        }

        var offset = 0;
        foreach (var item in inputs.EnumerateArray())
        {
            var input = new ModelInferRequest.Types.InferInputTensor();
            var raw = ReadTensor(item, input.Shape, input.Parameters, binary, ref offset, out var name, out var datatype);
            input.Name = name;
            input.Datatype = datatype;
            request.Inputs.Add(input);
            request.RawInputContents.Add(raw);
        }

        if (root.TryGetProperty("outputs", out var outputs) && outputs.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in outputs.EnumerateArray())
            {
                var output = new ModelInferRequest.Types.InferRequestedOutputTensor { Name = RequiredString(item, "name") };
                if (item.TryGetProperty("parameters", out var outputParameters))
                {
                    InferParameters.Read(outputParameters, output.Parameters);
                }

                request.Outputs.Add(output);
            }
        }

        return request;
    }

    /// <summary>Writes a response as a REST body: each output as binary data when the request asked for it, otherwise as JSON.</summary>
    /// <param name="response">The response, with raw output contents (typed contents are converted first).</param>
    /// <param name="request">The request it answers, whose parameters say which outputs are wanted as binary data.</param>
    /// <returns>The body, and the JSON length for the <c>Inference-Header-Content-Length</c> header when binary data follows.</returns>
    /// <exception cref="FormatException">An output cannot be written as JSON.</exception>
    public static (byte[] Body, int? HeaderLength) EncodeResponse(ModelInferResponse response, ModelInferRequest request)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(request);
        UseRawContents(response);
        var allBinary = InferParameters.Bool(request.Parameters, BinaryDataOutput) ?? false;
        var binaryParts = new List<ByteString>();
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model_name", response.ModelName);
            writer.WriteString("model_version", response.ModelVersion);
            if (response.Id.Length > 0)
            {
                writer.WriteString("id", response.Id);
            }

            if (response.Parameters.Count > 0)
            {
                writer.WritePropertyName("parameters");
                InferParameters.Write(writer, response.Parameters);
            }

            writer.WriteStartArray("outputs");
            for (var i = 0; i < response.Outputs.Count; i++)
            {
                var output = response.Outputs[i];
                var requested = request.Outputs.FirstOrDefault(o => o.Name == output.Name);
                var binary = (requested is null ? null : InferParameters.Bool(requested.Parameters, BinaryDataParameter)) ?? allBinary;
                WriteTensorHeader(writer, output.Name, output.Datatype, output.Shape, output.Parameters, response.RawOutputContents[i], binary);
                if (binary)
                {
                    binaryParts.Add(response.RawOutputContents[i]);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return AppendBinary(buffer, binaryParts.Count > 0 ? binaryParts : null);
    }

    /// <summary>Reads a REST response body into a gRPC response with raw output contents.</summary>
    /// <param name="body">The whole body.</param>
    /// <param name="headerLength">The <c>Inference-Header-Content-Length</c> header, or <see langword="null"/> for a JSON-only body.</param>
    /// <returns>The response.</returns>
    /// <exception cref="FormatException">The body is not a valid inference response.</exception>
    public static ModelInferResponse DecodeResponse(ReadOnlyMemory<byte> body, int? headerLength)
    {
        var (json, binary) = Split(body, headerLength);
        using var document = Parse(json);
        var root = document.RootElement;
        var response = new ModelInferResponse
        {
            ModelName = OptionalString(root, "model_name"),
            ModelVersion = OptionalString(root, "model_version"),
            Id = OptionalString(root, "id"),
        };
        if (root.TryGetProperty("parameters", out var parameters))
        {
            InferParameters.Read(parameters, response.Parameters);
        }

        var offset = 0;
        if (root.TryGetProperty("outputs", out var outputs) && outputs.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in outputs.EnumerateArray())
            {
                var output = new ModelInferResponse.Types.InferOutputTensor();
                var raw = ReadTensor(item, output.Shape, output.Parameters, binary, ref offset, out var name, out var datatype);
                output.Name = name;
                output.Datatype = datatype;
                response.Outputs.Add(output);
                response.RawOutputContents.Add(raw);
            }
        }

        return response;
    }

    /// <summary>Moves typed <c>contents</c> of the inputs into <see cref="ModelInferRequest.RawInputContents"/>, as clients may send either.</summary>
    /// <param name="request">The request to change.</param>
    /// <exception cref="FormatException">Contents do not match the datatype, or raw and typed contents are mixed.</exception>
    public static void UseRawContents(ModelInferRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RawInputContents.Count == request.Inputs.Count)
        {
            return;
        }

        if (request.RawInputContents.Count > 0)
        {
            throw new FormatException($"The request has {request.Inputs.Count} inputs but {request.RawInputContents.Count} raw input contents.");
        }

        foreach (var input in request.Inputs)
        {
            request.RawInputContents.Add(TensorContents.ToRaw(input.Datatype, input.Contents ?? new InferTensorContents()));
            input.Contents = null;
        }
    }

    /// <summary>Moves typed <c>contents</c> of the outputs into <see cref="ModelInferResponse.RawOutputContents"/>.</summary>
    /// <param name="response">The response to change.</param>
    /// <exception cref="FormatException">Contents do not match the datatype, or raw and typed contents are mixed.</exception>
    public static void UseRawContents(ModelInferResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.RawOutputContents.Count == response.Outputs.Count)
        {
            return;
        }

        if (response.RawOutputContents.Count > 0)
        {
            throw new FormatException($"The response has {response.Outputs.Count} outputs but {response.RawOutputContents.Count} raw output contents.");
        }

        foreach (var output in response.Outputs)
        {
            response.RawOutputContents.Add(TensorContents.ToRaw(output.Datatype, output.Contents ?? new InferTensorContents()));
            output.Contents = null;
        }
    }

    private static void WriteTensorHeader(
        Utf8JsonWriter writer, string name, string datatype, RepeatedField<long> shape, MapField<string, InferParameter> parameters,
        ByteString raw, bool binary)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteStartArray("shape");
        foreach (var dim in shape)
        {
            writer.WriteNumberValue(dim);
        }

        writer.WriteEndArray();
        writer.WriteString("datatype", datatype);
        var tensorParameters = parameters.Clone();
        tensorParameters.Remove(BinaryDataSize);
        if (binary)
        {
            tensorParameters[BinaryDataSize] = new InferParameter { Int64Param = raw.Length };
        }

        if (tensorParameters.Count > 0)
        {
            writer.WritePropertyName("parameters");
            InferParameters.Write(writer, tensorParameters);
        }

        if (!binary)
        {
            writer.WritePropertyName("data");
            TensorJson.WriteData(writer, datatype, raw.Span);
        }

        writer.WriteEndObject();
    }

    private static ByteString ReadTensor(
        JsonElement item, RepeatedField<long> shape, MapField<string, InferParameter> parameters, ReadOnlyMemory<byte> binary,
        ref int offset, out string name, out string datatype)
    {
        name = RequiredString(item, "name");
        datatype = RequiredString(item, "datatype");
        if (!item.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"Tensor '{name}' has no 'shape' array.");
        }

        foreach (var dim in shapeElement.EnumerateArray())
        {
            shape.Add(dim.TryGetInt64(out var d) ? d : throw new FormatException($"Tensor '{name}' has a shape that is not integers."));
        }

        if (item.TryGetProperty("parameters", out var tensorParameters))
        {
            InferParameters.Read(tensorParameters, parameters);
        }

        var size = InferParameters.Int64(parameters, BinaryDataSize);
        parameters.Remove(BinaryDataSize);
        if (size is { } length)
        {
            // Compared without adding, so that a size near long.MaxValue cannot overflow past the check.
            if (length < 0 || length > binary.Length - offset)
            {
                throw new FormatException($"Tensor '{name}' claims {length} bytes of binary data, but only {binary.Length - offset} follow the JSON header.");
            }

            var raw = ByteString.CopyFrom(binary.Span.Slice(offset, (int)length));
            offset += (int)length;
            return raw;
        }

        if (!item.TryGetProperty("data", out var data))
        {
            throw new FormatException($"Tensor '{name}' has neither 'data' nor a 'binary_data_size' parameter.");
        }

        return UnsafeByteOperations.UnsafeWrap(TensorJson.ReadData(data, datatype));
    }

    private static (ReadOnlyMemory<byte> Json, ReadOnlyMemory<byte> Binary) Split(ReadOnlyMemory<byte> body, int? headerLength)
    {
        if (headerLength is not { } length)
        {
            return (body, ReadOnlyMemory<byte>.Empty);
        }

        if (length < 0 || length > body.Length)
        {
            throw new FormatException($"{HeaderContentLengthName} is {length}, but the body has {body.Length} bytes.");
        }

        return (body[..length], body[length..]);
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new FormatException("The JSON body is not an object.");
            }

            return document;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The body is not valid JSON: {ex.Message}", ex);
        }
    }

    private static (byte[] Body, int? HeaderLength) AppendBinary(ArrayBufferWriter<byte> json, IReadOnlyList<ByteString>? parts)
    {
        if (parts is null)
        {
            return (json.WrittenSpan.ToArray(), null);
        }

        var body = new byte[json.WrittenCount + parts.Sum(p => p.Length)];
        json.WrittenSpan.CopyTo(body);
        var offset = json.WrittenCount;
        foreach (var part in parts)
        {
            part.Span.CopyTo(body.AsSpan(offset));
            offset += part.Length;
        }

        return (body, json.WrittenCount);
    }

    private static string RequiredString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"A tensor or output has no string '{name}'.");

    private static string OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
