namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>The result of an inference call.</summary>
/// <param name="ModelName">The model that answered.</param>
/// <param name="ModelVersion">The version that answered.</param>
/// <param name="Id">The request's identifier, echoed.</param>
/// <param name="Outputs">The output tensors.</param>
/// <param name="Parameters">Response parameters the server sent.</param>
public sealed record InferenceResponse(
    string ModelName,
    string? ModelVersion,
    string? Id,
    IReadOnlyList<InferenceTensor> Outputs,
    IReadOnlyDictionary<string, object> Parameters)
{
    /// <summary>Returns the output named <paramref name="name"/>.</summary>
    /// <param name="name">The output's name.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="KeyNotFoundException">The response has no such output.</exception>
    public InferenceTensor GetOutput(string name) =>
        Outputs.FirstOrDefault(o => o.Name == name) ?? throw new KeyNotFoundException($"The response of '{ModelName}' has no output '{name}'.");
}
