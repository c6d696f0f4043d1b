using System.Net;
using Microsoft.Extensions.Http.Resilience;

namespace AiPlatform.Sdk.Data.Platform.KafkaConnect;

/// <summary>
/// Kafka Connect answers 409 while its workers rebalance or its configuration is stale ("Cannot complete request momentarily ...",
/// "Cannot complete request because of a conflicting operation ...", HerderRequestHandler in apache/kafka). Such a request was never
/// applied, so it is retried with the platform's back-off whatever its verb; a 409 for a name already taken is not.
/// </summary>
internal static class RebalanceRetry
{
    private const string Marker = "Cannot complete request";

    public static void Apply(HttpStandardResilienceOptions resilience)
    {
        var otherwise = resilience.Retry.ShouldHandle;
        resilience.Retry.ShouldHandle = async args =>
            args.Outcome.Result is { StatusCode: HttpStatusCode.Conflict } response
                ? await IsRebalanceAsync(response, args.Context.CancellationToken).ConfigureAwait(false)
                : await otherwise(args).ConfigureAwait(false);
    }

    internal static async Task<bool> IsRebalanceAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Buffered, so that the caller can still read the body of a 409 that is not retried.
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return body.Contains(Marker, StringComparison.OrdinalIgnoreCase) || body.Contains("rebalance", StringComparison.OrdinalIgnoreCase);
    }
}
