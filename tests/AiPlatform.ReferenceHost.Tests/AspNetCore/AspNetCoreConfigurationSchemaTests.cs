using AiPlatform.Sdk.Testing.ConfigurationSchema;
using Microsoft.AspNetCore.Builder;

namespace AiPlatform.ReferenceHost.Tests.AspNetCore;

/// <summary>The schema of the server's own section, <c>AiPlatform:Server</c>; its settings classes are internal, so they are found by name.</summary>
public sealed class AspNetCoreConfigurationSchemaTests : ConfigurationSchemaTests
{
    protected override string Package => "AiPlatform.Sdk.AspNetCore";

    protected override IReadOnlyList<SettingsSection> Sections { get; } =
    [
        new("Server:Authentication", false, Settings("Security.ServerAuthenticationSettings")),
        new("Server:Inference", false, Settings("Inference.InferenceServerSettings")),
        new("Server:Embeddings", false, Settings("EmbeddingsEndpointSettings")),
    ];

    private static Type Settings(string name) =>
        typeof(PlatformServerBuilderExtensions).Assembly.GetType($"AiPlatform.Sdk.AspNetCore.{name}", throwOnError: true)!;
}
