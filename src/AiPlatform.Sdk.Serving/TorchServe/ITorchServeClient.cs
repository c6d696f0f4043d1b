namespace AiPlatform.Sdk.Serving.TorchServe;

/// <summary>
/// A client of TorchServe's inference API (<c>/ping</c>, <c>/predictions</c>) and management API (register, scale, describe,
/// list, unregister, set default). Thread-safe. Failures surface as <see cref="AiPlatformException"/> subclasses with TorchServe's message.
/// </summary>
public interface ITorchServeClient
{
    /// <summary>Asks the inference API whether TorchServe is healthy.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it answers <c>Healthy</c>.</returns>
    /// <exception cref="AiPlatformException">TorchServe could not be reached.</exception>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);

    /// <summary>Sends one prediction request to a model's handler.</summary>
    /// <param name="modelName">The model.</param>
    /// <param name="body">The request body the handler expects (JSON, an image, text).</param>
    /// <param name="contentType">The body's media type.</param>
    /// <param name="modelVersion">The version; <see langword="null"/> for the default version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the handler answered.</returns>
    /// <exception cref="AiPlatformNotFoundException">The model is not registered.</exception>
    Task<TorchServePrediction> PredictAsync(
        string modelName, ReadOnlyMemory<byte> body, string contentType = "application/json", string? modelVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Registers a model archive.</summary>
    /// <param name="registration">The archive and its worker settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>TorchServe's status message.</returns>
    /// <exception cref="AiPlatformConflictException">The model is registered already.</exception>
    Task<string> RegisterModelAsync(TorchServeRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>Sets the worker bounds of a model.</summary>
    /// <param name="modelName">The model.</param>
    /// <param name="minWorkers">The minimum number of workers, or <see langword="null"/> to keep it.</param>
    /// <param name="maxWorkers">The maximum number of workers, or <see langword="null"/> to keep it.</param>
    /// <param name="modelVersion">The version; <see langword="null"/> for the default version.</param>
    /// <param name="synchronous">Wait until the workers have changed (default) rather than return at once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>TorchServe's status message.</returns>
    /// <exception cref="AiPlatformNotFoundException">The model is not registered.</exception>
    Task<string> ScaleWorkersAsync(
        string modelName, int? minWorkers, int? maxWorkers, string? modelVersion = null, bool synchronous = true, CancellationToken cancellationToken = default);

    /// <summary>Describes a model: its versions, batching and workers.</summary>
    /// <param name="modelName">The model.</param>
    /// <param name="modelVersion">A version, <c>all</c> for every version, or <see langword="null"/> for the default one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One description per version.</returns>
    /// <exception cref="AiPlatformNotFoundException">The model is not registered.</exception>
    Task<IReadOnlyList<TorchServeModelDescription>> DescribeModelAsync(string modelName, string? modelVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the registered models, following TorchServe's pages.</summary>
    /// <param name="pageSize">Models per page.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The models.</returns>
    /// <exception cref="AiPlatformException">A page could not be read.</exception>
    IAsyncEnumerable<TorchServeModelSummary> ListModelsAsync(int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>Unregisters a model version.</summary>
    /// <param name="modelName">The model.</param>
    /// <param name="modelVersion">The version; <see langword="null"/> for the default version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>TorchServe's status message.</returns>
    /// <exception cref="AiPlatformNotFoundException">The model is not registered.</exception>
    Task<string> UnregisterModelAsync(string modelName, string? modelVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Makes a version the model's default.</summary>
    /// <param name="modelName">The model.</param>
    /// <param name="modelVersion">The version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>TorchServe's status message.</returns>
    /// <exception cref="AiPlatformNotFoundException">The model or version does not exist.</exception>
    Task<string> SetDefaultVersionAsync(string modelName, string modelVersion, CancellationToken cancellationToken = default);
}
