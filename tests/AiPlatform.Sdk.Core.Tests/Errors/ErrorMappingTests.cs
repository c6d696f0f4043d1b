using System.Net;
using AiPlatform.Sdk.Authentication;
using Grpc.Core;

namespace AiPlatform.Sdk.Core.Tests.Errors;

public sealed class ErrorMappingTests
{
    [Theory]
    [InlineData(400, typeof(AiPlatformValidationException))]
    [InlineData(401, typeof(AiPlatformUnauthorizedException))]
    [InlineData(403, typeof(AiPlatformForbiddenException))]
    [InlineData(404, typeof(AiPlatformNotFoundException))]
    [InlineData(409, typeof(AiPlatformConflictException))]
    [InlineData(429, typeof(AiPlatformThrottledException))]
    [InlineData(500, typeof(AiPlatformException))]
    public void Http_status_maps_to_the_subclass_callers_branch_on(int status, Type expected)
    {
        var error = AiPlatformErrors.FromStatus("svc", "Op", status, serverMessage: "why");

        Assert.IsType(expected, error);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("why", error.ServerMessage);
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument, 400, typeof(AiPlatformValidationException))]
    [InlineData(StatusCode.NotFound, 404, typeof(AiPlatformNotFoundException))]
    [InlineData(StatusCode.AlreadyExists, 409, typeof(AiPlatformConflictException))]
    [InlineData(StatusCode.Unauthenticated, 401, typeof(AiPlatformUnauthorizedException))]
    [InlineData(StatusCode.PermissionDenied, 403, typeof(AiPlatformForbiddenException))]
    [InlineData(StatusCode.ResourceExhausted, 429, typeof(AiPlatformThrottledException))]
    [InlineData(StatusCode.Unavailable, 503, typeof(AiPlatformException))]
    public void Grpc_status_maps_to_http_equivalent_with_the_status_name_as_error_code(StatusCode code, int http, Type expected)
    {
        var error = AiPlatformErrors.FromRpc(new RpcException(new Status(code, "model 'x' is not ready")), "triton", "ModelInfer");

        Assert.IsType(expected, error);
        Assert.Equal(http, error.StatusCode);
        Assert.Equal(code.ToString(), error.ErrorCode);
        Assert.Equal("model 'x' is not ready", error.ServerMessage);
    }

    [Fact]
    public async Task Refit_api_exception_keeps_the_server_message()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://opa/v1/data/x");
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("""{"code":"invalid_parameter","message":"input is not an object"}"""),
            RequestMessage = request,
        };
        var api = await Refit.ApiException.Create(request, HttpMethod.Get, response, new Refit.RefitSettings());

        var error = AiPlatformErrors.FromApi(api, "opa", "Evaluate");

        Assert.IsType<AiPlatformValidationException>(error);
        Assert.Equal("invalid_parameter", error.ErrorCode);
        Assert.Equal("input is not an object", error.ServerMessage);
    }

    [Fact]
    public void A_refit_request_that_got_no_answer_maps_like_the_failure_inside_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://ray-head:8265/api/jobs/");
        var unreachable = new Refit.ApiRequestException(request, HttpMethod.Get, new Refit.RefitSettings(), new HttpRequestException("Connection refused"));
        var platform = new AiPlatformUnauthorizedException("identity", "GetToken");
        var wrapped = new Refit.ApiRequestException(request, HttpMethod.Get, new Refit.RefitSettings(), platform);

        var error = Assert.IsType<AiPlatformException>(AiPlatformErrors.FromException(unreachable, "ray-jobs", "ListJobs", new Uri("http://ray-head:8265/")));

        Assert.Contains("could not be reached", error.Message);
        Assert.Contains("ray-head:8265", error.Message);
        Assert.Same(platform, AiPlatformErrors.FromException(wrapped, "ray-jobs", "ListJobs"));
    }

    [Theory]
    [InlineData("""{"type":"about:blank","title":"Bad","detail":"dimension 3 != 384"}""", "dimension 3 != 384")]
    [InlineData("""{"error":"unknown model 'm'"}""", "unknown model 'm'")]
    [InlineData("""{"errors":["permission denied"]}""", "permission denied")]
    [InlineData("""{"error":[{"message":"class 'Doc' not found"}]}""", "class 'Doc' not found")]
    [InlineData("plain text failure", "plain text failure")]
    public void Server_message_is_found_in_common_error_bodies(string body, string expected)
    {
        Assert.Equal(expected, AiPlatformErrors.ParseBody(body).Message);
    }

    [Fact]
    public void Mapping_leaves_platform_exceptions_and_cancellations_unchanged()
    {
        var platform = new AiPlatformNotFoundException("s", "o");
        var cancelled = new OperationCanceledException();

        Assert.Same(platform, AiPlatformErrors.FromException(platform, "x", "y"));
        Assert.Same(cancelled, AiPlatformErrors.FromException(cancelled, "x", "y"));
    }

    [Fact]
    public void Access_token_never_shows_its_value()
    {
        var token = new AccessToken("eyJhbGciOiJSUzI1NiJ9.secret-part", DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain("secret-part", token.ToString(), StringComparison.Ordinal);
    }
}
