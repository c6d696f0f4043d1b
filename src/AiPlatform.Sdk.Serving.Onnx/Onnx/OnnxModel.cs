using AiPlatform.Sdk.Serving.Onnx.Quantization;
using Microsoft.ML.OnnxRuntime;

namespace AiPlatform.Sdk.Serving.Onnx;

/// <summary>
/// One loaded ONNX model: a single <see cref="InferenceSession"/> that every caller shares (runs are thread-safe), its declared
/// inputs and outputs, and validated runs. Disposing waits for no one: runs in flight finish first, later runs fail.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private const int DisposedFlag = 1;
    private const int Lease = 2;
    private readonly InferenceSession _session;
    private int _state;

    private OnnxModel(string name, string? path, OnnxWeightQuantization quantization, InferenceSession session)
    {
        Name = name;
        Path = path;
        WeightQuantization = quantization;
        _session = session;
        Inputs = Describe(session.InputMetadata);
        Outputs = Describe(session.OutputMetadata);
    }

    /// <summary>The model's name: its file name without extension, or the name it was loaded under.</summary>
    public string Name { get; }

    /// <summary>The file the model was loaded from, or <see langword="null"/> when it came from a stream.</summary>
    public string? Path { get; }

    /// <summary>How the model's weights were quantized when it loaded.</summary>
    public OnnxWeightQuantization WeightQuantization { get; }

    /// <summary>The inputs the model declares, by name.</summary>
    public IReadOnlyDictionary<string, OnnxTensorMetadata> Inputs { get; }

    /// <summary>The outputs the model declares, by name.</summary>
    public IReadOnlyDictionary<string, OnnxTensorMetadata> Outputs { get; }

    /// <summary>Loads a model file.</summary>
    /// <param name="path">The <c>.onnx</c> file.</param>
    /// <param name="settings">Threads, optimisation level and execution provider; defaults when <see langword="null"/>.</param>
    /// <returns>The loaded model.</returns>
    /// <exception cref="OnnxModelException">The file is missing (<see cref="OnnxModelException.ModelNotFound"/>) or invalid, or the provider is unavailable.</exception>
    public static OnnxModel Load(string path, OnnxSessionSettings? settings = null) => Load(path, settings, calibrate: null);

    /// <summary>Loads a model from a stream, which is read to its end.</summary>
    /// <param name="model">The ONNX bytes.</param>
    /// <param name="name">The name to report the model under.</param>
    /// <param name="settings">Threads, optimisation level and execution provider; defaults when <see langword="null"/>.</param>
    /// <returns>The loaded model.</returns>
    /// <exception cref="OnnxModelException">The bytes are not a valid model, or the provider is unavailable.</exception>
    public static OnnxModel Load(Stream model, string name, OnnxSessionSettings? settings = null) => Load(model, name, settings, calibrate: null);

    /// <summary>Loads a model file; <paramref name="calibrate"/> measures activations for <see cref="OnnxWeightQuantization.DynamicInt8"/>.</summary>
    internal static OnnxModel Load(string path, OnnxSessionSettings? settings, ActivationCalibrator? calibrate)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new OnnxModelException(name, "Load", OnnxModelException.ModelNotFound, $"Model '{name}' was not found at '{fullPath}'.");
        }

        settings ??= new OnnxSessionSettings();
        return settings.WeightQuantization == OnnxWeightQuantization.None
            ? Create(name, fullPath, settings, options => new InferenceSession(fullPath, options))
            : Create(name, fullPath, settings, File.ReadAllBytes(fullPath), calibrate);
    }

    /// <summary>Loads a model from a stream; <paramref name="calibrate"/> measures activations for <see cref="OnnxWeightQuantization.DynamicInt8"/>.</summary>
    internal static OnnxModel Load(Stream model, string name, OnnxSessionSettings? settings, ActivationCalibrator? calibrate)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var buffer = new MemoryStream();
        model.CopyTo(buffer);
        return Create(name, null, settings ?? new OnnxSessionSettings(), buffer.ToArray(), calibrate);
    }

    /// <summary>Runs the model on named inputs and returns the requested outputs (all declared outputs when none are named).</summary>
    /// <param name="inputs">The inputs; every declared input must be present, with a fitting shape and the declared element type.</param>
    /// <param name="outputNames">The outputs to compute; <see langword="null"/> or empty for all.</param>
    /// <param name="cancellationToken">Cancels the run, also while ONNX Runtime is inside it.</param>
    /// <returns>The outputs; dispose them.</returns>
    /// <exception cref="OnnxModelException">An input or output is unknown, missing, of the wrong shape or type, or the run failed.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    public OnnxOutputs Run(OnnxInputs inputs, IReadOnlyList<string>? outputNames = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        cancellationToken.ThrowIfCancellationRequested();
        var outputs = outputNames is { Count: > 0 } ? outputNames : [.. Outputs.Keys];
        Validate(inputs, outputs);
        Acquire();
        try
        {
            using var runOptions = new RunOptions();
            using var registration = cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static state => ((RunOptions)state!).Terminate = true, runOptions)
                : default;
            try
            {
                var values = _session.Run(runOptions, inputs.Names, inputs.Values, outputs);
                return new OnnxOutputs(Name, outputs, values);
            }
            catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (OnnxRuntimeException ex)
            {
                throw new OnnxModelException(Name, "Run", OnnxModelException.RunFailed, $"Model '{Name}' failed to run: {ex.Message}", innerException: ex);
            }
        }
        finally
        {
            Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        var previous = Interlocked.Or(ref _state, DisposedFlag);
        if (previous == 0)
        {
            _session.Dispose();
        }
    }

    private static OnnxModel Create(string name, string? path, OnnxSessionSettings settings, byte[] model, ActivationCalibrator? calibrate)
    {
        if (settings.WeightQuantization == OnnxWeightQuantization.DynamicInt8)
        {
            model = DynamicInt8Rewriter.Rewrite(model, name, calibrate).Model;
        }

        return Create(name, path, settings, options => new InferenceSession(model, options));
    }

    private static OnnxModel Create(string name, string? path, OnnxSessionSettings settings, Func<SessionOptions, InferenceSession> open)
    {
        using var options = OnnxSessionOptionsFactory.Create(name, settings);
        try
        {
            return new OnnxModel(name, path, settings.WeightQuantization, open(options));
        }
        catch (OnnxRuntimeException ex)
        {
            throw new OnnxModelException(name, "Load", OnnxModelException.InvalidModel, $"Model '{name}' could not be loaded: {ex.Message}", innerException: ex);
        }
    }

    private static Dictionary<string, OnnxTensorMetadata> Describe(IReadOnlyDictionary<string, NodeMetadata> nodes) =>
        nodes.ToDictionary(
            n => n.Key,
            n => new OnnxTensorMetadata(
                n.Key,
                n.Value.IsTensor ? n.Value.ElementType : null,
                n.Value.IsTensor ? n.Value.Dimensions : [],
                n.Value.IsTensor ? n.Value.SymbolicDimensions : []),
            StringComparer.Ordinal);

    private void Validate(OnnxInputs inputs, IReadOnlyList<string> outputNames)
    {
        for (var i = 0; i < inputs.Names.Count; i++)
        {
            var name = inputs.Names[i];
            if (!Inputs.TryGetValue(name, out var declared))
            {
                throw new OnnxModelException(Name, "Run", OnnxModelException.UnknownName,
                    $"Model '{Name}' has no input '{name}'; its inputs are {string.Join(", ", Inputs.Keys)}.", name);
            }

            var value = inputs.Values[i];
            if (!value.IsTensor || declared.ElementType is null)
            {
                continue;
            }

            var info = value.GetTensorTypeAndShape();
            var elementType = OnnxElementTypes.ToType(info.ElementDataType);
            if (elementType != declared.ElementType)
            {
                throw new OnnxModelException(Name, "Run", OnnxModelException.TypeMismatch,
                    $"Model '{Name}' input '{name}' takes {declared.ElementType.Name} elements, not {elementType?.Name ?? info.ElementDataType.ToString()}.", name);
            }

            if (!declared.Accepts(info.Shape))
            {
                throw new OnnxModelException(Name, "Run", OnnxModelException.ShapeMismatch,
                    $"Model '{Name}' input '{name}' takes shape [{string.Join(", ", declared.Dimensions)}], not [{string.Join(", ", info.Shape)}].", name);
            }
        }

        foreach (var name in Inputs.Keys)
        {
            if (!inputs.Names.Contains(name))
            {
                throw new OnnxModelException(Name, "Run", OnnxModelException.MissingInput, $"Model '{Name}' needs input '{name}', which was not given.", name);
            }
        }

        foreach (var name in outputNames)
        {
            if (!Outputs.ContainsKey(name))
            {
                throw new OnnxModelException(Name, "Run", OnnxModelException.UnknownName,
                    $"Model '{Name}' has no output '{name}'; its outputs are {string.Join(", ", Outputs.Keys)}.", name);
            }
        }
    }

    private void Acquire()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            ObjectDisposedException.ThrowIf((state & DisposedFlag) != 0, this);
            if (Interlocked.CompareExchange(ref _state, state + Lease, state) == state)
            {
                return;
            }
        }
    }

    private void Release()
    {
        if (Interlocked.Add(ref _state, -Lease) == DisposedFlag)
        {
            _session.Dispose();
        }
    }
}
