using AiPlatform.Sdk.Serving.Onnx;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Serving;

/// <summary>Registers local ONNX inference.</summary>
public static class ServingBuilderOnnxExtensions
{
    /// <summary>
    /// Registers the application's <see cref="OnnxModelRegistry"/> (one shared session per model file), whose default session settings
    /// bind from <c>AiPlatform:Serving:Onnx</c> (<c>IntraOpThreads</c>, <c>InterOpThreads</c>, <c>OptimizationLevel</c>, <c>ExecutionProvider</c>, <c>DeviceId</c>).
    /// </summary>
    /// <param name="serving">The Serving builder.</param>
    /// <param name="configure">Code-first changes to the default session settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static ServingBuilder AddOnnxModels(this ServingBuilder serving, Action<OnnxSessionSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(serving);
        AddOnnxModels(serving.Platform, configure);
        return serving;
    }

    internal static void AddOnnxModels(AiPlatformBuilder platform, Action<OnnxSessionSettings>? configure)
    {
        platform.AddSettings("Serving:Onnx", configure);
        platform.Services.TryAddSingleton(sp => new OnnxModelRegistry(sp.GetRequiredService<IOptions<OnnxSessionSettings>>().Value));
    }
}
