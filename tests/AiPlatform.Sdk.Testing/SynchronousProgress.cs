namespace AiPlatform.Sdk.Testing;

/// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, so its reports could arrive after the test asserts).</summary>
/// <typeparam name="T">The reported value.</typeparam>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc/>
    public void Report(T value) => report(value);
}
