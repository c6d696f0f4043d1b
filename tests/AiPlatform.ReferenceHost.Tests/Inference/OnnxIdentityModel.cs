using AiPlatform.Sdk.Testing.Onnx;

namespace AiPlatform.ReferenceHost.Tests.Inference;

/// <summary>Writes the one-node <c>Identity</c> model of <see cref="OnnxTestModels"/> for a protocol datatype into a model repository.</summary>
internal static class OnnxIdentityModel
{
    /// <summary>ONNX's TensorProto.DataType number for each protocol datatype.</summary>
    public static readonly IReadOnlyDictionary<string, int> ElementTypes = new Dictionary<string, int>
    {
        ["FP32"] = 1, ["UINT8"] = 2, ["INT8"] = 3, ["UINT16"] = 4, ["INT16"] = 5, ["INT32"] = 6, ["INT64"] = 7, ["BYTES"] = 8,
        ["BOOL"] = 9, ["FP16"] = 10, ["FP64"] = 11, ["UINT32"] = 12, ["UINT64"] = 13, ["BF16"] = 16,
    };

    /// <summary>Writes <c>&lt;repository&gt;/&lt;name&gt;/1/model.onnx</c>.</summary>
    /// <param name="repository">The model repository folder.</param>
    /// <param name="name">The model's name.</param>
    /// <param name="datatype">The protocol datatype of input and output.</param>
    /// <param name="shape">The declared shape; -1 for a dimension the caller chooses.</param>
    public static void Write(string repository, string name, string datatype, params long[] shape) =>
        OnnxTestModels.WriteToRepository(repository, name, OnnxTestModels.Identity(ElementTypes[datatype], shape));
}
