using System.Collections.Immutable;

namespace DiploSim.Batch.Tests;

public sealed class ExperimentYamlWriterTests
{
    [Fact]
    public void Write_factorial_sets_and_metrics_reads_back_to_the_same_points()
    {
        var experiment = new Experiment("first-class", 7, 3, 18446744073709551615UL,
            new ParameterSweep(
                [new ParameterAxis("TradeElasticity", [2, 2.5, 4.0 / 3]), new ParameterAxis("BuildTurns", [2, 4])],
                [new NamedParameterSet("low \"diversion\"", [new ParameterValue("EnergyDiversion", 0.3)]), new NamedParameterSet("high", [new ParameterValue("EnergyDiversion", 0.9)])],
                null),
            [new MetricRequest("gdp_IND"), new MetricRequest("oil_price")], ["oil_price"], Workers: 6, Output: "ignored");

        var yaml = ExperimentYamlWriter.Write(experiment);
        var (read, errors) = ExperimentYaml.Parse(yaml);

        Assert.Empty(errors);
        Assert.NotNull(read);
        Assert.Equal(yaml, ExperimentYamlWriter.Write(read));
        Assert.Equal(string.Join("\n", Points(experiment)), string.Join("\n", Points(read)));
        Assert.Equal((7, 3, 18446744073709551615UL), (read.Turns!.Value, read.Repetitions, read.Seed));
        Assert.Equal(["gdp_IND", "oil_price"], read.Metrics.Select(m => m.Name));
        Assert.Equal(0, read.Workers);
    }

    [Fact]
    public void Write_Latin_hypercube_reads_back_to_the_same_samples()
    {
        var experiment = new Experiment("baseline", null, 2, 5,
            new ParameterSweep([], [], new LatinHypercube(9, [new ParameterRange("TradeElasticity", 0.6, 5.25), new ParameterRange("BotTemperature", 0.5, 1.5)], Seed: 77)),
            [], []);

        var (read, errors) = ExperimentYaml.Parse(ExperimentYamlWriter.Write(experiment));

        Assert.Empty(errors);
        Assert.Null(read!.Turns);
        Assert.Equal(string.Join("\n", Points(experiment)), string.Join("\n", Points(read)));
    }

    private static ImmutableArray<string> Points(Experiment e) =>
        [.. SweepExpansion.Points(e.Sweep, e.Seed).Select(p => $"{p.Index}|{p.Set}|{string.Join(';', p.Values.Select(v => $"{v.Name}={v.Value:R}"))}")];
}
