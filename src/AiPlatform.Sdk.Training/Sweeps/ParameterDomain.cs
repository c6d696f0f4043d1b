using System.Globalization;

namespace AiPlatform.Sdk.Training.Sweeps;

/// <summary>
/// The values a hyperparameter may take, after Ray Tune's search space: a grid or a choice of values, a uniform or log-uniform real
/// range, or an integer range. Values reach trials as strings written with the invariant culture.
/// </summary>
public abstract record ParameterDomain
{
    private protected ParameterDomain()
    {
    }

    /// <summary>Every value, tried in turn by the grid strategy (sampled uniformly by the random one).</summary>
    /// <param name="values">The values.</param>
    /// <returns>The domain.</returns>
    public static ParameterDomain Grid(params object[] values) => new DiscreteDomain([.. values.Select(Format)]);

    /// <summary>One of the values, chosen uniformly; in a grid, each value in turn.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The domain.</returns>
    public static ParameterDomain Choice(params object[] values) => new DiscreteDomain([.. values.Select(Format)]);

    /// <summary>A real number drawn uniformly from [<paramref name="min"/>, <paramref name="max"/>) (random strategy only).</summary>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound.</param>
    /// <returns>The domain.</returns>
    public static ParameterDomain Uniform(double min, double max) => new RealDomain(min, max, Log: false);

    /// <summary>A positive real number whose logarithm is drawn uniformly (learning rates; random strategy only).</summary>
    /// <param name="min">The lower bound, above zero.</param>
    /// <param name="max">The upper bound.</param>
    /// <returns>The domain.</returns>
    public static ParameterDomain LogUniform(double min, double max) =>
        min > 0 ? new RealDomain(min, max, Log: true) : throw new ArgumentOutOfRangeException(nameof(min), min, "A log-uniform range starts above zero.");

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/> inclusive, in steps of <paramref name="step"/>.</summary>
    /// <param name="min">The first value.</param>
    /// <param name="max">The last value.</param>
    /// <param name="step">The distance between values.</param>
    /// <returns>The domain.</returns>
    public static ParameterDomain IntegerRange(int min, int max, int step = 1) =>
        step > 0 && max >= min
            ? new DiscreteDomain([.. Enumerable.Range(0, ((max - min) / step) + 1).Select(i => (min + (i * step)).ToString(CultureInfo.InvariantCulture))])
            : throw new ArgumentOutOfRangeException(nameof(step), "An integer range needs max >= min and a positive step.");

    /// <summary>The values a grid enumerates, or <see langword="null"/> for a continuous domain.</summary>
    internal abstract IReadOnlyList<string>? Values { get; }

    /// <summary>Draws a value.</summary>
    internal abstract string Sample(Random random);

    private static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private sealed record DiscreteDomain(IReadOnlyList<string> Choices) : ParameterDomain
    {
        internal override IReadOnlyList<string> Values => Choices.Count > 0 ? Choices : throw new ArgumentException("A grid or choice needs at least one value.");

        internal override string Sample(Random random) => Values[random.Next(Values.Count)];
    }

    private sealed record RealDomain(double Min, double Max, bool Log) : ParameterDomain
    {
        internal override IReadOnlyList<string>? Values => null;

        internal override string Sample(Random random)
        {
            var u = random.NextDouble();
            var value = Log ? Math.Exp(Math.Log(Min) + (u * (Math.Log(Max) - Math.Log(Min)))) : Min + (u * (Max - Min));
            return value.ToString("R", CultureInfo.InvariantCulture);
        }
    }
}
