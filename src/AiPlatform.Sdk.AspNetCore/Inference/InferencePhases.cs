namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>The compute phases of one inference as Triton's statistics name them: input preparation, the model run, output extraction.</summary>
internal sealed class InferencePhases(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private long _inputsReady;
    private long _modelRan;
    private long _outputsReady;

    public long InputNs => Span(_started, _inputsReady);

    public long InferNs => Span(_inputsReady, _modelRan);

    public long OutputNs => Span(_modelRan, _outputsReady);

    /// <summary>The whole time so far, whichever phase the request reached.</summary>
    public long TotalNs => time.GetElapsedTime(_started).Ticks * 100;

    public void InputsReady() => _inputsReady = time.GetTimestamp();

    public void ModelRan() => _modelRan = time.GetTimestamp();

    public void OutputsReady() => _outputsReady = time.GetTimestamp();

    private long Span(long from, long to) => from == 0 || to == 0 ? 0 : time.GetElapsedTime(from, to).Ticks * 100;
}
