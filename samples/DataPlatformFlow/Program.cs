using AiPlatform.Sdk;
using AiPlatform.Sdk.Data.Platform.Airflow;
using DataPlatformFlow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddAiPlatformCore(builder.Configuration).AddPlatformFlow();
using var host = builder.Build();

var options = builder.Configuration.GetSection("Flow").Get<PlatformFlowOptions>() ?? new PlatformFlowOptions();
try
{
    var result = await host.Services.GetRequiredService<PlatformFlow>().RunAsync(
        options, new SizePreAnnotator(threshold: 100_000), new Progress<DagRun>(r => Console.WriteLine($"run {r.RunId}: {r.State}")));
    Console.WriteLine($"project {result.ProjectId}: {result.TaskIds.Count} tasks with pre-annotations");
    Console.WriteLine($"dataset {result.DatasetPath} ({result.Dataset.Size} bytes, md5 {result.Md5})");
    Console.WriteLine($"run {result.Run.RunId} of {options.DagId}: {result.Run.State}");
    return result.Run.State == DagRunState.Success ? 0 : 1;
}
catch (AiPlatformException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
