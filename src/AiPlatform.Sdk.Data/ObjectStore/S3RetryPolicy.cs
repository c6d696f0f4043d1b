using System.Net;
using Minio.DataModel.Result;

namespace AiPlatform.Sdk.Data.ObjectStore;

/// <summary>Retries one S3 request (a single part of a multipart upload included) on connection failures and 5xx answers, with exponential backoff.</summary>
internal sealed class S3RetryPolicy(int maxRetries)
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);

    public async Task<ResponseResult> ExecuteAsync(Func<Task<ResponseResult>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var result = await call().ConfigureAwait(false);
                if (attempt >= maxRetries || !IsTransient(result.StatusCode))
                {
                    return result;
                }

                result.Dispose();
            }
            catch (HttpRequestException) when (attempt < maxRetries)
            {
                // A connection failure: try again after the backoff.
            }

            await Task.Delay(BaseDelay * Math.Pow(2, attempt)).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
            or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
