using System.Runtime.CompilerServices;
using System.Text;

namespace AiPlatform.Sdk.Training.Jobs.Local;

/// <summary>Reads a growing log file as whole lines: a line still being written is held back until its end arrives or the reading is final.</summary>
internal sealed class LogLines(string path) : IAsyncDisposable
{
    private readonly byte[] _bytes = new byte[64 * 1024];
    private readonly char[] _chars = new char[Encoding.UTF8.GetMaxCharCount(64 * 1024)];
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder _partial = new();
    private FileStream? _stream;

    /// <summary>The complete lines written since the last call; with <paramref name="final"/>, also the unterminated last line.</summary>
    public async IAsyncEnumerable<string> ReadAvailableAsync(bool final, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _stream ??= new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
        int read;
        while ((read = await _stream.ReadAsync(_bytes, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var count = _decoder.GetChars(_bytes, 0, read, _chars, 0, flush: false);
            var start = 0;
            for (var i = 0; i < count; i++)
            {
                if (_chars[i] == '\n')
                {
                    _partial.Append(_chars, start, i - start);
                    yield return TakeLine();
                    start = i + 1;
                }
            }

            _partial.Append(_chars, start, count - start);
        }

        if (final && _partial.Length > 0)
        {
            yield return TakeLine();
        }
    }

    public ValueTask DisposeAsync() => _stream?.DisposeAsync() ?? ValueTask.CompletedTask;

    private string TakeLine()
    {
        var length = _partial.Length > 0 && _partial[^1] == '\r' ? _partial.Length - 1 : _partial.Length;
        var line = _partial.ToString(0, length);
        _partial.Clear();
        return line;
    }
}
