using System.Text.Json.Serialization;
using AiPlatform.Sdk.Data.Platform.Common;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.Flume;

/// <summary>Flume's HTTP source: one POST per batch to the source's address (any path; the JSON handler reads the body).</summary>
internal interface IFlumeApi
{
    [Post("/")]
    Task SendAsync([Body] List<FlumeEvent> events, CancellationToken cancellationToken);
}

/// <summary>The <see cref="IFlumeClient"/> over Refit on the platform's HTTP pipeline.</summary>
internal sealed class FlumeClient(IFlumeApi api, ServiceCalls calls, int maxBatchSize) : IFlumeClient
{
    internal const string Service = "flume";

    public async Task<int> SendAsync(IEnumerable<FlumeEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var sent = 0;
        foreach (var batch in events.Chunk(maxBatchSize))
        {
            await calls.RunAsync("SendBatch", null, ct => api.SendAsync([.. batch], ct), cancellationToken).ConfigureAwait(false);
            sent += batch.Length;
        }

        return sent;
    }

    /// <summary>An empty batch: the source parses it and commits nothing, so it proves the agent listens without writing.</summary>
    internal Task ProbeAsync(CancellationToken cancellationToken) => calls.RunAsync("Probe", null, ct => api.SendAsync([], ct), cancellationToken);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<FlumeEvent>))]
internal sealed partial class FlumeJsonContext : JsonSerializerContext;
