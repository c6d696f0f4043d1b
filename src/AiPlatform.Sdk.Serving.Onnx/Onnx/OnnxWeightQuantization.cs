namespace AiPlatform.Sdk.Serving.Onnx;

/// <summary>Whether the SDK rewrites a model's weights to a lower precision when it loads the model.</summary>
public enum OnnxWeightQuantization
{
    /// <summary>The model runs as it is stored; the default.</summary>
    None,

    /// <summary>
    /// Dynamic int8 quantization: every <c>MatMul</c> whose second input is a float weight (except contracting projections such as a transformer's feed-forward output) becomes <c>DynamicQuantizeLinear</c> +
    /// <c>MatMulInteger</c> with that weight quantized to int8 per output column. Faster on CPUs with integer dot-product instructions;
    /// results are close to, not equal to, the float model's.
    /// </summary>
    DynamicInt8,
}
