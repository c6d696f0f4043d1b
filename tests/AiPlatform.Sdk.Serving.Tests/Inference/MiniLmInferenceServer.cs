using System.Globalization;
using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using AiPlatform.Sdk.Serving.Onnx;
using AiPlatform.Sdk.Testing;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Serving.Tests.Inference;

/// <summary>A small Open Inference Protocol server (REST) that runs an embedding model as <c>minilm</c> with ONNX Runtime.</summary>
internal static class MiniLmInferenceServer
{
    public static Task<KestrelTestServer> StartAsync(OnnxModel model) => KestrelTestServer.StartAsync(app =>
    {
        app.MapGet("/v2/models/minilm", () =>
        {
            var metadata = new ModelMetadataResponse { Name = "minilm", Platform = "onnxruntime_onnx" };
            metadata.Inputs.AddRange(model.Inputs.Keys.Select(n => new ModelMetadataResponse.Types.TensorMetadata { Name = n, Datatype = "INT64", Shape = { -1, -1 } }));
            metadata.Outputs.AddRange(model.Outputs.Keys.Select(n => new ModelMetadataResponse.Types.TensorMetadata { Name = n, Datatype = "FP32", Shape = { -1, -1, -1 } }));
            return Results.Text(JsonFormatter.Default.Format(metadata), "application/json");
        });
        app.MapPost("/v2/models/minilm/infer", async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var header = context.Request.Headers[InferenceRestCodec.HeaderContentLengthName].ToString();
            var request = InferenceRestCodec.DecodeRequest(buffer.ToArray(), header.Length == 0 ? null : int.Parse(header, CultureInfo.InvariantCulture), "minilm", null);
            using var inputs = new OnnxInputs();
            for (var i = 0; i < request.Inputs.Count; i++)
            {
                var tensor = new InferenceTensor(request.Inputs[i].Name, InferenceDataType.Int64, [.. request.Inputs[i].Shape], request.RawInputContents[i].Memory);
                inputs.Add(tensor.Name, tensor.ToArray<long>(), [.. tensor.Shape]);
            }

            using var outputs = model.Run(inputs, [request.Outputs[0].Name]);
            var name = request.Outputs[0].Name;
            var response = new ModelInferResponse { ModelName = "minilm" };
            response.Outputs.Add(new ModelInferResponse.Types.InferOutputTensor { Name = name, Datatype = "FP32", Shape = { outputs.GetShape(name) } });
            response.RawOutputContents.Add(ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(outputs[name].GetTensorDataAsSpan<float>())));
            var (body, length) = InferenceRestCodec.EncodeResponse(response, request);
            if (length is { } jsonLength)
            {
                context.Response.Headers[InferenceRestCodec.HeaderContentLengthName] = jsonLength.ToString(CultureInfo.InvariantCulture);
            }

            await context.Response.Body.WriteAsync(body);
        });
    });
}
