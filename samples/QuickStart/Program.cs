// A business application using the AiPlatform SDK the way a customer does: from NuGet, one registration, typed services.
// Everything runs in-process on embedded defaults; set a configuration section to move a part to its distributed system.
using AiPlatform.Sdk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration["AiPlatform:DataPath"] = Path.Combine(Path.GetTempPath(), "aiplatform-quickstart");
builder.AddAiPlatform();

using var host = builder.Build();
await host.StartAsync();

var options = host.Services.GetRequiredService<IOptions<AiPlatformOptions>>().Value;
Console.WriteLine($"AiPlatform ready; embedded data in {options.DataPath}");

await host.StopAsync();
return 0;
