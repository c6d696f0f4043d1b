using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Serving;

/// <summary>Chains the Serving layer's registrations: <c>.AddOnnxEmbeddings()</c>, <c>.AddInferenceClient()</c>, <c>.AddTorchServe()</c>.</summary>
public sealed class ServingBuilder
{
    internal ServingBuilder(AiPlatformBuilder platform) => Platform = platform;

    /// <summary>The platform builder this layer belongs to.</summary>
    public AiPlatformBuilder Platform { get; }

    /// <summary>The application's services.</summary>
    public IServiceCollection Services => Platform.Services;
}
