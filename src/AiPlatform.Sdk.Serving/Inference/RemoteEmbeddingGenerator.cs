using AiPlatform.Sdk.Serving.Embeddings;
using Microsoft.Extensions.AI;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> whose model runs on an Open Inference Protocol server (Triton, KServe,
/// the reference host): tokenisation and mean pooling happen here, the transformer runs there. Same contract and, for the same
/// model, the same vectors as the in-process ONNX generator.
/// </summary>
public sealed class RemoteEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The provider name in <see cref="EmbeddingGeneratorMetadata"/>.</summary>
    public const string ProviderName = "aiplatform-inference";

    private readonly IInferenceClient _client;
    private readonly RemoteEmbeddingSettings _settings;
    private readonly BertTextTokenizer _tokenizer;
    private bool? _needsTokenTypes;

    /// <summary>Creates a generator over <paramref name="client"/>, reading the vocabulary now.</summary>
    /// <param name="client">The inference client.</param>
    /// <param name="settings">The model and tokenisation settings.</param>
    /// <exception cref="FileNotFoundException">The vocabulary does not exist.</exception>
    public RemoteEmbeddingGenerator(IInferenceClient client, RemoteEmbeddingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(settings.Model);
        ArgumentException.ThrowIfNullOrEmpty(settings.VocabularyPath);
        _client = client;
        _settings = settings;
        var vocabulary = Directory.Exists(settings.VocabularyPath) ? Path.Combine(settings.VocabularyPath, "vocab.txt") : settings.VocabularyPath;
        using var stream = File.OpenRead(vocabulary);
        _tokenizer = BertTextTokenizer.Create(stream, settings.LowerCase);
        Metadata = new EmbeddingGeneratorMetadata(ProviderName, null, settings.Model);
    }

    /// <summary>The provider and model.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A value is <see langword="null"/>.</exception>
    /// <exception cref="AiPlatformException">The server failed or the model's output is not a float tensor of rank 2 or 3.</exception>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var encoded = values.Select((v, i) => _tokenizer.Encode(v ?? throw new ArgumentException($"The value at index {i} is null.", nameof(values)), _settings.MaxTokens)).ToArray();
        _needsTokenTypes ??= (await _client.GetModelMetadataAsync(_settings.Model, _settings.ModelVersion, cancellationToken).ConfigureAwait(false))
            .Inputs.Any(i => i.Name == _settings.TokenTypeIdsName);
        var result = new GeneratedEmbeddings<Embedding<float>>(encoded.Length);
        foreach (var batch in encoded.Chunk(_settings.BatchSize))
        {
            foreach (var vector in await EmbedAsync(batch, cancellationToken).ConfigureAwait(false))
            {
                result.Add(new Embedding<float>(vector) { ModelId = _settings.Model, CreatedAt = DateTimeOffset.UtcNow });
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
            : serviceType == typeof(IInferenceClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private async Task<float[][]> EmbedAsync(EncodedText[] batch, CancellationToken cancellationToken)
    {
        var length = batch.Max(e => e.Ids.Length);
        var ids = new long[batch.Length * length];
        var mask = new long[ids.Length];
        Array.Fill(ids, _tokenizer.PadId);
        for (var row = 0; row < batch.Length; row++)
        {
            for (var t = 0; t < batch[row].Ids.Length; t++)
            {
                ids[(row * length) + t] = batch[row].Ids[t];
                mask[(row * length) + t] = 1;
            }
        }

        var request = new InferenceRequest
        {
            ModelName = _settings.Model,
            ModelVersion = _settings.ModelVersion,
            Inputs =
            {
                InferenceTensor.Create<long>(_settings.InputIdsName, ids, batch.Length, length),
                InferenceTensor.Create<long>(_settings.AttentionMaskName, mask, batch.Length, length),
            },
            Outputs = { new RequestedOutput(_settings.OutputName) },
        };
        if (_needsTokenTypes == true)
        {
            request.Inputs.Add(InferenceTensor.Create<long>(_settings.TokenTypeIdsName, new long[ids.Length], batch.Length, length));
        }

        var output = (await _client.InferAsync(request, cancellationToken).ConfigureAwait(false)).GetOutput(_settings.OutputName);
        if (output.Datatype != InferenceDataType.Fp32 || output.Shape.Count is not (2 or 3))
        {
            throw new AiPlatformException(RestInferenceTransport.Service, "Embed",
                $"Model '{_settings.Model}' output '{_settings.OutputName}' is {output.Datatype} [{string.Join(',', output.Shape)}], not FP32 [batch, tokens, dims] or [batch, dims].");
        }

        var values = output.ToArray<float>();
        var dims = (int)output.Shape[^1];
        var rowSize = output.Shape.Count == 3 ? (int)output.Shape[1] * dims : dims;
        var vectors = new float[batch.Length][];
        for (var row = 0; row < batch.Length; row++)
        {
            vectors[row] = new float[dims];
            var tokens = output.Shape.Count == 3 ? batch[row].Ids.Length : 1;
            TokenPooling.Pool(values.AsSpan(row * rowSize, tokens * dims), tokens, vectors[row], _settings.Pooling, _settings.Normalize);
        }

        return vectors;
    }
}
