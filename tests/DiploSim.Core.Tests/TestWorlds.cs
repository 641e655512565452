using System.Collections.Immutable;
using DiploSim.Core.State;
using DiploSim.Core.Worlds;

namespace DiploSim.Core.Tests;

/// <summary>Small worlds with every number under the test's control.</summary>
internal static class TestWorlds
{
    public static readonly ImmutableArray<MoveKind> AllMoves = [.. Enum.GetValues<MoveKind>()];

    public static ActorSpec Actor(string id, double gdp = 1000, double production = 1, double consumption = 1, double trend = 0) =>
        new(id, id, gdp, trend, production, consumption, 50, 2, 0.5, 50,
            new Interests(0.2, 0.2, 0.2, 0.2, 0.2, 0.2, []),
            new Doctrine(AllMoves, [], 0.5, 0));

    /// <summary>
    /// Three actors A, B, C with zero trend growth, flows of 10 in every sector both ways, a 2.6% tariff
    /// everywhere (the pre-2018 US average), neutral trust, and C an oil exporter.
    /// </summary>
    public static WorldState Triangle(ulong seed = 1, Action<WorldBuilder>? configure = null, ModelParameters? parameters = null)
    {
        var b = new WorldBuilder()
            .Seed(seed)
            .Parameters(parameters ?? new ModelParameters())
            .Global(new WorldBuilder.GlobalSpec(70, 100, 30, 50, ["C"], "A"))
            .Actor(Actor("A", consumption: 3))
            .Actor(Actor("B", consumption: 3))
            .Actor(Actor("C", production: 8) with { DefenceIndustry = 0.8 });
        string[] ids = ["A", "B", "C"];
        foreach (var from in ids)
        {
            foreach (var to in ids.Where(t => t != from))
            {
                b.Exports(from, to, 10, 1, 10, 10, 10, 10, 10);
                b.Tariff(to, from, null, 0.026);
            }
        }

        b.Bloc("Club", "A", "B");
        configure?.Invoke(b);
        var built = b.Build();
        return built.Value ?? throw new InvalidOperationException(built.Error);
    }

    public static WorldState Run(WorldState world, int turns, IReadOnlyList<Move>? firstTurnMoves = null)
    {
        var state = world;
        for (var t = 0; t < turns; t++)
        {
            state = TurnResolver.Resolve(state, t == 0 ? firstTurnMoves ?? [] : []).State;
        }

        return state;
    }

    public static double Exports(WorldState world, string from, string to, Sector sector) =>
        world.Relation(from, to).Exports[(int)sector];
}
