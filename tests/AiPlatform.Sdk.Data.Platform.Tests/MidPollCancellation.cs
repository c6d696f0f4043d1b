using AiPlatform.Sdk.Testing;

namespace AiPlatform.Sdk.Data.Platform.Tests;

/// <summary>The cancellation-mid-poll case every long operation shares: cancelled at its third status read, the wait stops there.</summary>
internal static class MidPollCancellation
{
    /// <summary>
    /// Runs <paramref name="wait"/> against a fake whose operation never ends, cancels on the third progress report, and checks that
    /// the wait ends with <see cref="OperationCanceledException"/> after exactly three reads (GETs) of the fake.
    /// </summary>
    public static async Task AssertStopsAtThirdReadAsync<T>(KestrelTestServer server, Func<IProgress<T>, CancellationToken, Task> wait)
    {
        using var cancellation = new CancellationTokenSource();
        var reported = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait(new SynchronousProgress<T>(_ =>
        {
            if (++reported == 3)
            {
                cancellation.Cancel();
            }
        }), cancellation.Token));

        Assert.Equal(3, reported);
        Assert.Equal(3, server.Requests.Count(r => r.Method == "GET"));
    }
}
