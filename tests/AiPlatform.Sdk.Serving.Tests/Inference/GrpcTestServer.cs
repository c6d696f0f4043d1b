using System.Buffers.Binary;
using AiPlatform.Sdk.Testing;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AiPlatform.Sdk.Serving.Tests.Inference;

/// <summary>
/// An in-process gRPC server for contract tests: Kestrel over cleartext HTTP/2 answering the protocol's method paths
/// (<c>/inference.GRPCInferenceService/{Method}</c>) with gRPC's length-prefixed framing and status trailers, written by hand so
/// that the test checks the wire format rather than a second copy of the generated code.
/// </summary>
internal static class GrpcTestServer
{
    public static Task<KestrelTestServer> StartAsync(params (string Method, Func<byte[], Task<GrpcAnswer>> Handle)[] methods) =>
        KestrelTestServer.StartAsync(app =>
        {
            foreach (var (method, handle) in methods)
            {
                app.MapPost($"/inference.GRPCInferenceService/{method}", async context =>
                {
                    using var buffer = new MemoryStream();
                    await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
                    var frame = buffer.ToArray();
                    var length = BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(1));
                    var answer = await handle(frame.AsSpan(5, length).ToArray());
                    context.Response.ContentType = "application/grpc";
                    var status = ((int)answer.Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (answer.Message is not { } message)
                    {
                        // A failure is a trailers-only response: the status travels in the headers, as real servers send it.
                        context.Response.Headers["grpc-status"] = status;
                        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(answer.Detail ?? string.Empty);
                        return;
                    }

                    var payload = message.ToByteArray();
                    var header = new byte[5];
                    BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(1), payload.Length);
                    await context.Response.Body.WriteAsync(header, context.RequestAborted);
                    await context.Response.Body.WriteAsync(payload, context.RequestAborted);
                    context.Response.AppendTrailer("grpc-status", status);
                });
            }
        }, protocols: HttpProtocols.Http2);
}

/// <summary>What the test server answers: a message with status OK, or a status with its detail.</summary>
internal sealed record GrpcAnswer(IMessage? Message, Grpc.Core.StatusCode Status = Grpc.Core.StatusCode.OK, string? Detail = null);
