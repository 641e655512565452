using System.Collections.Immutable;
using DiploSim.Core;

namespace DiploSim.Batch;

/// <summary>One point of a sweep: its index, the named set it belongs to (empty if none) and its parameter values (bot settings among them).</summary>
public sealed record ParameterPoint(int Index, string Set, ImmutableArray<ParameterValue> Values);

/// <summary>Expands a sweep into its parameter points, in a fixed order.</summary>
public static class SweepExpansion
{
    private const ulong HypercubePurpose = 0x4C48_5331; // "LHS1": keeps the sampling stream apart from run seeds.

    /// <summary>
    /// The points of a sweep: each named set (or none) crossed with the factorial grid (the last axis varies
    /// fastest) or with the Latin-hypercube samples. A set's value wins over a swept value of the same parameter.
    /// </summary>
    public static ImmutableArray<ParameterPoint> Points(ParameterSweep sweep, ulong masterSeed)
    {
        var sets = sweep.Sets.IsDefaultOrEmpty ? [new NamedParameterSet("", [])] : sweep.Sets;
        var inner = sweep.Hypercube is { } lhs
            ? lhs.Method == SamplingMethod.LatinHypercube ? Hypercube(lhs, lhs.Seed ?? masterSeed) : Sensitivity.Points(lhs, lhs.Seed ?? masterSeed)
            : Factorial(sweep.Factorial.IsDefault ? [] : sweep.Factorial);

        var points = ImmutableArray.CreateBuilder<ParameterPoint>(sets.Length * inner.Count);
        foreach (var set in sets)
        {
            foreach (var values in inner)
            {
                var merged = values.Where(v => !set.Values.Any(s => s.Name == v.Name)).Concat(set.Values).ToImmutableArray();
                points.Add(new ParameterPoint(points.Count, set.Name, merged));
            }
        }

        return points.ToImmutable();
    }

    /// <summary>
    /// How many points <see cref="Points"/> would give, counted without expanding them (saturating at
    /// <see cref="long.MaxValue"/>), so that a sweep too large to play is refused before it is built.
    /// </summary>
    public static long Count(ParameterSweep sweep)
    {
        var sets = sweep.Sets.IsDefaultOrEmpty ? 1L : sweep.Sets.Length;
        if (sweep.Hypercube is { } lhs)
        {
            return Multiply(sets, lhs.Points);
        }

        return (sweep.Factorial.IsDefault ? [] : sweep.Factorial).Aggregate(sets, (n, a) => Multiply(n, a.Count));
    }

    internal static long Multiply(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;

    /// <summary>The full factorial grid of the axes; one empty point when there are none.</summary>
    public static List<ImmutableArray<ParameterValue>> Factorial(IReadOnlyList<ParameterAxis> axes)
    {
        var grid = new List<ImmutableArray<ParameterValue>> { ImmutableArray<ParameterValue>.Empty };
        foreach (var axis in axes)
        {
            grid = [.. grid.SelectMany(prefix => axis.Levels.Select(prefix.Add))];
        }

        return grid;
    }

    /// <summary>
    /// Latin-hypercube samples: each range is cut into <c>Samples</c> equal strata and every stratum of every
    /// range is used by exactly one sample, at a uniformly drawn place within it. Seeded, so the same seed gives
    /// the same samples.
    /// </summary>
    public static List<ImmutableArray<ParameterValue>> Hypercube(LatinHypercube lhs, ulong seed)
    {
        var n = lhs.Samples;
        var rng = new Rng(seed).Stream(0, HypercubePurpose);
        var columns = new List<double[]>();
        foreach (var range in lhs.Ranges)
        {
            var strata = Enumerable.Range(0, n).ToArray();
            for (var i = n - 1; i > 0; i--)
            {
                var j = rng.NextInt(i + 1);
                (strata[i], strata[j]) = (strata[j], strata[i]);
            }

            var width = range.High - range.Low;
            var isInteger = ParameterCatalog.IsInteger(range.Name);
            columns.Add([.. strata.Select(s =>
            {
                var v = range.Low + (width * (s + rng.NextDouble()) / n);
                return isInteger ? Math.Min(range.High, Math.Floor(v)) : v;
            })]);
        }

        return [.. Enumerable.Range(0, n).Select(i => lhs.Ranges.Select((r, d) => new ParameterValue(r.Name, columns[d][i])).ToImmutableArray())];
    }
}

/// <summary>Per-run seeds, derived from the master seed and the run index alone, so any run can be re-run by itself.</summary>
public static class RunSeeds
{
    /// <summary>
    /// The seed of run <paramref name="runIndex"/>: a SplitMix64 hash of the master seed and the index, cut to
    /// 63 bits so it is a non-negative 64-bit integer in every table and language.
    /// </summary>
    public static ulong Derive(ulong masterSeed, int runIndex)
    {
        var z = masterSeed + ((ulong)(uint)runIndex + 1) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return z & long.MaxValue;
    }
}
