using System.Globalization;

namespace HyperparameterSweep;

/// <summary>
/// One trial: fits y = 3x + 2 (plus seeded noise) on 200 generated points by full-batch gradient descent and reports the mean squared
/// error after each epoch as <c>aiplatform.report step={epoch} loss={mse}</c>, the line a sweep reads. Arguments: <c>--lr=</c>
/// (default 0.1) and <c>--epochs=</c> (default 4).
/// </summary>
internal static class TinyTrainer
{
    public static int Run(IReadOnlyList<string> arguments)
    {
        var lr = Option(arguments, "lr", 0.1);
        var epochs = (int)Option(arguments, "epochs", 4);
        var noise = new Random(7);
        var x = Enumerable.Range(0, 200).Select(i => i / 199.0).ToArray();
        var y = x.Select(v => (3 * v) + 2 + ((noise.NextDouble() - 0.5) * 0.1)).ToArray();
        double w = 0, b = 0;
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            double dw = 0, db = 0;
            for (var i = 0; i < x.Length; i++)
            {
                var error = (w * x[i]) + b - y[i];
                dw += 2 * error * x[i] / x.Length;
                db += 2 * error / x.Length;
            }

            w -= lr * dw;
            b -= lr * db;
            var loss = x.Select((v, i) => Math.Pow((w * v) + b - y[i], 2)).Average();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"aiplatform.report step={epoch} loss={loss:R}"));
            // An epoch takes a quarter of a second, as if there were real work: a sweep's decisions meet trials still running.
            Thread.Sleep(250);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fitted w={w:F4} b={b:F4}"));
        return 0;
    }

    private static double Option(IReadOnlyList<string> arguments, string name, double fallback) =>
        arguments.FirstOrDefault(a => a.StartsWith($"--{name}=", StringComparison.Ordinal)) is { } option
            ? double.Parse(option[(name.Length + 3)..], CultureInfo.InvariantCulture)
            : fallback;
}
