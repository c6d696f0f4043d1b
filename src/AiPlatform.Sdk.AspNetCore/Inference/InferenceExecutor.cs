using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AiPlatform.Sdk.Telemetry;
using System.Text;
using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using AiPlatform.Sdk.Serving.Onnx;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>
/// Runs one <see cref="ModelInferRequest"/> (raw or typed contents) on the local ONNX runtime and answers a response with raw
/// output contents. Requests that do not fit the model fail with INVALID_ARGUMENT and the protocol's wording.
/// </summary>
internal sealed class InferenceExecutor(
    ModelRepository repository, TimeProvider timeProvider, [FromKeyedServices(AiPlatformTelemetry.Serving)] LayerTelemetry telemetry)
{
    /// <summary>Request duration per model and version (tags <c>aiplatform.model</c>, <c>aiplatform.model.version</c>, <c>error.type</c>).</summary>
    public const string DurationInstrument = "aiplatform.inference.duration";

    private readonly Histogram<double> _duration = telemetry.Meter.CreateHistogram<double>(
        DurationInstrument, "s", "Inference requests served, from admission to response, per model and version.");

    /// <summary>Runs the request, recording Triton's statistics: the time queued, and input preparation, the model run and output extraction.</summary>
    public ModelInferResponse Execute(ModelInferRequest request, TimeSpan queued, CancellationToken cancellationToken)
    {
        var model = repository.Get(request.ModelName, request.ModelVersion);
        var phases = new InferencePhases(timeProvider);
        var started = timeProvider.GetTimestamp();
        string? error = null;
        try
        {
            return Run(model, request, phases, cancellationToken);
        }
        catch (Exception ex)
        {
            error = ex is InferenceProtocolException ? "invalid_argument" : ex.GetType().Name;
            throw;
        }
        finally
        {
            model.Record(error is null, queued, phases, timeProvider.GetUtcNow());
            var tags = new TagList { { "aiplatform.model", model.Name }, { "aiplatform.model.version", model.Version } };
            if (error is not null)
            {
                tags.Add("error.type", error);
            }

            _duration.Record((queued + timeProvider.GetElapsedTime(started)).TotalSeconds, tags);
        }
    }

    private static ModelInferResponse Run(ServedModel model, ModelInferRequest request, InferencePhases phases, CancellationToken cancellationToken)
    {
        try
        {
            InferenceRestCodec.UseRawContents(request);
        }
        catch (FormatException ex)
        {
            throw InferenceProtocolException.Invalid(ex.Message);
        }

        // Triton's wording, naming the model by its repository name (ONNX Runtime would name the file).
        var missing = model.Model.Inputs.Keys.Where(name => request.Inputs.All(i => i.Name != name)).ToList();
        if (missing.Count > 0)
        {
            throw InferenceProtocolException.Invalid(
                $"expected {model.Model.Inputs.Count} inputs but got {request.Inputs.Count} inputs for model '{model.Name}'. Got input(s) " +
                $"[{string.Join(", ", request.Inputs.Select(i => $"'{i.Name}'"))}], but missing required input(s) [{string.Join(", ", missing.Select(n => $"'{n}'"))}]");
        }

        var owned = new List<OrtValue>();
        try
        {
            using var inputs = new OnnxInputs();
            for (var i = 0; i < request.Inputs.Count; i++)
            {
                var value = ToOrtValue(model, request.Inputs[i], request.RawInputContents[i]);
                owned.Add(value);
                if (inputs.Names.Contains(request.Inputs[i].Name))
                {
                    throw InferenceProtocolException.Invalid($"input '{request.Inputs[i].Name}' is given more than once");
                }

                inputs.Add(request.Inputs[i].Name, value);
            }

            phases.InputsReady();
            return RunModel(model, request, inputs, phases, cancellationToken);
        }
        finally
        {
            owned.ForEach(v => v.Dispose());
        }
    }

    private static ModelInferResponse RunModel(
        ServedModel model, ModelInferRequest request, OnnxInputs inputs, InferencePhases phases, CancellationToken cancellationToken)
    {
        var outputNames = request.Outputs.Select(o => o.Name).ToList();
        foreach (var name in outputNames.Where(n => !model.Model.Outputs.ContainsKey(n)))
        {
            throw InferenceProtocolException.Invalid($"unexpected inference output '{name}' for model '{model.Name}'");
        }

        OnnxOutputs outputs;
        try
        {
            outputs = model.Model.Run(inputs, outputNames, cancellationToken);
        }
        catch (OnnxModelException ex) when (ex.ErrorCode != OnnxModelException.RunFailed)
        {
            throw InferenceProtocolException.Invalid(ex.Message);
        }
        catch (OnnxModelException ex)
        {
            // The model loaded, so a run that fails was given inputs it cannot take (an index out of range, an empty dimension
            // beside a full one, a sequence past the model's maximum): the caller's error, with the runtime's reason, as Triton does.
            throw InferenceProtocolException.Invalid($"onnx runtime error: {ex.Message}");
        }
        catch (OperationCanceledException)
        {
            throw new InferenceProtocolException(StatusCode.Cancelled, "the request was cancelled");
        }

        phases.ModelRan();
        using (outputs)
        {
            var response = new ModelInferResponse { ModelName = model.Name, ModelVersion = model.Version, Id = request.Id };
            foreach (var name in outputs.Names)
            {
                var value = outputs[name];
                var info = value.GetTensorTypeAndShape();
                var datatype = OnnxDatatypes.Datatype(info.ElementDataType)
                    ?? throw new InferenceProtocolException(StatusCode.Internal, $"output '{name}' has element type {info.ElementDataType}, which the protocol cannot carry");
                response.Outputs.Add(new ModelInferResponse.Types.InferOutputTensor { Name = name, Datatype = datatype, Shape = { info.Shape } });
                response.RawOutputContents.Add(ToRaw(value, info));
            }

            phases.OutputsReady();
            return response;
        }
    }

    private static OrtValue ToOrtValue(ServedModel model, ModelInferRequest.Types.InferInputTensor input, ByteString raw)
    {
        if (!model.Model.Inputs.TryGetValue(input.Name, out var declared))
        {
            throw InferenceProtocolException.Invalid($"unexpected inference input '{input.Name}' for model '{model.Name}'");
        }

        var expected = OnnxDatatypes.Datatype(declared.ElementType);
        if (expected != input.Datatype)
        {
            throw InferenceProtocolException.Invalid(
                $"unexpected datatype {input.Datatype} for inference input '{input.Name}', expecting {expected} for model '{model.Name}'");
        }

        var shape = input.Shape.ToArray();
        if (!declared.Accepts(shape))
        {
            throw InferenceProtocolException.Invalid(
                $"unexpected shape for input '{input.Name}' for model '{model.Name}'. Expected [{string.Join(',', declared.Dimensions)}], got [{string.Join(',', shape)}]");
        }

        InferenceBounds.Check(model, declared, shape);

        try
        {
            _ = new InferenceTensor(input.Name, new InferenceDataType(input.Datatype), shape, raw.Memory);
        }
        catch (ArgumentException ex)
        {
            throw InferenceProtocolException.Invalid(ex.Message);
        }

        if (input.Datatype == "BYTES")
        {
            var strings = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
            var offset = 0;
            for (var index = 0; offset < raw.Length; index++)
            {
                var length = BinaryPrimitives.ReadInt32LittleEndian(raw.Span[offset..]);
                strings.StringTensorSetElementAt(raw.Span.Slice(offset + 4, length), index);
                offset += 4 + length;
            }

            return strings;
        }

        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, OnnxDatatypes.Onnx(input.Datatype), shape);
        raw.Span.CopyTo(value.GetTensorMutableRawData());
        return value;
    }

    private static ByteString ToRaw(OrtValue value, OrtTensorTypeAndShapeInfo info)
    {
        if (info.ElementDataType != TensorElementType.String)
        {
            return ByteString.CopyFrom(value.GetTensorMutableRawData());
        }

        using var buffer = new MemoryStream();
        Span<byte> prefix = stackalloc byte[4];
        for (var i = 0; i < info.ElementCount; i++)
        {
            // The element's bytes as stored: BYTES are bytes, not text, so no decoding (which would turn invalid UTF-8 into U+FFFD).
            var bytes = value.GetStringElementAsSpan(i);
            BinaryPrimitives.WriteInt32LittleEndian(prefix, bytes.Length);
            buffer.Write(prefix);
            buffer.Write(bytes);
        }

        return ByteString.CopyFrom(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
