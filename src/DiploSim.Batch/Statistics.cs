namespace DiploSim.Batch;

/// <summary>Mean, sample standard deviation and a two-sided 95% confidence interval of the mean (Student's t).</summary>
public sealed record SampleSummary(int N, double Mean, double Sd, double Ci95Low, double Ci95High);

/// <summary>Summary statistics across repetitions.</summary>
public static class Statistics
{
    private static readonly Dictionary<int, double> T975 = [];

    /// <summary>Summarises a sample; with fewer than two values the standard deviation and interval are NaN.</summary>
    public static SampleSummary Summarise(IReadOnlyList<double> values)
    {
        var n = values.Count;
        if (n == 0)
        {
            return new SampleSummary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var mean = values.Sum() / n;
        if (n == 1)
        {
            return new SampleSummary(1, mean, double.NaN, double.NaN, double.NaN);
        }

        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var half = StudentTQuantile(0.975, n - 1) * sd / Math.Sqrt(n);
        return new SampleSummary(n, mean, sd, mean - half, mean + half);
    }

    /// <summary>The <paramref name="p"/>-quantile of Student's t with <paramref name="df"/> degrees of freedom (p in (0.5, 1)).</summary>
    public static double StudentTQuantile(double p, int df)
    {
        if (p == 0.975)
        {
            lock (T975)
            {
                if (T975.TryGetValue(df, out var cached))
                {
                    return cached;
                }
            }
        }

        // Bisection on the CDF: monotone and smooth, 200 halvings is far below double precision.
        double low = 0, high = 1e6;
        for (var i = 0; i < 200; i++)
        {
            var mid = 0.5 * (low + high);
            if (StudentTCdf(mid, df) < p)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        var q = 0.5 * (low + high);
        if (p == 0.975)
        {
            lock (T975)
            {
                T975[df] = q;
            }
        }

        return q;
    }

    /// <summary>P(T ≤ t) for Student's t with <paramref name="df"/> degrees of freedom.</summary>
    public static double StudentTCdf(double t, int df)
    {
        var x = df / (df + (t * t));
        var tail = 0.5 * RegularizedIncompleteBeta(x, df / 2.0, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>I_x(a, b) by its continued fraction (Numerical Recipes, 3rd ed., §6.4).</summary>
    public static double RegularizedIncompleteBeta(double x, double a, double b)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x)));
        return x < (a + 1) / (a + b + 2)
            ? front * BetaFraction(x, a, b) / a
            : 1 - (front * BetaFraction(1 - x, b, a) / b);
    }

    private static double BetaFraction(double x, double a, double b)
    {
        const double Tiny = 1e-300;
        var c = 1.0;
        var d = 1 - ((a + b) * x / (a + 1));
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        var h = d;
        for (var m = 1; m <= 500; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + (aa * d);
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + (aa / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + (aa * d);
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + (aa / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15)
            {
                break;
            }
        }

        return h;
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, n = 9).</summary>
    public static double LogGamma(double x)
    {
        ReadOnlySpan<double> g =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61503916999185, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = g[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++)
        {
            sum += g[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }
}
