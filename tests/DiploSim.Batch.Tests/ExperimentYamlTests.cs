namespace DiploSim.Batch.Tests;

public sealed class ExperimentYamlTests
{
    [Fact]
    public void Parse_full_experiment_reads_every_section()
    {
        const string yaml = """
            scenario: baseline
            turns: 6
            repetitions: 3
            seed: 42
            parameters:
              factorial:
                TradeElasticity: 2..5:4
                OilPriceFlexibility: [2, 3]
              sets:
                low: { EnergyDiversion: 0.3 }
                high: { EnergyDiversion: 0.9 }
            metrics: [gdp, oil_price, trade_IND_RUS]
            plots: [oil_price]
            workers: 2
            """;

        var (experiment, errors) = ExperimentYaml.Parse(yaml);

        Assert.Empty(errors);
        Assert.NotNull(experiment);
        Assert.Equal("baseline", experiment.Scenario);
        Assert.Equal(6, experiment.Turns);
        Assert.Equal(3, experiment.Repetitions);
        Assert.Equal(42UL, experiment.Seed);
        Assert.Equal([2.0, 3.0, 4.0, 5.0], experiment.Sweep.Factorial[0].Values.ToArray());
        Assert.Equal("OilPriceFlexibility", experiment.Sweep.Factorial[1].Name);
        Assert.Equal(["low", "high"], experiment.Sweep.Sets.Select(s => s.Name));
        Assert.Equal(["gdp", "oil_price", "trade_IND_RUS"], experiment.Metrics.Select(m => m.Name));
        Assert.Equal(2, experiment.Workers);
    }

    [Theory]
    [InlineData("scenario: baseline\nparameters:\n  factorial:\n    TradeElastic: [2, 3]\n", 4, 5, "unknown model parameter 'TradeElastic'")]
    [InlineData("scenario: baseline\nparameters:\n  factorial:\n    TradeElasticity: two..five:3\n", 4, 22, "expected a number for TradeElasticity")]
    [InlineData("scenario: baseline\nparameters:\n  factorial:\n    BuildTurns: 2.5..4:3\n", 4, 17, "BuildTurns is a whole number")]
    [InlineData("scenario: baseline\nparameters:\n  factorial:\n    TradeElasticity: 2..5\n", 4, 22, "needs a count of values")]
    [InlineData("scenario: baseline\nrepetitions: 0\n", 2, 14, "expected a whole number from 1 to 2147483647 for repetitions")]
    [InlineData("scenario: baseline\nrepititions: 3\n", 2, 1, "unknown key 'repititions'")]
    [InlineData("scenario: baseline\nnegotiationRounds: 11\n", 2, 20, "expected a whole number from 0 to 10 for negotiationRounds, got '11'")]
    [InlineData("scenario: baseline\nworkers: 100000\n", 2, 10, "expected a whole number from 0 to 1024 for workers, got '100000'")]
    [InlineData("scenario: baseline\nmetrics: [gdp, happiness]\n", 2, 16, "unknown metric 'happiness'")]
    [InlineData("scenario: baseline\nparameters:\n  latinHypercube:\n    samples: 0\n    ranges: { TradeElasticity: 2..5 }\n", 4, 14, "from 1 to 2147483647 for samples")]
    [InlineData("scenario: baseline\nparameters:\n  latinHypercube:\n    samples: 4\n    ranges: { TradeElasticity: 5..2 }\n", 5, 32, "the low end is above the high end")]
    [InlineData("turns: 4\n", 1, 1, "missing 'scenario'")]
    [InlineData("scenario: baseline\nturns: [4\n", 3, 1, "not valid YAML")]
    public void A_broken_experiment_file_is_refused_at_its_file_line_and_column_with_what_was_expected(string yaml, int line, int column, string message)
    {
        var (experiment, errors) = ExperimentYaml.Parse(yaml, "sweep.yaml");

        Assert.Null(experiment);
        var error = Assert.Single(errors);
        Assert.Equal(new SourceLocation("sweep.yaml", line, column), error.Location);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_several_problems_reports_them_all()
    {
        var (_, errors) = ExperimentYaml.Parse("scenario: baseline\nturns: 0\nparameters:\n  factorial:\n    Nope: 1\n");

        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Flags_quick_sweep_spreads_runs_over_points()
    {
        var (experiment, errors) = ExperimentFlags.Parse("baseline", ["--runs", "1000", "--set", "model.tradeElasticity=2..5:4", "--seed", "1"]);

        Assert.Empty(errors);
        Assert.NotNull(experiment);
        Assert.Equal(250, experiment.Repetitions);
        Assert.Equal(1UL, experiment.Seed);
        var axis = Assert.Single(experiment.Sweep.Factorial);
        Assert.Equal("TradeElasticity", axis.Name);
        Assert.Equal([2.0, 3.0, 4.0, 5.0], axis.Values.ToArray());
    }

    [Fact]
    public void Flags_Latin_hypercube_uses_bare_ranges()
    {
        var (experiment, errors) = ExperimentFlags.Parse("baseline", ["--lhs", "8", "--set", "TradeElasticity=2..5", "--set", "BotTemperature=0.5..1.5", "--repetitions", "2"]);

        Assert.Empty(errors);
        Assert.Equal(8, experiment!.Sweep.Hypercube!.Samples);
        Assert.Equal(2, experiment.Sweep.Hypercube.Ranges.Length);
    }

    [Theory]
    [InlineData(new[] { "--set", "Nope=1" }, 2, "unknown model parameter 'Nope'")]
    [InlineData(new[] { "--runs", "0" }, 2, "from 1 to 2147483647")]
    [InlineData(new[] { "--runs", "10", "--set", "TradeElasticity=2..5:4" }, 1, "does not spread evenly over 4")]
    [InlineData(new[] { "--seed", "-3" }, 2, "--seed")]
    [InlineData(new[] { "--fast" }, 1, "unknown flag '--fast'")]
    [InlineData(new[] { "--workers", "100000" }, 2, "--workers: expected a whole number from 0 to 1024, got '100000'")]
    public void A_bad_flag_of_the_quick_form_is_refused_at_its_argument(string[] args, int column, string message)
    {
        var (experiment, errors) = ExperimentFlags.Parse("baseline", args);

        Assert.Null(experiment);
        var error = Assert.Single(errors);
        Assert.Equal(column, error.Location!.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
