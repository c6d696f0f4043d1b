using System.Globalization;
using AiPlatform.Sdk;
using AiPlatform.Sdk.Training.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Arguments: the data folder, the run id to log into. Prints "acked {batch}" after each LogBatchAsync returns.
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AiPlatform:DataPath"] = args[0] }).Build();
var services = new ServiceCollection().AddLogging();
services.AddAiPlatformCore(configuration).AddTraining();
await using var provider = services.BuildServiceProvider();
var tracker = provider.GetRequiredService<IExperimentTracker>();

for (var batch = 0; ; batch++)
{
    var metrics = Enumerable.Range(0, 50).Select(i => new Metric("loss", (batch * 50) + i, DateTimeOffset.UtcNow, (batch * 50) + i)).ToList();
    await tracker.LogBatchAsync(args[1], metrics, tags: new Dictionary<string, string> { ["last_batch"] = batch.ToString(CultureInfo.InvariantCulture) });
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"acked {batch}"));
}
