using System.Collections.Immutable;
using DiploSim.Core.State;

namespace DiploSim.Core;

/// <summary>
/// Decides which shocks fall due in a turn. A script is stateless: what has fired before is in
/// <see cref="WorldState.FiredShocks"/>, and chance comes from the state's seeded generator, so the same
/// state always gives the same shocks.
/// </summary>
public abstract class ShockScript
{
    /// <summary>A script with no shocks and no injects.</summary>
    public static ShockScript Empty { get; } = new FixedShockScript([], []);

    /// <summary>Shocks due in the turn <see cref="WorldState.Turn"/> is about to resolve, in id order.</summary>
    public abstract IReadOnlyList<Shock> Due(WorldState state);

    /// <summary>Shocks with no trigger: the menu the teacher fires from.</summary>
    public abstract IReadOnlyList<Shock> Injects { get; }

    /// <summary>Finds any shock of the script (scheduled, conditional, random or inject) by id.</summary>
    public abstract Shock? Find(string id);
}

/// <summary>A script of shocks fixed to turns, for tests and code-built worlds.</summary>
public sealed class FixedShockScript(ImmutableArray<(int Turn, Shock Shock)> scheduled, ImmutableArray<Shock> injects) : ShockScript
{
    public override IReadOnlyList<Shock> Injects => injects;

    public override IReadOnlyList<Shock> Due(WorldState state) =>
        [.. scheduled.Where(s => s.Turn == state.Turn).Select(s => s.Shock).OrderBy(s => s.Id, StringComparer.Ordinal)];

    public override Shock? Find(string id) =>
        scheduled.Select(s => s.Shock).Concat(injects).FirstOrDefault(s => s.Id == id);
}

/// <summary>A scenario ready to play: its turn-0 world and its shock script.</summary>
/// <param name="Id">Short name, e.g. <c>india-russia-summit-2025</c>.</param>
/// <param name="Title">Title for people.</param>
/// <param name="Summary">What it is about, for the lobby.</param>
/// <param name="Turns">How many turns it is meant to run.</param>
public sealed record Scenario(string Id, string Title, string Summary, int Turns, WorldState World, ShockScript Script);

/// <summary>Headless play: bots on every seat, the script's shocks, turn after turn.</summary>
public static class Simulation
{
    /// <summary>
    /// Plays <paramref name="turns"/> turns from <paramref name="world"/> with bots on every seat (or only on the
    /// seats of <paramref name="movers"/>; the others make no move) and the script's shocks, yielding each turn's
    /// result as it resolves. The bots are told the run ends at <paramref name="endTurn"/>, by default after the
    /// turns played (a session of a longer scenario tells them the scenario's end).
    /// </summary>
    public static IEnumerable<TurnResult> Play(WorldState world, ShockScript script, int turns, ResolveOptions? options = null, IReadOnlyCollection<string>? movers = null, int? endTurn = null)
    {
        var state = world;
        var ids = movers?.ToArray() ?? world.Actors.Select(a => a.Id).ToArray();
        var end = endTurn ?? world.Turn + turns;
        for (var t = 0; t < turns; t++)
        {
            var shocks = script.Due(state);
            var moves = Bots.Bot.DecideAll(state, ids, end);
            var result = TurnResolver.Resolve(state, shocks, moves, options);
            state = result.State;
            yield return result;
        }
    }
}
