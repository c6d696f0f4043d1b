using Microsoft.ML.OnnxRuntime;

namespace AiPlatform.Sdk.Serving.Onnx;

/// <summary>Turns <see cref="OnnxSessionSettings"/> into ONNX Runtime session options.</summary>
internal static class OnnxSessionOptionsFactory
{
    public static SessionOptions Create(string modelName, OnnxSessionSettings settings)
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = settings.IntraOpThreads,
            InterOpNumThreads = settings.InterOpThreads,
            ExecutionMode = settings.InterOpThreads > 1 ? ExecutionMode.ORT_PARALLEL : ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = settings.OptimizationLevel switch
            {
                OnnxOptimizationLevel.Disabled => GraphOptimizationLevel.ORT_DISABLE_ALL,
                OnnxOptimizationLevel.Basic => GraphOptimizationLevel.ORT_ENABLE_BASIC,
                OnnxOptimizationLevel.Extended => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
            },
        };
        try
        {
            AppendProvider(modelName, options, settings);
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private static void AppendProvider(string modelName, SessionOptions options, OnnxSessionSettings settings)
    {
        var (providerName, append) = settings.ExecutionProvider switch
        {
            OnnxExecutionProvider.Cuda => ("CUDAExecutionProvider", (Action)(() => options.AppendExecutionProvider_CUDA(settings.DeviceId))),
            OnnxExecutionProvider.OpenVino => ("OpenVINOExecutionProvider", () => options.AppendExecutionProvider_OpenVINO()),
            _ => ((string?)null, (Action?)null),
        };
        if (providerName is null || append is null)
        {
            return;
        }

        if (!OrtEnv.Instance().GetAvailableProviders().Contains(providerName, StringComparer.Ordinal))
        {
            throw new OnnxModelException(modelName, "Load", OnnxModelException.InvalidModel,
                $"Model '{modelName}' is configured for {providerName}, which this ONNX Runtime does not contain; add the provider's runtime package or use Cpu.");
        }

        try
        {
            append();
        }
        catch (OnnxRuntimeException ex)
        {
            throw new OnnxModelException(modelName, "Load", OnnxModelException.InvalidModel,
                $"Model '{modelName}' could not start {providerName}: {ex.Message}", innerException: ex);
        }
    }
}
