using System.Collections.Immutable;
using DiploSim.Core;

namespace DiploSim.Batch;

/// <summary>How a sampled sweep draws its points from the ranges.</summary>
public enum SamplingMethod
{
    /// <summary>Latin-hypercube sampling: every stratum of every range used once.</summary>
    LatinHypercube,

    /// <summary>Saltelli's design for Sobol indices: N base samples give N × (k + 2) points.</summary>
    Sobol,

    /// <summary>Morris's elementary effects: R trajectories of k + 1 points on a grid of levels.</summary>
    Morris,
}

/// <summary>One sensitivity index of one parameter for one metric, e.g. Sobol's first-order S1 of TradeElasticity for gdp_IND.</summary>
public sealed record SensitivityIndex(string Metric, string Parameter, string Index, double Value);

/// <summary>
/// Variance-based (Sobol) and screening (Morris) sensitivity analysis: the designs, drawn on the unit hypercube
/// from a seeded generator, and the estimators. Sobol: Saltelli et al. 2010 ("Variance based sensitivity analysis
/// of model output", Computer Physics Communications 181) — first order S1ᵢ = mean(f(B)·(f(ABᵢ) − f(A))) / V, total
/// STᵢ = mean((f(A) − f(ABᵢ))²) / 2V (Jansen 1999), V the variance of f over A and B. Morris 1991 with Campolongo
/// et al. 2007's μ*: each trajectory moves one parameter at a time by Δ = p / (2(p − 1)) of its range.
/// </summary>
public static class Sensitivity
{
    private const ulong DesignPurpose = 0x5341_4C54; // "SALT": the design's stream, apart from run seeds and LHS.

    /// <summary>
    /// Saltelli's design on [0, 1)ᵏ: for each of <paramref name="samples"/> base samples, the block A, AB₁ … ABₖ, B
    /// (k + 2 rows), where ABᵢ is A with its i-th column from B.
    /// </summary>
    public static double[][] SobolDesign(int samples, int k, ulong seed)
    {
        var rng = new Rng(seed).Stream(0, DesignPurpose);
        var design = new double[samples * (k + 2)][];
        for (var j = 0; j < samples; j++)
        {
            var a = new double[k];
            var b = new double[k];
            for (var i = 0; i < k; i++)
            {
                a[i] = rng.NextDouble();
                b[i] = rng.NextDouble();
            }

            design[j * (k + 2)] = a;
            for (var i = 0; i < k; i++)
            {
                var ab = (double[])a.Clone();
                ab[i] = b[i];
                design[(j * (k + 2)) + 1 + i] = ab;
            }

            design[(j * (k + 2)) + k + 1] = b;
        }

        return design;
    }

    /// <summary>First-order (S1) and total (ST) indices from the outputs of <see cref="SobolDesign"/>, in its order.</summary>
    public static (double[] S1, double[] ST) SobolIndices(IReadOnlyList<double> y, int k)
    {
        ArgumentNullException.ThrowIfNull(y);
        var n = y.Count / (k + 2);
        double A(int j) => y[j * (k + 2)];
        double B(int j) => y[(j * (k + 2)) + k + 1];
        double AB(int j, int i) => y[(j * (k + 2)) + 1 + i];

        var all = Enumerable.Range(0, n).SelectMany(j => new[] { A(j), B(j) }).ToArray();
        var mean = all.Average();
        var variance = all.Sum(v => (v - mean) * (v - mean)) / (all.Length - 1);
        var s1 = new double[k];
        var st = new double[k];
        for (var i = 0; i < k; i++)
        {
            double first = 0, total = 0;
            for (var j = 0; j < n; j++)
            {
                first += B(j) * (AB(j, i) - A(j));
                total += (A(j) - AB(j, i)) * (A(j) - AB(j, i));
            }

            s1[i] = first / n / variance;
            st[i] = total / n / (2 * variance);
        }

        return (s1, st);
    }

    /// <summary>
    /// Morris trajectories on the grid {0, 1/(p−1), …, 1}ᵏ: each starts at a random grid point from which every
    /// step stays inside, and moves the parameters one at a time, in a random order, by ±Δ, Δ = p / (2(p − 1)).
    /// <paramref name="trajectories"/> × (k + 1) rows.
    /// </summary>
    public static double[][] MorrisDesign(int trajectories, int k, int levels, ulong seed)
    {
        var rng = new Rng(seed).Stream(0, DesignPurpose + 1);
        var delta = MorrisDelta(levels);
        var design = new double[trajectories * (k + 1)][];
        for (var t = 0; t < trajectories; t++)
        {
            var x = new double[k];
            var up = new bool[k];
            for (var i = 0; i < k; i++)
            {
                // A start level from which x ± Δ stays on the grid: the lower half going up, the upper half going down.
                var start = rng.NextInt(levels / 2);
                up[i] = rng.NextInt(2) == 0;
                x[i] = up[i] ? start / (double)(levels - 1) : 1 - (start / (double)(levels - 1));
            }

            var order = Enumerable.Range(0, k).ToArray();
            for (var i = k - 1; i > 0; i--)
            {
                var j = rng.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            design[t * (k + 1)] = (double[])x.Clone();
            for (var step = 0; step < k; step++)
            {
                var i = order[step];
                x[i] += up[i] ? delta : -delta;
                design[(t * (k + 1)) + step + 1] = (double[])x.Clone();
            }
        }

        return design;
    }

    /// <summary>Morris's step on the unit scale for <paramref name="levels"/> levels: p / (2(p − 1)).</summary>
    public static double MorrisDelta(int levels) => levels / (2.0 * (levels - 1));

    /// <summary>
    /// μ, μ* (the mean of the absolute effects) and σ of each parameter's elementary effects, from the outputs of
    /// <see cref="MorrisDesign"/> in its order. An effect is the change of the output per unit of the parameter:
    /// (y′ − y) / (Δ · (high − low)) with <paramref name="widths"/> the ranges' widths.
    /// </summary>
    public static (double[] Mu, double[] MuStar, double[] Sigma) MorrisIndices(IReadOnlyList<double[]> design, IReadOnlyList<double> y, IReadOnlyList<double> widths)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(widths);
        var k = widths.Count;
        var effects = Enumerable.Range(0, k).Select(_ => new List<double>()).ToArray();
        for (var t = 0; t < y.Count / (k + 1); t++)
        {
            for (var step = 0; step < k; step++)
            {
                var before = design[(t * (k + 1)) + step];
                var after = design[(t * (k + 1)) + step + 1];
                var i = Enumerable.Range(0, k).First(d => before[d] != after[d]);
                var dy = y[(t * (k + 1)) + step + 1] - y[(t * (k + 1)) + step];
                effects[i].Add(dy / ((after[i] - before[i]) * widths[i]));
            }
        }

        var mu = effects.Select(e => e.Average()).ToArray();
        var muStar = effects.Select(e => e.Average(Math.Abs)).ToArray();
        var sigma = effects.Select((e, i) => e.Count > 1 ? Math.Sqrt(e.Sum(v => (v - mu[i]) * (v - mu[i])) / (e.Count - 1)) : double.NaN).ToArray();
        return (mu, muStar, sigma);
    }

    /// <summary>The points of a sampled sweep on its ranges (integer parameters rounded down, as Latin hypercube does).</summary>
    public static List<ImmutableArray<ParameterValue>> Points(LatinHypercube sampling, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        var k = sampling.Ranges.Length;
        var unit = sampling.Method == SamplingMethod.Sobol
            ? SobolDesign(sampling.Samples, k, seed)
            : MorrisDesign(sampling.Samples, k, sampling.Levels, seed);
        return [.. unit.Select(u => sampling.Ranges.Select((r, d) =>
        {
            var v = r.Low + ((r.High - r.Low) * u[d]);
            return new ParameterValue(r.Name, ParameterCatalog.IsInteger(r.Name) ? Math.Min(r.High, Math.Floor(v)) : v);
        }).ToImmutableArray())];
    }

    /// <summary>
    /// The indices of every recorded metric's final value (the mean over a point's runs that finished) for a Sobol
    /// or Morris batch; none for other designs. Sobol gives S1 and ST, Morris mu, mu_star and sigma, per parameter.
    /// </summary>
    public static List<SensitivityIndex> Analyse(BatchPlan plan, IReadOnlyDictionary<int, RunRecord> results)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        var indices = new List<SensitivityIndex>();
        if (plan.Experiment.Sweep.Hypercube is not { Method: not SamplingMethod.LatinHypercube } sampling)
        {
            return indices;
        }

        var runSchema = BatchTables.Runs(plan);
        var reps = plan.Experiment.Repetitions;
        var ranges = sampling.Ranges;
        foreach (var metric in plan.Metrics)
        {
            var column = runSchema.IndexOf(metric.Name);
            var y = plan.Points.Select(p => Enumerable.Range(p.Index * reps, reps)
                    .Where(r => results.TryGetValue(r, out var record) && !record.Failed)
                    .Select(r => (double)results[r].RunRow[column])
                    .DefaultIfEmpty(double.NaN).Average())
                .ToArray();
            if (sampling.Method == SamplingMethod.Sobol)
            {
                var (s1, st) = SobolIndices(y, ranges.Length);
                for (var i = 0; i < ranges.Length; i++)
                {
                    indices.Add(new SensitivityIndex(metric.Name, ranges[i].Name, "S1", s1[i]));
                    indices.Add(new SensitivityIndex(metric.Name, ranges[i].Name, "ST", st[i]));
                }
            }
            else
            {
                // The unit design says which parameter each step moves and by how much of its range.
                var design = MorrisDesign(sampling.Samples, ranges.Length, sampling.Levels, sampling.Seed ?? plan.Experiment.Seed);
                var (mu, muStar, sigma) = MorrisIndices(design, y, [.. ranges.Select(r => r.High - r.Low)]);
                for (var i = 0; i < ranges.Length; i++)
                {
                    indices.Add(new SensitivityIndex(metric.Name, ranges[i].Name, "mu", mu[i]));
                    indices.Add(new SensitivityIndex(metric.Name, ranges[i].Name, "mu_star", muStar[i]));
                    indices.Add(new SensitivityIndex(metric.Name, ranges[i].Name, "sigma", sigma[i]));
                }
            }
        }

        return indices;
    }
}
