using System.Net;
using AiPlatform.Sdk.Data.ObjectStore;
using Minio.DataModel.Result;

namespace AiPlatform.Sdk.Data.Tests.ObjectStore;

public sealed class S3RetryPolicyTests
{
    [Fact]
    public async Task Transient_answers_are_retried_until_one_succeeds()
    {
        var attempts = 0;

        var result = await new S3RetryPolicy(3).ExecuteAsync(() =>
            Task.FromResult(Answer(++attempts < 3 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK)));

        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Connection_failures_are_retried_and_the_last_one_surfaces()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<HttpRequestException>(() => new S3RetryPolicy(2).ExecuteAsync(() =>
        {
            attempts++;
            throw new HttpRequestException("connection refused");
        }));

        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        var attempts = 0;

        var result = await new S3RetryPolicy(3).ExecuteAsync(() => { attempts++; return Task.FromResult(Answer(HttpStatusCode.Forbidden)); });

        Assert.Equal(HttpStatusCode.Forbidden, result.StatusCode);
        Assert.Equal(1, attempts);
    }

    private static ResponseResult Answer(HttpStatusCode status) =>
        new(new HttpRequestMessage(HttpMethod.Put, "http://s3.test/bucket/key?partNumber=1"), new HttpResponseMessage(status));
}
