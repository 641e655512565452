namespace DiploSim.Batch.Tests;

public sealed class SummaryPlotsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("diplosim-plots-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Twelve parameter points, two runs each, two turns.</summary>
    private static Experiment Twelve() =>
        new("baseline", 2, 2, 3, new ParameterSweep([new ParameterAxis("TradeElasticity", [.. Enumerable.Range(1, 12).Select(i => (double)i)])], [], null),
            [new MetricRequest("oil_price"), new MetricRequest("trust_IND_USA")], ["oil_price", "trust_IND_USA"]);

    [Fact]
    public async Task Every_point_is_plotted_in_files_of_ten_when_there_are_more_than_ten()
    {
        var result = await BatchRunner.RunAsync(Twelve(), BatchModel.Baseline(), new BatchOptions(Path.Combine(_root, "twelve"), Workers: 2));

        Assert.Null(result.PlotError);
        Assert.Equal(
            ["plots/oil_price-points-0-9.png", "plots/oil_price-points-10-11.png", "plots/trust_IND_USA-points-0-9.png", "plots/trust_IND_USA-points-10-11.png"],
            result.Files.Where(f => f.StartsWith("plots", StringComparison.Ordinal)).Select(f => f.Replace('\\', '/')));
        Assert.All(result.Files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)), f => Assert.True(new FileInfo(Path.Combine(result.OutputFolder, f)).Length > 1000));
    }

    [Fact]
    public void Each_point_has_its_own_colour_and_the_axes_carry_units()
    {
        var (plan, _) = BatchPlan.Create(Twelve(), BatchModel.Baseline());
        var records = Enumerable.Range(0, plan!.RunCount).ToDictionary(r => r, r => RunExecution.Execute(plan, r));

        var plots = SummaryPlots.Plots(plan, BatchRunner.Summary(plan, records)).ToList();

        var (_, first) = plots[0];
        var lines = first.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal(10, lines.Count);
        Assert.Equal(10, lines.Select(l => l.Color).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"TradeElasticity={i}"), lines.Select(l => l.LegendText));
        Assert.Equal(2, plots[1].Plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Count());
        Assert.Equal("oil_price (USD/bbl)", first.Axes.Left.Label.Text);
        Assert.Equal("turn (1 turn = a quarter)", first.Axes.Bottom.Label.Text);
        Assert.Equal("trust_IND_USA (trust, −100..100)", plots[2].Plot.Axes.Left.Label.Text);
    }
}
