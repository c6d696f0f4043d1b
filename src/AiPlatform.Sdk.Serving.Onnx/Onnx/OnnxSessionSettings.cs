using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Serving.Onnx;

/// <summary>How ONNX Runtime loads and runs a model: threads, graph optimisation and execution provider.</summary>
public class OnnxSessionSettings : AiPlatformClientSettings
{
    /// <summary>Threads one run may use inside an operator; 0 lets ONNX Runtime choose (one per physical core).</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }

    /// <summary>Threads that run independent operators in parallel; 0 runs operators one after another.</summary>
    [Range(0, 1024)]
    public int InterOpThreads { get; set; }

    /// <summary>How far the graph is optimised when loaded; default <see cref="OnnxOptimizationLevel.All"/>.</summary>
    public OnnxOptimizationLevel OptimizationLevel { get; set; } = OnnxOptimizationLevel.All;

    /// <summary>Where the model runs; default <see cref="OnnxExecutionProvider.Cpu"/>. A provider whose runtime package is missing fails the load.</summary>
    public OnnxExecutionProvider ExecutionProvider { get; set; } = OnnxExecutionProvider.Cpu;

    /// <summary>Whether the weights are quantized when the model loads; default <see cref="OnnxWeightQuantization.None"/>.</summary>
    public OnnxWeightQuantization WeightQuantization { get; set; } = OnnxWeightQuantization.None;

    /// <summary>The device index for <see cref="OnnxExecutionProvider.Cuda"/>.</summary>
    [Range(0, 64)]
    public int DeviceId { get; set; }
}
