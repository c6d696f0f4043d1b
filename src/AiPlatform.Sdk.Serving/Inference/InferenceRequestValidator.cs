namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>Checks a request's inputs and requested outputs against the model's metadata before anything is sent.</summary>
internal static class InferenceRequestValidator
{
    public static void Validate(ModelMetadata metadata, InferenceRequest request)
    {
        foreach (var input in request.Inputs)
        {
            var declared = metadata.Inputs.FirstOrDefault(i => i.Name == input.Name)
                ?? throw Invalid($"model '{metadata.Name}' has no input '{input.Name}' (inputs: {string.Join(", ", metadata.Inputs.Select(i => i.Name))})");
            if (declared.Datatype != input.Datatype)
            {
                throw Invalid($"input '{input.Name}' of model '{metadata.Name}' is {declared.Datatype}, not {input.Datatype}");
            }

            if (!Fits(declared.Shape, input.Shape))
            {
                throw Invalid($"input '{input.Name}' of model '{metadata.Name}' has shape [{string.Join(',', declared.Shape)}], " +
                                        $"not [{string.Join(',', input.Shape)}]");
            }
        }

        foreach (var output in request.Outputs)
        {
            if (metadata.Outputs.All(o => o.Name != output.Name))
            {
                throw Invalid($"model '{metadata.Name}' has no output '{output.Name}' (outputs: {string.Join(", ", metadata.Outputs.Select(o => o.Name))})");
            }
        }
    }

    private static bool Fits(IReadOnlyList<long> declared, IReadOnlyList<long> actual)
    {
        if (declared.Count != actual.Count)
        {
            return false;
        }

        for (var i = 0; i < declared.Count; i++)
        {
            if (declared[i] >= 0 && declared[i] != actual[i])
            {
                return false;
            }
        }

        return true;
    }

    private static AiPlatformValidationException Invalid(string problem) =>
        new(RestInferenceTransport.Service, "ModelInfer", $"inference ModelInfer rejected before sending: {problem}.", errorCode: "InvalidArgument");
}
