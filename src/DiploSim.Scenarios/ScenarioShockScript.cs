using System.Collections.Immutable;
using System.Text;
using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Scenarios;

/// <summary>
/// When a shock fires. Every stated condition must hold in the same turn: the turn is one of <see cref="At"/>,
/// <see cref="When"/> is true, and a draw from the seeded generator falls below <see cref="Probability"/>.
/// A shock with none of the three is an inject, fired only by the teacher.
/// </summary>
/// <param name="At">Turns at which it fires (scheduled); empty when unscheduled.</param>
/// <param name="When">A condition over the state, evaluated each turn.</param>
/// <param name="Probability">Chance per turn, drawn from the state's seeded generator.</param>
/// <param name="From">First turn in which it may fire.</param>
/// <param name="Until">Last turn in which it may fire.</param>
/// <param name="Repeat">Whether a conditional or random shock may fire again.</param>
/// <param name="Cooldown">Turns that must pass after it fires before it may fire again.</param>
public sealed record ShockTrigger(
    ImmutableArray<int> At,
    Condition? When,
    double? Probability,
    int? From,
    int? Until,
    bool Repeat,
    int Cooldown)
{
    public static readonly ShockTrigger Inject = new([], null, null, null, null, false, 1);

    public bool IsInject => At.IsEmpty && When is null && Probability is null;
}

/// <summary>A shock of a scenario and what triggers it.</summary>
public sealed record ScriptedShock(Shock Shock, ShockTrigger Trigger);

/// <summary>
/// The shock script of a scenario file. Stateless: once-only and cooldown rules read
/// <see cref="WorldState.FiredShocks"/>, and each random shock draws from its own stream of the state's
/// generator (<see cref="RngPurpose.Shocks"/> plus a stable hash of its id), so the same state always gives
/// the same shocks, whatever else consumes randomness.
/// </summary>
public sealed class ScenarioShockScript : ShockScript
{
    private readonly ImmutableArray<ScriptedShock> _shocks;
    private readonly ImmutableArray<Shock> _injects;

    public ScenarioShockScript(IEnumerable<ScriptedShock> shocks)
    {
        _shocks = [.. shocks.OrderBy(s => s.Shock.Id, StringComparer.Ordinal)];
        _injects = [.. _shocks.Where(s => s.Trigger.IsInject).Select(s => s.Shock)];
    }

    /// <summary>Every shock of the script, in id order.</summary>
    public ImmutableArray<ScriptedShock> Shocks => _shocks;

    public override IReadOnlyList<Shock> Injects => _injects;

    public override Shock? Find(string id) => _shocks.FirstOrDefault(s => s.Shock.Id == id)?.Shock;

    public override IReadOnlyList<Shock> Due(WorldState state)
    {
        var due = new List<Shock>();
        foreach (var (shock, trigger) in _shocks)
        {
            if (!trigger.IsInject && Fires(state, shock.Id, trigger))
            {
                due.Add(shock);
            }
        }

        return due;
    }

    /// <summary>The purpose of a shock's random stream: <see cref="RngPurpose.Shocks"/> plus an FNV-1a hash of its id.</summary>
    public static ulong StreamPurpose(string shockId)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(shockId))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return RngPurpose.Shocks + (hash >> 8);
    }

    private static bool Fires(WorldState state, string id, ShockTrigger trigger)
    {
        var turn = state.Turn;
        if ((trigger.From is { } from && turn < from) || (trigger.Until is { } until && turn > until))
        {
            return false;
        }

        var last = state.LastFired(id);
        if (!trigger.At.IsEmpty)
        {
            if (!trigger.At.Contains(turn) || last == turn)
            {
                return false;
            }
        }
        else if (last is { } l && (!trigger.Repeat || turn - l < trigger.Cooldown))
        {
            return false;
        }

        // A condition that cannot be evaluated does not fire; the loader has already evaluated each one at turn 0.
        if (trigger.When is { } when && when.Evaluate(state) is not { IsOk: true, Value: true })
        {
            return false;
        }

        if (trigger.Probability is { } p)
        {
            var rng = state.Rng.Stream(turn, StreamPurpose(id));
            return rng.NextDouble() < p;
        }

        return true;
    }
}
