using BenchmarkDotNet.Attributes;
using DiploSim.Core;
using DiploSim.Core.Bots;
using DiploSim.Core.State;
using DiploSim.Core.Worlds;
using DiploSim.Scenarios;

namespace DiploSim.Benchmarks;

/// <summary>
/// One turn of the model: the baseline with no moves, the baseline with all five bots deciding, and a
/// 20-actor synthetic world. <see cref="TurnsPlayed"/> starts the turn after 0 or 40 played turns, so the
/// allocation column shows whether a turn's cost grows with the length of the game.
/// </summary>
[MemoryDiagnoser]
public class TurnBenchmarks
{
    private WorldState _baseline = null!;
    private WorldState _synthetic = null!;
    private string[] _baselineActors = [];
    private string[] _syntheticActors = [];

    [Params(0, 40)]
    public int TurnsPlayed { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _baseline = Advance(BaselineScenario.World(7), TurnsPlayed);
        _synthetic = Advance(SyntheticWorld.Create(20, 7), TurnsPlayed);
        _baselineActors = [.. _baseline.Actors.Select(a => a.Id)];
        _syntheticActors = [.. _synthetic.Actors.Select(a => a.Id)];
    }

    private static WorldState Advance(WorldState world, int turns) =>
        turns == 0 ? world : Simulation.Play(world, ShockScript.Empty, turns).Last().State;

    [Benchmark(Baseline = true, Description = "baseline turn, no moves")]
    public TurnResult BaselineTurn() => TurnResolver.Resolve(_baseline, []);

    [Benchmark(Description = "baseline turn, five bots deciding")]
    public TurnResult BaselineTurnWithBots() => TurnResolver.Resolve(_baseline, Bot.DecideAll(_baseline, _baselineActors));

    [Benchmark(Description = "one bot's decision (India)")]
    public int OneBotDecision() => Bot.Decide(_baseline, "IND").Length;

    [Benchmark(Description = "20-actor turn, no moves")]
    public TurnResult SyntheticTurn() => TurnResolver.Resolve(_synthetic, []);

    [Benchmark(Description = "20-actor turn, twenty bots deciding")]
    public TurnResult SyntheticTurnWithBots() => TurnResolver.Resolve(_synthetic, Bot.DecideAll(_synthetic, _syntheticActors));

    [Benchmark(Description = "state hash")]
    public string Hash() => StateHash.Compute(_baseline);
}
