namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>
/// A client of an Open Inference Protocol (KServe v2) server such as Triton, KServe or the reference host, over gRPC or REST as
/// configured. Thread-safe. Failures surface as <see cref="AiPlatformException"/> subclasses carrying the server's message.
/// </summary>
public interface IInferenceClient
{
    /// <summary>Asks whether the server is live.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    /// <exception cref="AiPlatformException">The server could not be reached or failed.</exception>
    Task<bool> IsServerLiveAsync(CancellationToken cancellationToken = default);

    /// <summary>Asks whether the server is ready to serve.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    /// <exception cref="AiPlatformException">The server could not be reached or failed.</exception>
    Task<bool> IsServerReadyAsync(CancellationToken cancellationToken = default);

    /// <summary>Asks whether a model is ready.</summary>
    /// <param name="modelName">The model; <see langword="null"/> for the default model.</param>
    /// <param name="modelVersion">The version; <see langword="null"/> lets the server choose.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    /// <exception cref="AiPlatformException">The server could not be reached or failed.</exception>
    Task<bool> IsModelReadyAsync(string? modelName = null, string? modelVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Reads the server's metadata.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="AiPlatformException">The call failed.</exception>
    Task<ServerMetadata> GetServerMetadataAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads a model's metadata.</summary>
    /// <param name="modelName">The model; <see langword="null"/> for the default model.</param>
    /// <param name="modelVersion">The version; <see langword="null"/> lets the server choose.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="AiPlatformNotFoundException">The model does not exist.</exception>
    Task<ModelMetadata> GetModelMetadataAsync(string? modelName = null, string? modelVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a model's configuration (Triton's model configuration extension).</summary>
    /// <param name="modelName">The model; <see langword="null"/> for the default model.</param>
    /// <param name="modelVersion">The version; <see langword="null"/> lets the server choose.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="AiPlatformNotFoundException">The model does not exist.</exception>
    Task<ModelConfiguration> GetModelConfigAsync(string? modelName = null, string? modelVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Reads inference statistics (Triton's statistics extension).</summary>
    /// <param name="modelName">The model; <see langword="null"/> or empty for every model.</param>
    /// <param name="modelVersion">The version; <see langword="null"/> for every version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One entry per model version.</returns>
    /// <exception cref="AiPlatformException">The call failed.</exception>
    Task<IReadOnlyList<InferenceStatistics>> GetModelStatisticsAsync(string? modelName = null, string? modelVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the models of the server's repository (model repository extension).</summary>
    /// <param name="readyOnly">When <see langword="true"/>, only models ready for inference.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The index.</returns>
    /// <exception cref="AiPlatformException">The call failed.</exception>
    Task<IReadOnlyList<RepositoryModel>> GetRepositoryIndexAsync(bool readyOnly = false, CancellationToken cancellationToken = default);

    /// <summary>Loads or reloads a model from the repository.</summary>
    /// <param name="modelName">The model.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server has loaded it.</returns>
    /// <exception cref="AiPlatformException">The model could not be loaded.</exception>
    Task LoadModelAsync(string modelName, CancellationToken cancellationToken = default);

    /// <summary>Unloads a model.</summary>
    /// <param name="modelName">The model.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server has unloaded it.</returns>
    /// <exception cref="AiPlatformException">The model could not be unloaded.</exception>
    Task UnloadModelAsync(string modelName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs inference. Unless <see cref="InferenceClientSettings.ValidateShapes"/> is off, the inputs are first checked against
    /// the model's metadata (read once per model and cached), so a wrong name, datatype or shape fails before anything is sent.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call; the server is told through the transport.</param>
    /// <returns>The outputs.</returns>
    /// <exception cref="AiPlatformValidationException">The inputs do not fit the model, or the server rejected them.</exception>
    /// <exception cref="AiPlatformNotFoundException">The model does not exist.</exception>
    Task<InferenceResponse> InferAsync(InferenceRequest request, CancellationToken cancellationToken = default);
}
