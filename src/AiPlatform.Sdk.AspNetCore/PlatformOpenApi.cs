using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace AiPlatform.Sdk.AspNetCore;

/// <summary>
/// The OpenAPI document of the mapped REST APIs (ASP.NET Core's <c>Microsoft.AspNetCore.OpenApi</c>), served at
/// <c>/openapi/v1.json</c>: the bearer security scheme on every operation that needs a caller, RFC 9457 problem responses (415 where
/// <see cref="RequestMediaTypes"/> checks the body's media type), and
/// examples for the bodies that handlers read themselves (embeddings, inference, events), so that a client can be generated from it.
/// </summary>
internal static class PlatformOpenApi
{
    public const string DocumentName = "v1";
    private const string BearerScheme = "Bearer";
    private const string ProblemSchema = "ProblemDetails";
    private const string ProblemMediaType = "application/problem+json";
    private const string ProtocolErrorSchema = "InferenceError";

    public static void Add(WebApplicationBuilder builder) => builder.Services.AddOpenApi(DocumentName, options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "AiPlatform",
                Version = DocumentName,
                Description = "Objects, events, embeddings, the Open Inference Protocol (KServe v2) and semantic collections. " +
                              "Errors are RFC 9457 problem documents.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from the configured OpenID provider (or the development issuer at /connect/token).",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = Problem();
            document.Components.Schemas[ProtocolErrorSchema] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "An Open Inference Protocol error (KServe v2): the protocol's own error body.",
                Properties = new Dictionary<string, IOpenApiSchema> { ["error"] = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var path = context.Description.RelativePath ?? string.Empty;
            var method = context.Description.HttpMethod ?? string.Empty;
            operation.Responses ??= new OpenApiResponses();
            if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                AddProblem(operation, context.Document, "401", "No valid bearer token.");
                AddProblem(operation, context.Document, "403", "The caller lacks the role, the policy decision or the object permission.");
            }

            if (path.StartsWith("v2", StringComparison.Ordinal))
            {
                // The protocol's handlers answer their own error body, as Triton and KServe do; authorization and crashes stay problems.
                operation.Responses.TryAdd("400", new OpenApiResponse
                {
                    Description = "The request does not fit the model or the protocol; 'error' names what is wrong.",
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(ProtocolErrorSchema, context.Document) } },
                });
            }
            else if (method is "POST" or "PUT")
            {
                AddProblem(operation, context.Document, "400", "The request is malformed; the problem's detail names what is wrong.");
            }

            if (method is "POST" or "PUT" && RequestMediaTypes.AcceptedBy(context.Description.ActionDescriptor.EndpointMetadata) is { } accepted)
            {
                AddProblem(operation, context.Document, "415",
                    $"The body is not {string.Join(" or ", accepted)}; the problem names the media type sent ('mediaType') and those accepted ('accepted').");
            }

            AddProblem(operation, context.Document, "500", "An unexpected failure; the detail carries no internals.");
            AddExample(operation, path, method);
            return Task.CompletedTask;
        });
    });

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument? document, string status, string description) =>
        operation.Responses!.TryAdd(status, new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) } },
        });

    private static void AddExample(OpenApiOperation operation, string path, string method)
    {
        if (method != "POST")
        {
            return;
        }

        var example = path switch
        {
            "v1/embeddings" => """{"input":["The cat sat on the mat.","A dog barked."],"model":"all-MiniLM-L6-v2","encoding_format":"float"}""",
            _ when path.StartsWith("v2/models/", StringComparison.Ordinal) && path.EndsWith("/infer", StringComparison.Ordinal) =>
                """{"id":"42","inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[0.1,0.2,0.3,0.4]}],"outputs":[{"name":"output"}]}""",
            _ when path.StartsWith("v1/events/", StringComparison.Ordinal) => """{"orderId":"A-1001","status":"shipped"}""",
            _ => null,
        };
        if (example is null)
        {
            return;
        }

        // These handlers read the body themselves, so the document learns its shape here.
        operation.RequestBody ??= new OpenApiRequestBody { Required = true };
        var body = (OpenApiRequestBody)operation.RequestBody;
        body.Content ??= new Dictionary<string, OpenApiMediaType>();
        if (!body.Content.TryGetValue("application/json", out var media))
        {
            body.Content["application/json"] = media = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } };
        }

        media.Example = JsonNode.Parse(example);
    }

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem document.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
        },
    };
}
