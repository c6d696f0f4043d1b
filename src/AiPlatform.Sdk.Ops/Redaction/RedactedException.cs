namespace AiPlatform.Sdk.Ops.Redaction;

/// <summary>Stands in for an exception whose message or stack showed a secret: the same type name and text, secrets masked.</summary>
#pragma warning disable CA1032, CA1064 // Never thrown: it only carries an exception's scrubbed text to an exporter.
internal sealed class RedactedException(Exception original, SecretScrubber scrubber) : Exception(scrubber.Scrub(original.Message))
#pragma warning restore CA1032, CA1064
{
    private readonly string _text = scrubber.Scrub(original.ToString());

    /// <summary>The original exception's type name.</summary>
    public string OriginalType { get; } = original.GetType().FullName ?? original.GetType().Name;

    public override string? StackTrace { get; } = original.StackTrace is { } stack ? scrubber.Scrub(stack) : null;

    public override string ToString() => _text;
}
