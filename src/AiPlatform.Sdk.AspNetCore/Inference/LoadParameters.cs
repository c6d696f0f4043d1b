namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>The parameters of a model load request (Triton's model repository extension): <c>config</c> is applied, others refused.</summary>
internal static class LoadParameters
{
    public const string Config = "config";

    /// <summary>The configuration override, or <see langword="null"/>; a parameter this server does not apply fails the load clearly.</summary>
    /// <exception cref="InferenceProtocolException">A parameter other than <c>config</c> was given (model files by <c>file:</c> included).</exception>
    public static string? ConfigOverride(string model, IReadOnlyDictionary<string, string?> parameters)
    {
        if (parameters.Keys.FirstOrDefault(k => k != Config) is { } unsupported)
        {
            throw InferenceProtocolException.Invalid(
                $"failed to load '{model}': the load parameter '{unsupported}' is not supported; only '{Config}' (a model configuration in JSON) is applied");
        }

        return parameters.GetValueOrDefault(Config);
    }
}
