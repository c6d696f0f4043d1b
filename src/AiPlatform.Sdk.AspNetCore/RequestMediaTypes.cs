using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace AiPlatform.Sdk.AspNetCore;

/// <summary>
/// The request media types of every endpoint the platform maps, checked in one place: a request whose body (POST, PUT, PATCH,
/// DELETE) declares a media type the endpoint does not read gets 415 with a problem body naming the type it sent and the types
/// accepted. Bodies are JSON (<c>application/json</c> or any <c>+json</c> type) unless the endpoint declares more
/// (<see cref="AlsoAccepts{TBuilder}"/>, such as the inference protocol's <c>application/octet-stream</c>) or any type
/// (<see cref="AcceptsAnyMediaType{TBuilder}"/>, for raw bytes such as objects). A body without a <c>Content-Type</c> is read as
/// JSON, as Triton reads it (<c>tritonclient</c> sends none). gRPC endpoints are left to gRPC.
/// </summary>
/// <remarks>
/// ASP.NET Core's own check (the content-type matcher policy over <see cref="IAcceptsMetadata"/>) drops an endpoint whose declared
/// types do not match, which answers 404 where another method shares the route, or an empty 415; so the convention takes the
/// declarations off the endpoint and answers here instead.
/// </remarks>
internal static class RequestMediaTypes
{
    private const string JsonMediaType = "application/json";
    private const string AnyMediaType = "*/*";

    /// <summary>Checks the request media type of every endpoint mapped into <paramref name="group"/>, its nested groups included.</summary>
    /// <param name="group">The group of a platform feature.</param>
    public static void Enforce(IEndpointConventionBuilder group) => group.Finally(Apply);

    /// <summary>Declares media types the endpoint reads besides JSON.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="mediaTypes">Media types such as <c>application/octet-stream</c>.</param>
    /// <returns>The same endpoint.</returns>
    public static TBuilder AlsoAccepts<TBuilder>(this TBuilder endpoint, params string[] mediaTypes)
        where TBuilder : IEndpointConventionBuilder => endpoint.WithMetadata(new DeclaredMediaTypes(mediaTypes));

    /// <summary>Declares that the endpoint reads bodies of any media type (raw bytes it stores as they come).</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <returns>The same endpoint.</returns>
    public static TBuilder AcceptsAnyMediaType<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder => endpoint.AlsoAccepts(AnyMediaType);

    /// <summary>The media types an endpoint's body may have, or <see langword="null"/> where its media type is not checked.</summary>
    /// <param name="metadata">The endpoint's metadata.</param>
    /// <returns>The accepted media types, JSON first.</returns>
    public static IReadOnlyList<string>? AcceptedBy(IEnumerable<object> metadata) => metadata.OfType<Checked>().LastOrDefault()?.Accepted;

    private static void Apply(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault() is not { } methods || !methods.HttpMethods.Any(CarriesBody) ||
            endpoint.Metadata.Any(m => m is GrpcMethodMetadata))
        {
            return;
        }

        var declared = endpoint.Metadata.OfType<IAcceptsMetadata>().SelectMany(a => a.ContentTypes)
            .Concat(endpoint.Metadata.OfType<DeclaredMediaTypes>().SelectMany(a => a.MediaTypes))
            .ToList();
        if (declared.Contains(AnyMediaType))
        {
            return;
        }

        var accepted = declared.Prepend(JsonMediaType).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var types = accepted.Select(t => MediaTypeHeaderValue.Parse(t)).ToArray();
        foreach (var metadata in endpoint.Metadata.OfType<IAcceptsMetadata>().ToList())
        {
            endpoint.Metadata.Remove(metadata);
        }

        var next = endpoint.RequestDelegate ?? throw new InvalidOperationException($"The endpoint {endpoint.DisplayName} has no request delegate.");
        endpoint.RequestDelegate = context => Admits(context.Request, types) ? next(context) : RefuseAsync(context, accepted);
        endpoint.Metadata.Add(new Checked(accepted));
    }

    private static bool CarriesBody(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static bool Admits(HttpRequest request, MediaTypeHeaderValue[] accepted)
    {
        if (!CarriesBody(request.Method))
        {
            return true;
        }

        if (string.IsNullOrEmpty(request.ContentType))
        {
            // Read as JSON, by the handlers that parse the body themselves and by the framework's binding alike.
            request.ContentType = JsonMediaType;
            return true;
        }

        return request.HasJsonContentType() ||
               (MediaTypeHeaderValue.TryParse(request.ContentType, out var sent) && accepted.Any(sent.IsSubsetOf));
    }

    private static Task RefuseAsync(HttpContext context, string[] accepted)
    {
        var sent = context.Request.ContentType;
        return Results.Problem(
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: "Unsupported media type",
            detail: $"The request body is '{sent}'; this endpoint reads {string.Join(" or ", accepted)} (a body without a Content-Type is read as JSON).",
            extensions: new Dictionary<string, object?> { ["mediaType"] = sent, ["accepted"] = accepted })
            .ExecuteAsync(context);
    }

    /// <summary>Media types an endpoint declares it reads besides JSON.</summary>
    private sealed record DeclaredMediaTypes(IReadOnlyList<string> MediaTypes);

    /// <summary>Marks an endpoint whose request media type is checked, with the types it accepts.</summary>
    private sealed record Checked(IReadOnlyList<string> Accepted);
}
