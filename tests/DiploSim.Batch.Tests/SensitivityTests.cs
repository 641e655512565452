using System.Globalization;

namespace DiploSim.Batch.Tests;

public sealed class SensitivityTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("diplosim-sensitivity-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Ishigami and Homma's function, a = 7, b = 0.1, on [−π, π]³ (Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, §4.9).</summary>
    private static double Ishigami(double[] u)
    {
        var x = u.Select(v => -Math.PI + (2 * Math.PI * v)).ToArray();
        return Math.Sin(x[0]) + (7 * Math.Pow(Math.Sin(x[1]), 2)) + (0.1 * Math.Pow(x[2], 4) * Math.Sin(x[0]));
    }

    [Fact]
    public void Sobol_indices_of_the_Ishigami_function_match_the_published_values()
    {
        var design = Sensitivity.SobolDesign(samples: 1 << 15, k: 3, seed: 2024);

        var (s1, st) = Sensitivity.SobolIndices([.. design.Select(Ishigami)], k: 3);

        // Analytical values: S1 = 0.314, 0.442, 0; ST = 0.558, 0.442, 0.244.
        double[] expectedFirst = [0.314, 0.442, 0.0];
        double[] expectedTotal = [0.558, 0.442, 0.244];
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(s1[i], expectedFirst[i] - 0.02, expectedFirst[i] + 0.02);
            Assert.InRange(st[i], expectedTotal[i] - 0.02, expectedTotal[i] + 0.02);
        }
    }

    [Fact]
    public void Morris_effects_of_a_linear_function_are_its_slopes_and_of_a_product_vary()
    {
        var design = Sensitivity.MorrisDesign(trajectories: 20, k: 3, levels: 4, seed: 7);
        double[] widths = [2, 4, 1];
        double[] Real(double[] u) => [.. u.Select((v, i) => v * widths[i])];

        var (mu, muStar, sigma) = Sensitivity.MorrisIndices(design, [.. design.Select(u => { var x = Real(u); return (3 * x[0]) - (2 * x[1]); })], widths);
        var (_, productStar, productSigma) = Sensitivity.MorrisIndices(design, [.. design.Select(u => { var x = Real(u); return x[0] * x[1]; })], widths);

        Assert.Equal([3.0, -2.0, 0.0], mu.Select(v => Math.Round(v, 9)));
        Assert.Equal([3.0, 2.0, 0.0], muStar.Select(v => Math.Round(v, 9)));
        Assert.All(sigma, s => Assert.Equal(0, s, 9));
        Assert.True(productSigma[0] > 0.1 && productStar[0] > 0.1);
        Assert.Equal(0, productStar[2]);
    }

    [Fact]
    public void Morris_steps_move_one_parameter_by_two_thirds_on_four_levels_and_stay_in_range()
    {
        var design = Sensitivity.MorrisDesign(trajectories: 50, k: 4, levels: 4, seed: 3);

        Assert.Equal(50 * 5, design.Length);
        Assert.All(design, row => Assert.All(row, v => Assert.InRange(v, 0, 1)));
        for (var t = 0; t < 50; t++)
        {
            for (var step = 0; step < 4; step++)
            {
                var changes = design[(t * 5) + step].Zip(design[(t * 5) + step + 1]).Select(p => Math.Abs(p.First - p.Second)).Where(d => d > 0).ToList();
                Assert.Equal(2.0 / 3, Assert.Single(changes), 12);
            }
        }
    }

    [Fact]
    public async Task A_sobol_batch_writes_the_indices_of_every_metric_and_parameter()
    {
        var path = Path.Combine(_root, "sobol.yaml");
        File.WriteAllText(path, """
            scenario: baseline
            turns: 2
            repetitions: 1
            seed: 4
            parameters:
              sobol:
                samples: 4
                ranges: { TradeElasticity: 2..6, OilPriceFlexibility: 2..4 }
            metrics: [oil_price, trade_IND_RUS]
            """);
        var (experiment, errors) = ExperimentYaml.ParseFile(path);
        Assert.Empty(errors);

        var result = await BatchRunner.RunAsync(experiment!, BatchModel.Baseline(), new BatchOptions(Path.Combine(_root, "out"), Plots: false));

        Assert.Equal(4 * (2 + 2), result.Runs);
        Assert.Contains(BatchRunner.SensitivityFile, result.Files);
        var records = Csv.ReadRecords(File.ReadAllText(Path.Combine(result.OutputFolder, BatchRunner.SensitivityFile)));
        Assert.Equal(["method", "metric", "parameter", "index", "value"], records[0]);
        Assert.Equal(2 * 2 * 2, records.Count - 1);
        Assert.Contains(records, r => r is ["sobol", "trade_IND_RUS", "TradeElasticity", "ST", var v] && double.Parse(v, CultureInfo.InvariantCulture) > 0);

        // The experiment travels to a cluster's silos as YAML and comes back to the same points.
        var (again, againErrors) = ExperimentYaml.Parse(ExperimentYamlWriter.Write(experiment!));
        Assert.Empty(againErrors);
        Assert.Equal(SweepExpansion.Points(experiment!.Sweep, 4).SelectMany(p => p.Values), SweepExpansion.Points(again!.Sweep, 4).SelectMany(p => p.Values));
    }

    [Fact]
    public void Morris_from_flags_has_trajectories_times_k_plus_one_points_and_sets_are_refused()
    {
        var (experiment, errors) = ExperimentFlags.Parse("baseline", ["--morris", "3", "--set", "TradeElasticity=2..6", "--set", "TrustDecay=0..0.2", "--turns", "1"]);
        Assert.Empty(errors);
        var (plan, planErrors) = BatchPlan.Create(experiment!, BatchModel.Baseline());
        Assert.Empty(planErrors);
        Assert.Equal(3 * 3, plan!.Points.Length);

        var withSets = experiment! with { Sweep = experiment.Sweep with { Sets = [new NamedParameterSet("a", [])] } };
        Assert.Contains(BatchPlan.Create(withSets, BatchModel.Baseline()).Errors, e => e.Message.Contains("morris samples its ranges alone", StringComparison.Ordinal));
    }
}
