using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Batch.Tests;

/// <summary>The open metric catalogue, the world metrics' two spellings, and the model parameters' ranges in sweeps.</summary>
public sealed class MetricAndParameterTests
{
    private static readonly WorldState World = BatchModel.Baseline().Scenario.World;

    private static Metric One(string name)
    {
        var (metrics, errors) = MetricCatalog.Resolve([new MetricRequest(name)], World);
        Assert.Empty(errors);
        return Assert.Single(metrics);
    }

    [Fact]
    public void Exports_of_one_actor_to_another_is_a_directional_flow()
    {
        var metric = One("exports_IND_USA");

        Assert.Equal("exports_IND_USA", metric.Name);
        Assert.Equal(World.Relation("IND", "USA").TotalExports, metric.Read(World));
        Assert.NotEqual(World.Relation("USA", "IND").TotalExports, metric.Read(World));
        Assert.Equal(World.Relation("USA", "IND").TotalExports, One("imports_IND_USA").Read(World));
        Assert.Equal(World.BilateralTrade("IND", "USA"), One("trade_IND_USA").Read(World), 9);
        Assert.Equal("USD bn/yr", metric.Unit);
    }

    [Theory]
    [InlineData("exports_IND_USA_pharma")]
    [InlineData("trust_IND_USA")]
    [InlineData("tariff_USA_IND_technology")]
    [InlineData("tariff_USA_IND")]
    [InlineData("sanction_USA_RUS_finance")]
    [InlineData("crude_IND_RUS")]
    [InlineData("agreements_IND_RUS")]
    [InlineData("agreements")]
    [InlineData("oilPrice")]
    public void The_catalogue_reads_trust_tariffs_sanctions_crude_agreements_and_sector_flows(string name)
    {
        var metric = One(name);

        Assert.True(double.IsFinite(metric.Read(World)));
        Assert.NotEqual("", metric.Unit);
    }

    [Fact]
    public void Each_pair_metric_reads_the_field_it_names()
    {
        Assert.Equal(World.Relation("IND", "USA").Exports[(int)Sector.Pharma], One("exports_IND_USA_pharma").Read(World));
        Assert.Equal(World.Relation("IND", "USA").Trust, One("trust_IND_USA").Read(World));
        Assert.Equal(World.Relation("USA", "IND").Tariffs[(int)Sector.Technology], One("tariff_USA_IND_technology").Read(World));
        Assert.Equal((int)World.Relation("USA", "RUS").Sanction(SanctionDomain.Finance), One("sanction_USA_RUS_finance").Read(World));
        Assert.Equal(World.Relation("IND", "RUS").Crude?.VolumeMbd ?? 0, One("crude_IND_RUS").Read(World));
        Assert.Equal(World.Agreements.Count(a => a.InForce), One("agreements").Read(World));
        Assert.Equal("oil_price", One("oilPrice").Name);
    }

    [Fact]
    public void A_bare_pair_kind_means_every_directed_pair()
    {
        var (metrics, errors) = MetricCatalog.Resolve([new MetricRequest("trust")], World);

        Assert.Empty(errors);
        var n = World.Actors.Length;
        Assert.Equal(n * (n - 1), metrics.Length);
    }

    [Theory]
    [InlineData("exports_IND_JPN", "names an actor, pair, sector or sanction domain this scenario does not have")]
    [InlineData("exports_IND_USA_cars", "sectors: energy, defence, agriculture, pharma, industrial, technology, other")]
    [InlineData("sanction_USA_RUS", "domains (for sanction, required): trade, finance, energy, technology")]
    [InlineData("trist_IND_USA", "unknown metric 'trist_IND_USA'")]
    public void A_metric_the_scenario_cannot_give_says_what_it_can(string name, string message)
    {
        var (_, errors) = MetricCatalog.Resolve([new MetricRequest(name)], World);

        Assert.Contains(message, Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_takes_the_oil_price_under_the_triggers_name_and_the_tables_name()
    {
        var (camel, e1) = BatchCondition.Compile(new ConditionRequest("a", "oilPrice > 1 and trust_IND_USA > -101"), World);
        var (snake, e2) = BatchCondition.Compile(new ConditionRequest("b", "oil_price > 1"), World);
        var (high, e3) = BatchCondition.Compile(new ConditionRequest("c", "oilPrice > 100000"), World);

        Assert.Empty(e1.Concat(e2).Concat(e3));
        Assert.True(camel!.Holds(World, 0));
        Assert.True(snake!.Holds(World, 0));
        Assert.False(high!.Holds(World, 0));
    }

    [Theory]
    [InlineData("TradeElasticity=-1", "model parameter TradeElasticity must be from 0.5 to 20 (found -1)")]
    [InlineData("TrustDecay=5", "model parameter TrustDecay must be from 0 to 1 (found 5)")]
    [InlineData("TrustDecay=0.05,5", "model parameter TrustDecay must be from 0 to 1 (found 5)")]
    [InlineData("TrustDecay=0..5:3", "model parameter TrustDecay must be from 0 to 1 (found 5)")]
    public void Flags_out_of_a_parameters_range_are_refused_at_their_place(string set, string message)
    {
        var (experiment, errors) = ExperimentFlags.Parse("baseline", ["--repetitions", "1", "--set", set]);

        Assert.Null(experiment);
        var error = Assert.Single(errors);
        Assert.Equal(new SourceLocation(ExperimentFlags.Source, 1, 4), error.Location);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_built_in_code_with_a_value_out_of_range_is_refused_before_any_run()
    {
        var experiment = new Experiment("baseline", 2, 1, 1, new ParameterSweep([new ParameterAxis("TrustDecay", [0.05, 2.5])], [], null), [], []);

        var (plan, errors) = BatchPlan.Create(experiment, BatchModel.Baseline());

        Assert.Null(plan);
        Assert.Contains("model parameter TrustDecay must be from 0 to 1 (found 2.5)", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_experiment_file_value_out_of_range_is_a_located_error()
    {
        var (experiment, errors) = ExperimentYaml.Parse("scenario: baseline\nparameters:\n  factorial:\n    TrustDecay: [0.05, 5]\n", "e.yaml");

        Assert.Null(experiment);
        var error = Assert.Single(errors);
        Assert.Equal(new SourceLocation("e.yaml", 4, 24), error.Location);
        Assert.Contains("must be from 0 to 1 (found 5)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spaced_range_with_a_count_of_one_between_two_ends_is_refused()
    {
        var (_, error) = ParameterSpec.ParseValues("TradeElasticity", "2..5:1");
        var (same, none) = ParameterSpec.ParseValues("TradeElasticity", "2..2:1");

        Assert.Equal("range '2..5:1' for TradeElasticity asks for one value between two ends; write the value alone ('2') or a count of at least 2", error);
        Assert.Null(none);
        Assert.Equal([2.0], same.ToArray());
    }
}
