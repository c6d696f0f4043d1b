using AiPlatform.ReferenceHost.Features;
using AiPlatform.ReferenceHost.Features.Collections;
using AiPlatform.ReferenceHost.Features.Data;
using AiPlatform.ReferenceHost.Features.Inference;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.AddAiPlatform();
builder.AddProblemResponses();
builder.AddHostTelemetry();
builder.AddHostSecurity();
builder.AddEmbeddingsFeature();
builder.AddDataFeature();
builder.AddInferenceProtocolFeature();
builder.AddCollectionsFeature();

var app = builder.Build();
app.UseProblemResponses();
app.UseHostSecurity();
app.MapHealthEndpoints();
app.MapHostTelemetry();
app.MapEmbeddingEndpoints();
app.MapDataEndpoints();
app.MapInferenceProtocol();
app.MapCollectionEndpoints();

try
{
    await app.StartAsync();
}
catch (OptionsValidationException ex)
{
    app.Logger.LogCritical("Start-up stopped: the configuration is invalid. {Failures}", string.Join(" ", ex.Failures));
    return 1;
}

app.Logger.LogInformation("AiPlatform reference host listening on {Urls}", string.Join(", ", app.Urls));
await app.WaitForShutdownAsync();
return 0;
