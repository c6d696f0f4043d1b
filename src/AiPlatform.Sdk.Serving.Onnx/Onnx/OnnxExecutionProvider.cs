namespace AiPlatform.Sdk.Serving.Onnx;

/// <summary>Where ONNX Runtime runs a model. Providers other than <see cref="Cpu"/> need their runtime package in the application.</summary>
public enum OnnxExecutionProvider
{
    /// <summary>The CPU provider that every ONNX Runtime package contains.</summary>
    Cpu,

    /// <summary>NVIDIA CUDA; needs <c>Microsoft.ML.OnnxRuntime.Gpu</c> and a CUDA-capable device.</summary>
    Cuda,

    /// <summary>Intel OpenVINO; needs <c>Intel.ML.OnnxRuntime.OpenVino</c>.</summary>
    OpenVino,
}
