using AiPlatform.Sdk.Data.Platform.SparkConnect.Protocol;
using Grpc.Core;

namespace AiPlatform.Sdk.Data.Platform.SparkConnect;

/// <summary>
/// The response stream of one reattachable execution. A stream that breaks in transit, or that the server ends before
/// <c>ResultComplete</c> (Spark rotates long streams), is continued with <c>ReattachExecute</c> after the last response received; the
/// execution is released (<c>ReleaseExecute</c>, <c>ReleaseAll</c>) when it is disposed, which also stops it on the server when it was
/// abandoned.
/// </summary>
internal sealed class ReattachableExecution(
    SparkConnectService.SparkConnectServiceClient grpc,
    ExecutePlanRequest request,
    int maxReattachAttempts,
    Func<Exception, Exception> map,
    TimeProvider time,
    CancellationToken cancellationToken) : IAsyncDisposable
{
    // Release is best effort: a server that does not answer in this time drops the execution with the session anyway.
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(10);

    private AsyncServerStreamingCall<ExecutePlanResponse>? _call;
    private string? _lastResponseId;
    private bool _complete;

    /// <summary>The mapped failure the stream ended with, if any.</summary>
    public Exception? Error { get; private set; }

    /// <summary>How many times the stream was reattached.</summary>
    public int Reattachments { get; private set; }

    /// <summary>The next response, or <see langword="null"/> after the one that completed the result.</summary>
    public async Task<ExecutePlanResponse?> NextAsync()
    {
        _call ??= grpc.ExecutePlan(request, cancellationToken: cancellationToken);
        var attempts = 0;
        while (true)
        {
            string? reason;
            try
            {
                if (await _call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    var response = _call.ResponseStream.Current;
                    if (response.ResponseId.Length > 0)
                    {
                        _lastResponseId = response.ResponseId;
                    }

                    _complete |= response.ResponseTypeCase == ExecutePlanResponse.ResponseTypeOneofCase.ResultComplete;
                    return response;
                }

                if (_complete)
                {
                    return null;
                }

                reason = "the server ended the stream before the result was complete";
            }
            catch (RpcException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (RpcException ex) when (IsDropped(ex) && attempts < maxReattachAttempts)
            {
                reason = ex.Status.Detail;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Error = map(ex);
                if (ReferenceEquals(Error, ex))
                {
                    throw;
                }

                throw Error;
            }

            if (attempts++ >= maxReattachAttempts)
            {
                Error = new AiPlatformException(SparkConnectClient.Service, "ExecutePlan",
                    $"{SparkConnectClient.Service} ExecutePlan: {reason} and it was reattached {maxReattachAttempts} times without progress", errorCode: "IncompleteResult");
                throw Error;
            }

            _call.Dispose();
            Reattachments++;
            _call = grpc.ReattachExecute(Reattach(), cancellationToken: cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_call is null)
        {
            return;
        }

        _call.Dispose();
        try
        {
            await grpc.ReleaseExecuteAsync(new ReleaseExecuteRequest
            {
                SessionId = request.SessionId,
                UserContext = request.UserContext,
                OperationId = request.OperationId,
                ClientType = request.ClientType,
                ReleaseAll = new ReleaseExecuteRequest.Types.ReleaseAll(),
            }, deadline: time.GetUtcNow().UtcDateTime + ReleaseTimeout).ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // The execution failed or the server went away: either way it holds nothing more for this client.
        }
    }

    private ReattachExecuteRequest Reattach()
    {
        var reattach = new ReattachExecuteRequest
        {
            SessionId = request.SessionId,
            UserContext = request.UserContext,
            OperationId = request.OperationId,
            ClientType = request.ClientType,
        };
        if (_lastResponseId is not null)
        {
            reattach.LastResponseId = _lastResponseId;
        }

        if (request.HasClientObservedServerSideSessionId)
        {
            reattach.ClientObservedServerSideSessionId = request.ClientObservedServerSideSessionId;
        }

        return reattach;
    }

    /// <summary>
    /// A stream broken in transit (the client saw the connection fail rather than a status the server sent), an unavailable server,
    /// or Spark's own signal that another attachment took the stream over.
    /// </summary>
    private static bool IsDropped(RpcException exception) =>
        exception.StatusCode == StatusCode.Unavailable ||
        (exception.Status.DebugException is IOException or HttpRequestException && exception.StatusCode is StatusCode.Internal or StatusCode.Unknown or StatusCode.Cancelled) ||
        exception.Status.Detail.Contains("INVALID_CURSOR.DISCONNECTED", StringComparison.Ordinal);
}
