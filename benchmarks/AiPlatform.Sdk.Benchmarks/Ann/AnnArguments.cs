using System.Globalization;

namespace AiPlatform.Sdk.Benchmarks.Ann;

/// <summary><c>--name value</c> pairs.</summary>
internal sealed class AnnArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static AnnArguments Parse(string[] args)
    {
        var parsed = new AnnArguments();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            var name = args[i][2..];
            parsed._values[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }

        return parsed;
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public int GetInt(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public int[] GetInts(string name, int[] fallback) => _values.TryGetValue(name, out var v)
        ? [.. v.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))]
        : fallback;
}
