using AiPlatform.Sdk.Serving;
using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>
/// Serves the Open Inference Protocol (KServe v2 / Triton) for the model repository: REST on the host's URLs (bodies may be sent with
/// <c>Content-Encoding: gzip</c> or <c>deflate</c>, as tritonclient can), the standard gRPC health service, and gRPC
/// (<c>inference.GRPCInferenceService</c>) on <c>AiPlatform:Server:Inference:GrpcPort</c> over cleartext HTTP/2.
/// </summary>
internal static class InferenceProtocolFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(InferenceServerSettings.SectionPath);
        builder.Services.AddOptions<InferenceServerSettings>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var settings = section.Get<InferenceServerSettings>() ?? new InferenceServerSettings();
        builder.Services.AddAiPlatformCore(builder.Configuration).AddServing().AddOnnxModels();
        builder.Services.AddSingleton<ModelRepository>();
        builder.Services.AddSingleton<InferenceExecutor>();
        builder.Services.AddSingleton<InferenceAdmission>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, settings.MaxRequestBytes);
            o.MaxSendMessageSize = null;
        });
        builder.Services.AddHealthChecks().AddCheck<InferenceServerHealthCheck>("inference-server", tags: [InferenceServerHealthCheck.Tag]);
        builder.Services.AddGrpcHealthChecks(o =>
        {
            // The overall service ("") and the protocol's service name, as Triton answers both.
            o.Services.Map(string.Empty, r => r.Tags.Contains(InferenceServerHealthCheck.Tag));
            o.Services.Map("inference.GRPCInferenceService", r => r.Tags.Contains(InferenceServerHealthCheck.Tag));
        });
        if (settings.GrpcPort is { } grpcPort)
        {
            ListenWithGrpcPort(builder, grpcPort);
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGrpcService<InferenceGrpcService>().RequireAuthorization(ServerPolicies.Read);
        app.MapGrpcHealthChecksService().AllowAnonymous();
        InferenceRestEndpoints.Map(app);
    }

    // Explicit listen options replace the host's URLs, so the URLs are bound again here (HTTP/1.1 and HTTP/2 as before) next to
    // the HTTP/2-only gRPC port, on the same addresses.
    private static void ListenWithGrpcPort(WebApplicationBuilder builder, int grpcPort)
    {
        var urls = (builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? "http://localhost:5000")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(BindingAddress.Parse)
            .ToList();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in urls)
            {
                Listen(kestrel, url.Host, url.Port, HttpProtocols.Http1AndHttp2, url.Scheme == "https");
            }

            Listen(kestrel, urls.Count > 0 ? urls[0].Host : "localhost", grpcPort, HttpProtocols.Http2, https: false);
        });
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port, HttpProtocols protocols, bool https)
    {
        void Configure(ListenOptions options)
        {
            options.Protocols = protocols;
            if (https)
            {
                options.UseHttps();
            }
        }

        if (host is "*" or "+" or "0.0.0.0" or "[::]")
        {
            kestrel.ListenAnyIP(port, Configure);
        }
        else if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(port, Configure);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(host.Trim('[', ']')), port, Configure);
        }
    }
}
