namespace AiPlatform.Sdk.Training.Sweeps;

/// <summary>
/// Successive halving's rungs for one sweep. Each trial records its metric at each rung it reaches (or that it never will, when it
/// ends); a trial's decision at a rung waits for the trials started before it to do the same, then compares its value with the
/// cut-off of all those values and its own — the quantile that keeps the best 1/η, linearly interpolated as Ray Tune's ASHA computes it — so the
/// decisions depend on the trials' metrics and order only, never on timing.
/// </summary>
internal sealed class RungBoard
{
    private readonly SuccessiveHalving _rule;
    private readonly MetricGoal _goal;
    private readonly long[] _rungs;
    private readonly List<TaskCompletionSource<double?>[]> _values = [];
    private readonly Lock _gate = new();

    public RungBoard(SuccessiveHalving rule, MetricGoal goal)
    {
        if (rule.GracePeriod < 1 || rule.ReductionFactor < 2 || rule.MaxSteps <= rule.GracePeriod)
        {
            throw new ArgumentException("Successive halving needs GracePeriod >= 1, ReductionFactor >= 2 and MaxSteps above GracePeriod.", nameof(rule));
        }

        _rule = rule;
        _goal = goal;
        var rungs = new List<long>();
        for (var step = (double)rule.GracePeriod; step < rule.MaxSteps; step *= rule.ReductionFactor)
        {
            rungs.Add((long)Math.Ceiling(step));
        }

        _rungs = [.. rungs];
    }

    /// <summary>Adds the next trial (trials are added in the order they start); returns its number.</summary>
    public int Add()
    {
        lock (_gate)
        {
            _values.Add([.. _rungs.Select(_ => new TaskCompletionSource<double?>(TaskCreationOptions.RunContinuationsAsynchronously))]);
            return _values.Count - 1;
        }
    }

    /// <summary>Records a trial's report; returns the rungs it has newly reached (whose decisions to await).</summary>
    public IReadOnlyList<int> Record(int trial, long step, double value)
    {
        var reached = new List<int>();
        var own = Slots(trial);
        for (var rung = 0; rung < _rungs.Length && _rungs[rung] <= step; rung++)
        {
            if (own[rung].TrySetResult(value))
            {
                reached.Add(rung);
            }
        }

        return reached;
    }

    /// <summary>Marks every rung a trial has not reached as never reached (it ended).</summary>
    public void End(int trial)
    {
        foreach (var slot in Slots(trial))
        {
            slot.TrySetResult(null);
        }
    }

    /// <summary>Whether the trial should stop at the rung: its value is worse than the cut-off of the values there.</summary>
    public async Task<bool> ShouldStopAsync(int trial, int rung, CancellationToken cancellationToken)
    {
        TaskCompletionSource<double?>[][] earlier;
        lock (_gate)
        {
            earlier = [.. _values.Take(trial + 1)];
        }

        var values = (await Task.WhenAll(earlier.Select(slots => slots[rung].Task)).WaitAsync(cancellationToken).ConfigureAwait(false))
            .OfType<double>().Where(v => !double.IsNaN(v)).Order().ToArray();
        var own = await earlier[trial][rung].Task.ConfigureAwait(false);
        if (own is not { } mine || double.IsNaN(mine) || values.Length == 0)
        {
            return own is double nan && double.IsNaN(nan);
        }

        // Keep the best 1/η: below the 1/η quantile for a loss, above the 1 − 1/η quantile for a score.
        var quantile = _goal == MetricGoal.Minimize ? 1 / _rule.ReductionFactor : 1 - (1 / _rule.ReductionFactor);
        var cutoff = Quantile(values, quantile);
        return _goal == MetricGoal.Minimize ? mine > cutoff : mine < cutoff;
    }

    private TaskCompletionSource<double?>[] Slots(int trial)
    {
        lock (_gate)
        {
            return _values[trial];
        }
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
