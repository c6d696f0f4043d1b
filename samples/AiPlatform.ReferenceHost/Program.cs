using AiPlatform.Sdk;
using AiPlatform.ReferenceHost;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.AddAiPlatform().AddOps();
builder.AddBundledEmbeddingModel();
builder.AddPlatformServer();

var app = builder.Build();
app.UsePlatformSecurity();
app.MapPlatformServer();

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
