using DiploSim.Core.Bots;
using DiploSim.Core.State;
using DiploSim.Scenarios;

namespace DiploSim.Core.Tests;

/// <summary>Same scenario, seed and moves → the same state hash at every turn.</summary>
public sealed class DeterminismTests
{
    private static IReadOnlyList<string> Hashes(ulong seed, int turns) =>
        [.. Simulation.Play(BaselineScenario.World(seed), ShockScript.Empty, turns).Select(r => r.Outcome.StateHash)];

    [Fact]
    public void Same_seed_and_moves_give_the_same_hash_at_every_turn()
    {
        var first = Hashes(7, 12);
        var second = Hashes(7, 12);
        Assert.Equal(first, second);
        Assert.Equal(12, first.Distinct().Count());
        Assert.All(first, h => Assert.Matches("^[0-9a-f]{64}$", h));
    }

    [Fact]
    public void Different_seeds_give_different_runs_where_chance_matters()
    {
        // Bots add seeded noise and sanctioned sellers' deliveries slip at random.
        var a = Hashes(1, 8);
        var b = Hashes(2, 8);
        Assert.NotEqual(a[^1], b[^1]);
    }

    [Fact]
    public void The_order_in_which_moves_arrive_does_not_change_the_result()
    {
        var world = BaselineScenario.World(3);
        Move[] moves =
        [
            new SetTariff("USA", "IND", null, 0.25),
            new HoldSummit("RUS", ["IND", "CHN"]),
            new ProposeAgreement("IND", "eaeu", AgreementKind.FreeTrade, ["RUS"], AgreementTerms.None),
            new AnswerProposal("RUS", "eaeu", true),
            new SetSanction("EU", "RUS", SanctionDomain.Trade, SanctionLevel.Comprehensive),
            new MakeStatement("EU", "RUS", Stance.Condemn),
            new BuyDiscountedCrude("IND", "RUS", 2.0, 0.1),
            new MakeStatement("CHN", "USA", Stance.Condemn),
            new SetTariff("USA", "IND", null, 0.1), // conflicts with the first: canonical order decides
        ];

        var forward = TurnResolver.Resolve(world, moves);
        var reversed = TurnResolver.Resolve(world, [.. moves.Reverse()]);
        var shuffled = TurnResolver.Resolve(world, [.. moves.OrderBy(m => m.GetHashCode())]);

        Assert.Equal(forward.Outcome.StateHash, reversed.Outcome.StateHash);
        Assert.Equal(forward.Outcome.StateHash, shuffled.Outcome.StateHash);
        Assert.Equal(forward.Outcome.Moves.Select(m => (m.Move.CanonicalText, m.Accepted)), reversed.Outcome.Moves.Select(m => (m.Move.CanonicalText, m.Accepted)));
        Assert.Contains(forward.State.Agreements, g => g.Id == "eaeu");
    }

    [Fact]
    public void The_hash_changes_when_any_part_of_the_state_changes()
    {
        var world = BaselineScenario.World();
        var hash = StateHash.Compute(world);
        Assert.Equal(hash, StateHash.Compute(BaselineScenario.World()));
        Assert.NotEqual(hash, StateHash.Compute(world.WithSeed(99)));
        Assert.NotEqual(hash, StateHash.Compute(world with { Global = world.Global with { OilPrice = 63.000001 } }));
        var r = world.Relations[1];
        Assert.NotEqual(hash, StateHash.Compute(world with { Relations = world.Relations.SetItem(1, r with { Trust = r.Trust + 1e-9 }) }));
        Assert.NotEqual(hash, StateHash.Compute(world with { Parameters = world.Parameters with { TradeElasticity = 4.1 } }));
    }

    [Fact]
    public void Every_world_a_run_passes_through_keeps_its_hash_while_later_turns_and_the_bots_looks_resolve()
    {
        // A turn's draft writes in place the records it copied itself that turn, and a bot's looks hand their export
        // arrays on to later looks and turns on the same thread: neither may ever reach a world that was handed out.
        var files = Directory.GetFiles(ScenarioLibrary.Locate()!, "*.yaml", SearchOption.AllDirectories);
        Assert.True(files.Length >= 9, $"the library and its history files: {files.Length} found");
        foreach (var file in files)
        {
            var scenario = ScenarioLoader.Load(file, new ScenarioOptions(3)).Scenario!;
            var start = StateHash.Compute(scenario.World);
            var results = Simulation.Play(scenario.World, scenario.Script, Math.Min(scenario.Turns, 16)).ToList();
            Assert.Equal(start, StateHash.Compute(scenario.World));
            Assert.All(results, r => Assert.Equal(r.Outcome.StateHash, StateHash.Compute(r.State)));
        }
    }

    [Fact]
    public void A_run_resumed_from_any_turn_continues_with_the_same_hashes()
    {
        var results = Simulation.Play(BaselineScenario.World(5), ShockScript.Empty, 10).ToList();
        var resumed = Simulation.Play(results[4].State, ShockScript.Empty, 5).Select(r => r.Outcome.StateHash).ToList();
        Assert.Equal(results.Skip(5).Select(r => r.Outcome.StateHash), resumed);
    }

    [Fact]
    public void Rng_streams_are_independent_and_reproducible()
    {
        var rng = new Rng(42);
        var a = rng.Stream(3, RngPurpose.Defence);
        var b = rng.Stream(3, RngPurpose.Defence);
        var c = rng.Stream(4, RngPurpose.Defence);
        var d = rng.Stream(3, RngPurpose.Shocks);
        var first = a.NextDouble();
        Assert.Equal(first, b.NextDouble());
        Assert.NotEqual(first, c.NextDouble());
        Assert.NotEqual(first, d.NextDouble());
        var draws = Enumerable.Range(0, 10_000).Select(_ => a.NextDouble()).ToArray();
        Assert.All(draws, x => Assert.InRange(x, 0, 1));
        Assert.InRange(draws.Average(), 0.48, 0.52);
    }

    [Fact]
    public void Bots_decide_the_same_way_for_the_same_state()
    {
        var world = BaselineScenario.World(11);
        var ids = world.Actors.Select(a => a.Id).ToArray();
        Assert.Equal(Bot.DecideAll(world, ids).Select(m => m.CanonicalText), Bot.DecideAll(world, ids).Select(m => m.CanonicalText));
    }
}
