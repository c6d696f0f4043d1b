using System.Diagnostics.Metrics;
using System.Text.Json;
using AiPlatform.Sdk.Serving.Onnx;
using AiPlatform.Sdk.Serving.Onnx.Quantization;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.AI;

namespace AiPlatform.Sdk.Serving.Embeddings;

/// <summary>
/// Text embeddings computed in-process with a BERT-family ONNX model (such as all-MiniLM-L6-v2): WordPiece tokenisation equal to
/// the Hugging Face reference, batches sorted by length and padded to the longest in each, mean pooling over the attention mask and
/// optional L2 normalisation. Thread-safe: concurrent callers share one session; their batches take turns on at most
/// <see cref="OnnxEmbeddingSettings.ConcurrentBatches"/> runs at once, and small batches that wait together share a run
/// (<see cref="OnnxEmbeddingSettings.MicroBatching"/>).
/// </summary>
/// <remarks>
/// Empty or white-space text embeds as <c>[CLS] [SEP]</c>, as the reference does. Lone UTF-16 surrogates are dropped. Texts longer
/// than <see cref="OnnxEmbeddingSettings.MaxTokens"/> are cut (or rejected, see <see cref="OnnxEmbeddingSettings.Truncation"/>);
/// a cut embedding carries <c>truncated = true</c> and its original <c>token_count</c> in <see cref="Embedding.AdditionalProperties"/>.
/// </remarks>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The provider name reported in <see cref="EmbeddingGeneratorMetadata"/>.</summary>
    public const string ProviderName = "aiplatform-onnx";

    /// <summary>The metadata key of an embedding's token count (before truncation).</summary>
    public const string TokenCountKey = "token_count";

    /// <summary>The histogram of texts per model run on the Serving meter (registered generators only), tagged with the model and the number of callers sharing the run.</summary>
    public const string BatchTextsInstrument = "aiplatform.embeddings.batch.texts";

    /// <summary>The metadata key set to <see langword="true"/> on an embedding whose text was truncated, and holding the number of such texts on the result.</summary>
    public const string TruncatedKey = "truncated";

    private readonly OnnxModel _model;
    private readonly bool _ownsModel;
    private readonly BertTextTokenizer _tokenizer;
    private readonly OnnxEmbeddingSettings _settings;
    private readonly string _hiddenStateOutput;
    private readonly bool _needsTokenTypes;
    private readonly EmbeddingScheduler _scheduler;
    private readonly int _concurrency;
    private readonly Histogram<int>? _batchTexts;
    private readonly ClientInstrumentation? _instrumentation;

    private OnnxEmbeddingGenerator(
        OnnxModel model, bool ownsModel, BertTextTokenizer tokenizer, OnnxEmbeddingSettings settings, string modelId, Meter? meter = null,
        ClientInstrumentation? instrumentation = null)
    {
        _instrumentation = instrumentation;
        _model = model;
        _ownsModel = ownsModel;
        _tokenizer = tokenizer;
        _settings = settings;
        var hidden = model.Outputs.Values.FirstOrDefault(o => o.Dimensions.Count == 3 && o.ElementType == typeof(float))
            ?? throw new OnnxModelException(model.Name, "Load", OnnxModelException.InvalidModel,
                $"Model '{model.Name}' has no float output of shape [batch, tokens, dimensions] to pool.");
        foreach (var required in new[] { "input_ids", "attention_mask" })
        {
            if (!model.Inputs.ContainsKey(required))
            {
                throw new OnnxModelException(model.Name, "Load", OnnxModelException.MissingInput,
                    $"Model '{model.Name}' does not declare the input '{required}' a BERT-family embedding model needs.", required);
            }
        }

        _hiddenStateOutput = hidden.Name;
        _needsTokenTypes = model.Inputs.ContainsKey("token_type_ids");
        var dimensions = hidden.Dimensions[2] > 0 ? hidden.Dimensions[2] : (int?)null;
        Metadata = new EmbeddingGeneratorMetadata(ProviderName, null, modelId, dimensions);
        _concurrency = ConcurrentBatches(settings);
        _batchTexts = meter?.CreateHistogram<int>(BatchTextsInstrument, "{text}", "Texts per embedding model run, callers' batches merged.");
        _scheduler = new EmbeddingScheduler(_concurrency, settings.BatchSize, settings.MaxBatchTokens, settings.MicroBatching, RunBatch);
    }

    /// <summary>The provider, the model id and the vector length.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <summary>
    /// Loads the model and vocabulary that <see cref="OnnxEmbeddingSettings.ModelPath"/> names: <c>vocab.txt</c>, or else a WordPiece
    /// <c>tokenizer.json</c> (whose <c>normalizer.lowercase</c> then decides lower-casing).
    /// </summary>
    /// <param name="settings">The settings; <see cref="OnnxEmbeddingSettings.ModelPath"/> is required.</param>
    /// <returns>A generator that owns its model.</returns>
    /// <exception cref="OnnxModelException">The model or its vocabulary is missing or invalid.</exception>
    public static OnnxEmbeddingGenerator Create(OnnxEmbeddingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Create(settings, (file, calibrate) => OnnxModel.Load(file, settings, calibrate), ownsModel: true);
    }

    /// <summary>Loads the model and its vocabulary from streams, which are read to their ends.</summary>
    /// <param name="model">The ONNX bytes.</param>
    /// <param name="vocabulary">The WordPiece <c>vocab.txt</c>, one token a line.</param>
    /// <param name="settings">Tokenisation, batching, pooling and session settings; <see cref="OnnxEmbeddingSettings.ModelPath"/> is ignored.</param>
    /// <returns>A generator that owns its model.</returns>
    /// <exception cref="OnnxModelException">The model is invalid.</exception>
    public static OnnxEmbeddingGenerator Create(Stream model, Stream vocabulary, OnnxEmbeddingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(settings);
        var modelId = settings.ModelId ?? "onnx-embeddings";
        using var seekable = new MemoryStream();
        vocabulary.CopyTo(seekable);
        seekable.Position = 0;
        var tokenizer = BertTextTokenizer.Create(seekable, settings.LowerCase);
        var loaded = OnnxModel.Load(model, modelId, settings, EmbeddingCalibration.For(tokenizer, settings.MaxTokens));
        try
        {
            return new OnnxEmbeddingGenerator(loaded, true, tokenizer, settings, modelId);
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A value is <see langword="null"/>, or <paramref name="options"/> asks for other dimensions.</exception>
    /// <exception cref="AiPlatformValidationException">A text is too long and <see cref="OnnxEmbeddingSettings.Truncation"/> is <see cref="EmbeddingTruncation.Reject"/>.</exception>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } requested && requested != Metadata.DefaultModelDimensions)
        {
            throw new ArgumentException($"Model '{Metadata.DefaultModelId}' produces {Metadata.DefaultModelDimensions} dimensions, not {requested}.", nameof(options));
        }

        return _instrumentation is null
            ? await EmbedAsync(values, cancellationToken).ConfigureAwait(false)
            : await _instrumentation.RunAsync("Embed", _ => EmbedAsync(values, cancellationToken), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task<GeneratedEmbeddings<Embedding<float>>> EmbedAsync(IEnumerable<string> values, CancellationToken cancellationToken)
    {
        var encoded = Encode(values);
        var vectors = new float[encoded.Length][];
        var batches = EmbeddingBatchPlanner.Plan([.. encoded.Select(e => e.Ids.Length)], _settings.BatchSize, _settings.MaxBatchTokens, _concurrency)
            .Select(batch => batch.Select(i => new EmbeddingJob(encoded[i], vectors, i)).ToArray())
            .ToList();
        await _scheduler.RunAsync(batches, cancellationToken).ConfigureAwait(false);
        return Compose(encoded, vectors);
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return Metadata;
        }

        if (serviceType == typeof(OnnxModel))
        {
            return _model;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsModel)
        {
            _model.Dispose();
        }
    }

    /// <summary>
    /// Loads the tokenizer, then the model through <paramref name="loadModel"/> (file, calibrator for int8 quantization), and builds
    /// the generator; a model it owns is disposed if that fails.
    /// </summary>
    internal static OnnxEmbeddingGenerator Create(
        OnnxEmbeddingSettings settings, Func<string, ActivationCalibrator, OnnxModel> loadModel, bool ownsModel, Meter? meter = null,
        ClientInstrumentation? instrumentation = null)
    {
        var (modelFile, vocabFile, modelId) = ResolveFiles(settings);
        var tokenizer = LoadTokenizer(Path.GetFileNameWithoutExtension(modelFile), vocabFile, settings, modelId);
        var model = loadModel(modelFile, EmbeddingCalibration.For(tokenizer, settings.MaxTokens));
        try
        {
            return new OnnxEmbeddingGenerator(model, ownsModel, tokenizer, settings, modelId, meter, instrumentation);
        }
        catch when (ownsModel)
        {
            model.Dispose();
            throw;
        }
    }

    private static (string ModelFile, string VocabFile, string ModelId) ResolveFiles(OnnxEmbeddingSettings settings)
    {
        var path = Path.GetFullPath(settings.ModelPath ?? throw new ArgumentException("ModelPath is required.", nameof(settings)));
        var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(path)!;
        var modelFile = Directory.Exists(path) ? Path.Combine(path, "model.onnx") : path;
        return (modelFile, Path.Combine(folder, "vocab.txt"), settings.ModelId ?? Path.GetFileName(folder));
    }

    private static BertTextTokenizer LoadTokenizer(string modelName, string vocabFile, OnnxEmbeddingSettings settings, string modelId)
    {
        var tokenizerJson = Path.Combine(Path.GetDirectoryName(vocabFile)!, TokenizerJsonVocabulary.FileName);
        var source = File.Exists(vocabFile) ? vocabFile : File.Exists(tokenizerJson) ? tokenizerJson : null;
        if (source is null)
        {
            throw new OnnxModelException(modelName, "Load", OnnxModelException.ModelNotFound,
                $"Model '{modelId}' has neither a vocabulary at '{vocabFile}' nor a {TokenizerJsonVocabulary.FileName} beside it.", EmbeddingModelFolder.VocabularyFileName);
        }

        try
        {
            using var file = File.OpenRead(source);
            if (source == vocabFile)
            {
                return BertTextTokenizer.Create(file, settings.LowerCase);
            }

            var (vocabulary, lowerCase) = TokenizerJsonVocabulary.Read(file);
            using (vocabulary)
            {
                return BertTextTokenizer.Create(vocabulary, lowerCase);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
        {
            throw new OnnxModelException(modelName, "Load", OnnxModelException.InvalidModel,
                $"Model '{modelId}' has an unusable vocabulary '{Path.GetFileName(source)}': {ex.Message}", Path.GetFileName(source), ex);
        }
    }

    private EncodedText[] Encode(IEnumerable<string> values)
    {
        var encoded = new List<EncodedText>();
        foreach (var value in values)
        {
            if (value is null)
            {
                throw new ArgumentException($"The value at index {encoded.Count} is null.", nameof(values));
            }

            var text = _tokenizer.Encode(value, _settings.MaxTokens);
            if (text.Truncated && _settings.Truncation == EmbeddingTruncation.Reject)
            {
                throw new AiPlatformValidationException("embeddings", "Generate",
                    $"The text at index {encoded.Count} has {text.OriginalCount} tokens; model '{Metadata.DefaultModelId}' takes at most {_settings.MaxTokens}.");
            }

            encoded.Add(text);
        }

        return [.. encoded];
    }

    /// <summary>How many model runs have started (batches, after micro-batching).</summary>
    internal long ModelRuns => _scheduler.Runs;

    private static int ConcurrentBatches(OnnxEmbeddingSettings settings)
    {
        if (settings.ConcurrentBatches > 0)
        {
            return settings.ConcurrentBatches;
        }

        var threadsPerRun = settings.IntraOpThreads == 0 ? Environment.ProcessorCount : settings.IntraOpThreads;
        return Math.Max(1, Environment.ProcessorCount / threadsPerRun);
    }

    private void RunBatch(IReadOnlyList<EmbeddingJob> batch, int callers, CancellationToken cancellationToken)
    {
        _batchTexts?.Record(batch.Count, new KeyValuePair<string, object?>("aiplatform.model", Metadata.DefaultModelId), new KeyValuePair<string, object?>("aiplatform.embeddings.callers", callers));
        var length = batch.Max(j => j.Text.Ids.Length);
        var ids = new long[batch.Count * length];
        var mask = new long[ids.Length];
        Array.Fill(ids, _tokenizer.PadId);
        for (var row = 0; row < batch.Count; row++)
        {
            var source = batch[row].Text.Ids;
            for (var t = 0; t < source.Length; t++)
            {
                ids[(row * length) + t] = source[t];
                mask[(row * length) + t] = 1;
            }
        }

        using var inputs = new OnnxInputs().Add("input_ids", ids, batch.Count, length).Add("attention_mask", mask, batch.Count, length);
        if (_needsTokenTypes)
        {
            inputs.Add("token_type_ids", new long[ids.Length], batch.Count, length);
        }

        using var outputs = _model.Run(inputs, [_hiddenStateOutput], cancellationToken);
        var hidden = outputs[_hiddenStateOutput].GetTensorDataAsSpan<float>();
        var dimensions = hidden.Length / ids.Length;
        for (var row = 0; row < batch.Count; row++)
        {
            var vector = new float[dimensions];
            TokenPooling.Pool(hidden.Slice(row * length * dimensions, length * dimensions), batch[row].Text.Ids.Length, vector, _settings.Pooling, _settings.Normalize);
            batch[row].Vectors[batch[row].Index] = vector;
        }
    }

    private GeneratedEmbeddings<Embedding<float>> Compose(EncodedText[] encoded, float[][] vectors)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>(encoded.Length);
        long tokens = 0;
        var truncated = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var embedding = new Embedding<float>(vectors[i]) { ModelId = Metadata.DefaultModelId, AdditionalProperties = new() { [TokenCountKey] = encoded[i].OriginalCount } };
            if (encoded[i].Truncated)
            {
                embedding.AdditionalProperties[TruncatedKey] = true;
                truncated++;
            }

            tokens += encoded[i].Ids.Length;
            result.Add(embedding);
        }

        result.Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens };
        if (truncated > 0)
        {
            result.AdditionalProperties = new() { [TruncatedKey] = truncated };
        }

        return result;
    }
}
