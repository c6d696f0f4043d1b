namespace AiPlatform.Sdk.Serving.Onnx;

/// <summary>
/// A model could not be loaded or run: the file is missing or invalid, an input is unknown or missing, or has the wrong shape or type.
/// <see cref="AiPlatformException.ErrorCode"/> is one of the constants below; the message names the model and the input.
/// </summary>
public sealed class OnnxModelException : AiPlatformException
{
    /// <summary>The model file does not exist.</summary>
    public const string ModelNotFound = "ModelNotFound";

    /// <summary>ONNX Runtime rejected the file, or the execution provider is not available.</summary>
    public const string InvalidModel = "InvalidModel";

    /// <summary>An input or output name the model does not declare.</summary>
    public const string UnknownName = "UnknownName";

    /// <summary>An input the model declares was not given.</summary>
    public const string MissingInput = "MissingInput";

    /// <summary>An input's shape does not fit the declared shape.</summary>
    public const string ShapeMismatch = "ShapeMismatch";

    /// <summary>An input's element type differs from the declared type.</summary>
    public const string TypeMismatch = "TypeMismatch";

    /// <summary>ONNX Runtime failed while running the model.</summary>
    public const string RunFailed = "RunFailed";

    /// <summary>Creates the exception.</summary>
    /// <param name="modelName">The model's name (its file name without extension, or the name it was loaded under).</param>
    /// <param name="operation"><c>Load</c> or <c>Run</c>.</param>
    /// <param name="errorCode">One of the constants of this class.</param>
    /// <param name="message">A message for people.</param>
    /// <param name="inputName">The input or output concerned, if any.</param>
    /// <param name="innerException">The ONNX Runtime or I/O exception behind it.</param>
    public OnnxModelException(string modelName, string operation, string errorCode, string message, string? inputName = null, Exception? innerException = null)
        : base("onnx", operation, message, statusCode: errorCode == ModelNotFound ? 404 : 400, errorCode: errorCode, innerException: innerException)
    {
        ModelName = modelName;
        InputName = inputName;
    }

    /// <summary>The model concerned.</summary>
    public string ModelName { get; }

    /// <summary>The input or output concerned, or <see langword="null"/> when the whole model is.</summary>
    public string? InputName { get; }

    /// <inheritdoc/>
    public override bool IsTransient => false;
}
