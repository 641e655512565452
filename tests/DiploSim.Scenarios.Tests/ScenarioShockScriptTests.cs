using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Scenarios.Tests;

public sealed class ScenarioShockScriptTests
{
    private const string World = """
        id: triggers
        title: Triggers
        start: 2026-Q1
        turns: 200
        global: { oilPrice: 65, tension: 40 }
        actors:
          - { id: AAA, name: Alpha, gdp: 1000, trendGrowth: 0.02, oilProduction: 1, oilConsumption: 2, militaryCapability: 50, armsImportNeed: 1, defenceIndustry: 0.5, stability: 60,
              interests: { prosperity: 0.4, security: 0.2, energySecurity: 0.2, autonomy: 0.1, influence: 0.1 }, doctrine: { riskAppetite: 0.5, favoured: [makeStatement] } }
          - { id: BBB, name: Beta, gdp: 500, trendGrowth: 0.03, oilProduction: 3, oilConsumption: 1, militaryCapability: 40, armsImportNeed: 1, defenceIndustry: 0.5, stability: 60,
              interests: { prosperity: 0.4, security: 0.2, energySecurity: 0.2, autonomy: 0.1, influence: 0.1 }, doctrine: { riskAppetite: 0.5, favoured: [makeStatement] } }
        trade:
          - { from: AAA, to: BBB, exports: { industrial: 20, other: 5 } }
          - { from: BBB, to: AAA, exports: { energy: 30 } }
        tariffs:
          - { importer: AAA, exporter: BBB, rate: 0.05 }
        agreements:
          - { id: pact, kind: strategicPartnership, parties: [AAA, BBB] }
        shocks:
        """;

    private static (WorldState World, ScenarioShockScript Script) Load(string shocks, ulong seed = 1)
    {
        var result = ScenarioLoader.Parse(World + "\n" + shocks, "triggers.yaml", new ScenarioOptions(seed));
        Assert.True(result.IsOk, string.Join("\n", result.Errors));
        return (result.Scenario!.World, result.Script!);
    }

    private static WorldState At(WorldState world, int turn, params (string Id, int Turn)[] fired) =>
        world with { Turn = turn, FiredShocks = [.. fired.Select(f => new FiredShock(f.Id, f.Turn))] };

    private static bool Fires(ScenarioShockScript script, WorldState state, string id) => script.Due(state).Any(s => s.Id == id);

    [Fact]
    public void Scheduled_shock_fires_in_its_turn_only()
    {
        var (world, script) = Load("""
              - { id: s, at: 2026-Q3, headline: S, effects: [ { tension: 1 } ] }
              - { id: twice, at: [2026-Q1, 4], headline: T, effects: [ { tension: 1 } ] }
            """);

        Assert.Equal([2], Enumerable.Range(0, 10).Where(t => Fires(script, At(world, t), "s")));
        Assert.Equal([0, 4], Enumerable.Range(0, 10).Where(t => Fires(script, At(world, t), "twice")));
        Assert.Empty(script.Injects);
    }

    [Fact]
    public void Conditional_shock_fires_when_and_only_when_its_condition_holds_and_once()
    {
        var (world, script) = Load("""
              - { id: spike, when: "oilPrice > 90", headline: Spike, effects: [ { tension: 5 } ] }
            """);
        var high = world with { Global = world.Global with { OilPrice = 95 } };

        Assert.False(Fires(script, At(world, 3), "spike"));
        Assert.True(Fires(script, At(high, 3), "spike"));
        Assert.False(Fires(script, At(high, 5, ("spike", 3)), "spike"));
    }

    [Fact]
    public void Conditions_read_trade_tariffs_agreements_and_fired_shocks()
    {
        var (world, script) = Load("""
              - { id: a, when: "trade(AAA, BBB) > 54.9 && trade(AAA, BBB) < 55.1", headline: A, effects: [ { tension: 1 } ] }
              - { id: b, when: "tariff(AAA, BBB, 'energy') == 0.05 && exports(BBB, AAA, 'energy') == 30", headline: B, effects: [ { tension: 1 } ] }
              - { id: c, when: "inForce('pact') && agreement(AAA, BBB, 'strategicPartnership') && !agreement(AAA, BBB, 'freeTrade')", headline: C, effects: [ { tension: 1 } ] }
              - { id: d, when: "fired('a') && turn >= 2 && year == 2026", headline: D, effects: [ { tension: 1 } ] }
              - { id: e, when: "trust(AAA, BBB) < -50 || sanction(AAA, BBB, 'trade') > 0", headline: E, effects: [ { tension: 1 } ] }
            """);

        var due = script.Due(At(world, 0)).Select(s => s.Id).ToArray();
        Assert.Equal(["a", "b", "c"], due);
        Assert.True(Fires(script, At(world, 2, ("a", 0)), "d"));
        Assert.False(Fires(script, At(world, 1, ("a", 0)), "d"));
        Assert.False(Fires(script, At(world, 4, ("a", 0)), "d")); // 2027
    }

    [Fact]
    public void Probabilistic_shock_draws_reproducibly_from_the_seed()
    {
        var (world, script) = Load("""
              - { id: coin, probability: 0.3, repeat: true, headline: Coin, effects: [ { tension: 1 } ] }
              - { id: never, probability: 0, repeat: true, headline: Never, effects: [ { tension: 1 } ] }
              - { id: always, probability: 1, repeat: true, headline: Always, effects: [ { tension: 1 } ] }
            """, seed: 42);
        int[] Turns(WorldState w) => [.. Enumerable.Range(0, 200).Where(t => Fires(script, At(w, t), "coin"))];

        var first = Turns(world);
        Assert.Equal(first, Turns(world));
        Assert.InRange(first.Length, 40, 80);
        Assert.NotEqual(first, Turns(world.WithSeed(43)));
        Assert.DoesNotContain(Enumerable.Range(0, 200), t => Fires(script, At(world, t), "never"));
        Assert.All(Enumerable.Range(0, 200), t => Assert.True(Fires(script, At(world, t), "always")));
    }

    [Fact]
    public void Draws_use_the_shocks_stream_of_the_state_generator()
    {
        var (world, script) = Load("""
              - { id: coin, probability: 0.5, repeat: true, headline: Coin, effects: [ { tension: 1 } ] }
            """, seed: 9);
        foreach (var t in Enumerable.Range(0, 50))
        {
            var expected = world.Rng.Stream(t, ScenarioShockScript.StreamPurpose("coin")).NextDouble() < 0.5;
            Assert.Equal(expected, Fires(script, At(world, t), "coin"));
        }
    }

    [Fact]
    public void Once_only_random_shock_never_fires_again()
    {
        var (world, script) = Load("""
              - { id: once, probability: 1, headline: Once, effects: [ { tension: 1 } ] }
            """);
        Assert.True(Fires(script, At(world, 3), "once"));
        Assert.False(Fires(script, At(world, 9, ("once", 3)), "once"));
    }

    [Fact]
    public void Repeating_shock_respects_its_cooldown()
    {
        var (world, script) = Load("""
              - { id: rep, when: "tension >= 0", repeat: true, cooldown: 3, headline: Rep, effects: [ { tension: 1 } ] }
            """);

        Assert.True(Fires(script, At(world, 5), "rep"));
        Assert.False(Fires(script, At(world, 6, ("rep", 5)), "rep"));
        Assert.False(Fires(script, At(world, 7, ("rep", 5)), "rep"));
        Assert.True(Fires(script, At(world, 8, ("rep", 5)), "rep"));
        Assert.False(Fires(script, At(world, 9, ("rep", 2), ("rep", 8)), "rep"));
    }

    [Fact]
    public void Window_limits_when_a_shock_may_fire()
    {
        var (world, script) = Load("""
              - { id: w, when: "turn >= 0", repeat: true, from: 2026-Q3, until: 2027-Q1, headline: W, effects: [ { tension: 1 } ] }
            """);
        Assert.Equal([2, 3, 4], Enumerable.Range(0, 10).Where(t => Fires(script, At(world, t), "w")));
    }

    [Fact]
    public void Shocks_without_a_trigger_are_the_inject_menu_and_never_due()
    {
        var (world, script) = Load("""
              - { id: menu, headline: Menu, effects: [ { trust: { from: AAA, to: BBB, delta: 5 } } ] }
            """);
        Assert.Equal("menu", Assert.Single(script.Injects).Id);
        Assert.NotNull(script.Find("menu"));
        Assert.All(Enumerable.Range(0, 20), t => Assert.Empty(script.Due(At(world, t))));
    }

    [Fact]
    public void In_a_played_game_shocks_fire_in_their_turns_and_repeat_exactly_for_a_seed()
    {
        var (world, script) = Load("""
              - { id: first, at: 2026-Q2, headline: First, effects: [ { oilSupply: -2 } ] }
              - { id: follow, when: "fired('first')", headline: Follow, effects: [ { tension: 10 } ] }
              - { id: noise, probability: 0.2, repeat: true, cooldown: 2, headline: Noise, effects: [ { stability: { actor: AAA, delta: -1 } } ] }
            """, seed: 5);
        string[][] Play(WorldState w) => [.. Simulation.Play(w, script, 20).Select(r => r.Outcome.Shocks.Select(s => s.Id).ToArray())];

        var history = Play(world);

        Assert.Contains("first", history[1]);
        Assert.Contains("follow", history[2]);
        Assert.Equal(1, history.Count(h => h.Contains("first")));
        Assert.Equal(1, history.Count(h => h.Contains("follow")));
        var noise = history.Select((h, t) => (h, t)).Where(x => x.h.Contains("noise")).Select(x => x.t).ToArray();
        Assert.All(noise.Zip(noise.Skip(1)), p => Assert.True(p.Second - p.First >= 2));
        Assert.Equal(history, Play(world));
    }

    [Fact]
    public void Policy_effects_reach_the_model()
    {
        var (world, script) = Load("""
              - { id: hike, at: 2026-Q1, headline: Hike, effects: [ { tariff: { actor: AAA, target: BBB, sector: energy, rate: 0.4 } }, { sanction: { actor: BBB, target: AAA, domain: finance, level: targeted } } ] }
            """);
        var result = Simulation.Play(world, script, 1).Single();
        Assert.Empty(result.Outcome.Shocks.Single().Notes);
        Assert.Equal(0.4, result.State.Relation("AAA", "BBB").Tariffs[(int)Sector.Energy]);
        Assert.Equal(SanctionLevel.Targeted, result.State.Relation("BBB", "AAA").Sanction(SanctionDomain.Finance));
    }
}
