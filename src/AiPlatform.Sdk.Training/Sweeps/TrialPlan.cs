namespace AiPlatform.Sdk.Training.Sweeps;

/// <summary>The parameters of every trial a sweep will run, in order.</summary>
internal static class TrialPlan
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Create(SweepDefinition sweep)
    {
        if (sweep.Space.Count == 0)
        {
            throw new ArgumentException("The sweep's Space names no parameter.", nameof(sweep));
        }

        if (sweep.MaxTrials is < 1)
        {
            throw new ArgumentException("MaxTrials must be at least 1.", nameof(sweep));
        }

        return sweep.Strategy switch
        {
            SearchStrategy.Grid => Grid(sweep),
            _ => Random(sweep),
        };
    }

    private static List<IReadOnlyDictionary<string, string>> Grid(SweepDefinition sweep)
    {
        var axes = sweep.Space.Select(p => (p.Key, Values: p.Value.Values
            ?? throw new ArgumentException($"Parameter '{p.Key}' is a continuous range, which a grid cannot enumerate: use the random strategy or Grid/Choice/IntegerRange.", nameof(sweep))))
            .ToList();
        IEnumerable<IReadOnlyDictionary<string, string>> combinations = [new Dictionary<string, string>()];
        foreach (var (name, values) in axes)
        {
            combinations = combinations.SelectMany(c => values.Select(v => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(c) { [name] = v }));
        }

        return [.. combinations.Take(sweep.MaxTrials ?? int.MaxValue)];
    }

    private static List<IReadOnlyDictionary<string, string>> Random(SweepDefinition sweep)
    {
        var count = sweep.MaxTrials ?? throw new ArgumentException("A random sweep needs MaxTrials.", nameof(sweep));
#pragma warning disable CA5394 // reproducible sampling, not security
        var random = new Random(sweep.Seed);
#pragma warning restore CA5394
        return [.. Enumerable.Range(0, count).Select(_ =>
            (IReadOnlyDictionary<string, string>)sweep.Space.ToDictionary(p => p.Key, p => p.Value.Sample(random)))];
    }
}
