using System.Globalization;
using ScottPlot;

namespace DiploSim.Batch;

/// <summary>PNG plots of metrics over turns: each parameter point's mean with its 95% confidence band.</summary>
public static class SummaryPlots
{
    private const int MaxPoints = 10;

    /// <summary>Writes <c>plots/&lt;metric&gt;.png</c> for each plotted metric; a failure (e.g. no native graphics) is returned, not thrown.</summary>
    public static (List<string> Files, string? Error) Write(string folder, BatchPlan plan, IReadOnlyList<object[]> summary)
    {
        var files = new List<string>();
        var schema = BatchTables.Summary(plan);
        int point = schema.IndexOf("point"), turn = schema.IndexOf("turn"), metric = schema.IndexOf("metric"), set = schema.IndexOf("set");
        int mean = schema.IndexOf("mean"), low = schema.IndexOf("ci95_low"), high = schema.IndexOf("ci95_high");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "plots"));
            foreach (var m in plan.Plots)
            {
                var plot = new Plot();
                var rows = summary.Where(r => (string)r[metric] == m.Name).ToList();
                foreach (var group in rows.GroupBy(r => (int)r[point]).Take(MaxPoints))
                {
                    var ordered = group.OrderBy(r => (int)r[turn]).ToList();
                    var xs = ordered.Select(r => (double)(int)r[turn]).ToArray();
                    var ys = ordered.Select(r => (double)r[mean]).ToArray();
                    var lows = ordered.Select(r => (double)r[low]).ToArray();
                    var highs = ordered.Select(r => (double)r[high]).ToArray();
                    var line = plot.Add.Scatter(xs, ys);
                    line.LegendText = Label(plan, group.Key, (string)ordered[0][set]);
                    line.MarkerSize = 0;
                    if (lows.All(double.IsFinite) && highs.All(double.IsFinite))
                    {
                        var band = plot.Add.FillY(xs, lows, highs);
                        band.FillStyle.Color = line.Color.WithAlpha(0.2);
                        band.LineStyle.Width = 0;
                    }
                }

                plot.Title($"{m.Name}: mean and 95% confidence band");
                plot.XLabel("turn");
                plot.YLabel(m.Name);
                if (plan.Points.Length > 1)
                {
                    plot.ShowLegend();
                }

                var file = Path.Combine("plots", $"{m.Name}.png");
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

    private static string Label(BatchPlan plan, int pointIndex, string set)
    {
        var point = plan.Points[pointIndex];
        var values = string.Join(", ", point.Values.Select(v => $"{v.Name}={v.Text ?? v.Value.ToString("G4", CultureInfo.InvariantCulture)}"));
        return string.Join(" ", new[] { set, values }.Where(s => s.Length > 0)) is { Length: > 0 } label ? label : $"point {pointIndex}";
    }
}
