using System.Globalization;
using ScottPlot;

namespace DiploSim.Batch;

/// <summary>
/// PNG plots of metrics over turns: each parameter point's mean with its 95% confidence band. Every point is
/// drawn: up to <see cref="PointsPerPlot"/> points go in <c>plots/&lt;metric&gt;.png</c>, each in its own colour
/// of the Category10 palette; with more, the points are split in groups of that many, one file each
/// (<c>plots/&lt;metric&gt;-points-10-19.png</c>). Axes carry the metric's unit and the length of a turn.
/// </summary>
public static class SummaryPlots
{
    /// <summary>Points per plot: as many as the palette has distinct colours.</summary>
    public const int PointsPerPlot = 10;

    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>Writes the plots of every plotted metric; a failure (e.g. no native graphics) is returned, not thrown.</summary>
    public static (List<string> Files, string? Error) Write(string folder, BatchPlan plan, IReadOnlyList<object[]> summary)
    {
        var files = new List<string>();
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "plots"));
            foreach (var (file, plot) in Plots(plan, summary))
            {
                plot.SavePng(Path.Combine(folder, file), 900, 500);
                files.Add(file);
            }

            return (files, null);
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or IOException)
        {
            return (files, $"plots not drawn: {e.GetBaseException().Message}");
        }
    }

    /// <summary>The plots to write, with their paths relative to the output folder.</summary>
    internal static IEnumerable<(string File, Plot Plot)> Plots(BatchPlan plan, IReadOnlyList<object[]> summary)
    {
        var schema = BatchTables.Summary(plan);
        int point = schema.IndexOf("point"), turn = schema.IndexOf("turn"), metric = schema.IndexOf("metric"), set = schema.IndexOf("set");
        int mean = schema.IndexOf("mean"), low = schema.IndexOf("ci95_low"), high = schema.IndexOf("ci95_high");
        var groups = plan.Points.Chunk(PointsPerPlot).ToList();
        foreach (var m in plan.Plots)
        {
            var rows = summary.Where(r => (string)r[metric] == m.Name).ToLookup(r => (int)r[point]);
            foreach (var group in groups)
            {
                var plot = new Plot();
                for (var i = 0; i < group.Length; i++)
                {
                    var ordered = rows[group[i].Index].OrderBy(r => (int)r[turn]).ToList();
                    if (ordered.Count == 0)
                    {
                        continue;
                    }

                    var xs = ordered.Select(r => (double)(int)r[turn]).ToArray();
                    var ys = ordered.Select(r => (double)r[mean]).ToArray();
                    var lows = ordered.Select(r => (double)r[low]).ToArray();
                    var highs = ordered.Select(r => (double)r[high]).ToArray();
                    var line = plot.Add.Scatter(xs, ys, Palette.GetColor(i));
                    line.LegendText = Label(plan, group[i].Index, (string)ordered[0][set]);
                    line.MarkerSize = 0;
                    if (lows.All(double.IsFinite) && highs.All(double.IsFinite))
                    {
                        var band = plot.Add.FillY(xs, lows, highs);
                        band.FillStyle.Color = line.Color.WithAlpha(0.2);
                        band.LineStyle.Width = 0;
                    }
                }

                var part = groups.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $", points {group[0].Index}–{group[^1].Index}") : "";
                plot.Title($"{m.Name}: mean and 95% confidence band{part}");
                plot.XLabel(TurnLabel(plan.Model.Scenario.World.TurnsPerYear));
                plot.YLabel(m.Unit.Length > 0 ? $"{m.Name} ({m.Unit})" : m.Name);
                if (plan.Points.Length > 1)
                {
                    plot.ShowLegend();
                }

                var file = groups.Count > 1
                    ? string.Create(CultureInfo.InvariantCulture, $"{m.Name}-points-{group[0].Index}-{group[^1].Index}.png")
                    : $"{m.Name}.png";
                yield return (Path.Combine("plots", file), plot);
            }
        }
    }

    /// <summary>The x axis: turns, with how long a turn is.</summary>
    internal static string TurnLabel(int turnsPerYear) => turnsPerYear switch
    {
        1 => "turn (1 turn = a year)",
        4 => "turn (1 turn = a quarter)",
        12 => "turn (1 turn = a month)",
        _ => string.Create(CultureInfo.InvariantCulture, $"turn ({turnsPerYear} turns a year)"),
    };

    private static string Label(BatchPlan plan, int pointIndex, string set)
    {
        var point = plan.Points[pointIndex];
        var values = string.Join(", ", point.Values.Select(v => $"{v.Name}={v.Text ?? v.Value.ToString("G4", CultureInfo.InvariantCulture)}"));
        return string.Join(" ", new[] { set, values }.Where(s => s.Length > 0)) is { Length: > 0 } label ? label : $"point {pointIndex}";
    }
}
