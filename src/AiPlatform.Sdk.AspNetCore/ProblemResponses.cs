using Microsoft.AspNetCore.Diagnostics;

namespace AiPlatform.Sdk.AspNetCore;

/// <summary>
/// Every error answer carries a problem body (RFC 9457) naming the problem: bodies the framework refuses while binding (malformed
/// JSON: 400) say why, empty 4xx answers get a body, and an unexpected failure is a 500 problem without internals. A body of a
/// media type the endpoint does not read is refused before binding, by <see cref="RequestMediaTypes"/> (415).
/// </summary>
internal static class ProblemResponses
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();

        // Binding failures throw (instead of answering an empty 400), so that the handler below can say what was wrong.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestHandler>();

        // Bodies sent with Content-Encoding gzip, deflate or br are decompressed within the same body size limits.
        builder.Services.AddRequestDecompression();
    }

    public static void Use(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestDecompression();
    }

    /// <summary>Answers the framework's <see cref="BadHttpRequestException"/> with its status and the reason, the inner one included.</summary>
    private sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad)
            {
                return false;
            }

            httpContext.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails =
                {
                    Status = bad.StatusCode,
                    Title = "Invalid request",
                    Detail = bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message,
                },
            });
        }
    }
}
