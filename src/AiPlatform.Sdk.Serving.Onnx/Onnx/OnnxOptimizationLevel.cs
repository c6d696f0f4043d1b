namespace AiPlatform.Sdk.Serving.Onnx;

/// <summary>How far ONNX Runtime rewrites the graph when it loads a model.</summary>
public enum OnnxOptimizationLevel
{
    /// <summary>No graph rewrites.</summary>
    Disabled,

    /// <summary>Semantics-preserving rewrites such as constant folding.</summary>
    Basic,

    /// <summary>Basic rewrites plus operator fusions.</summary>
    Extended,

    /// <summary>Every rewrite, including layout changes; the default.</summary>
    All,
}
