using DiploSim.Core.Resolution;
using DiploSim.Core.State;

namespace DiploSim.Core.Bots;

/// <summary>
/// How a bot values a slow move — one whose effect builds over several quarters: an investment in a capacity, a
/// diversification drive, an agreement that is built (a connectivity corridor, defence co-production, civil nuclear
/// cooperation) or phased in (a free-trade agreement). One turn ahead such a move shows its cost and little of its
/// effect, so the bot looks <see cref="ModelParameters.BotLookTurns"/> turns ahead instead (the move this turn, then
/// no one moving), holds the last look's gain for the turns the run has left after it, discounts the stream by
/// <see cref="ModelParameters.BotYearlyDiscount"/> a year and values the move at the constant gain a turn with the
/// same worth. An agreement that is built or phased in is looked at <see cref="ModelParameters.BuildTurns"/> turns
/// further, so that its gain is held once it is built, not while its price is paid. Nothing after the run's end
/// counts, so a move that cannot pay before the end is not played.
/// </summary>
/// <remarks>
/// A government weighs its long programmes in its budget turns (<see cref="Weighs"/>: once a year by default,
/// <see cref="ModelParameters.BotBudgetsPerYear"/>, staggered by actor so that the budgets of a turn are few). Then a
/// look is computed for the world with no moves (shared by every bot of the turn) and for the few slow candidates it
/// weighs (<see cref="ModelParameters.BotSlowLooks"/>), each <see cref="ModelParameters.BotLookTurns"/> − 1
/// resolutions more than a one-turn look (<see cref="ModelParameters.BuildTurns"/> more for an agreement that is built,
/// and the world with no moves as far as the longest look); in its other turns it spends nothing on them.
/// The parameters are the world's, so a batch sweeps them like any other.
/// </remarks>
internal sealed class Horizon
{
    private readonly WorldState _world;
    private readonly int _lookTurns;
    private readonly int _buildLookTurns;
    private readonly double _discount;
    private readonly double _weight;
    private List<double[]>? _passive;
    private WorldDraft _passiveLast;

    /// <param name="world">The world at the start of the turn.</param>
    /// <param name="passive">The world one turn ahead with no moves.</param>
    /// <param name="endTurn">The turn the run ends at (the first not played), or null when it has no planned end.</param>
    public Horizon(WorldState world, WorldDraft passive, int? endTurn)
    {
        _world = world;
        Passive = passive;
        _passiveLast = passive;
        _lookTurns = world.Parameters.BotLookTurns;
        _buildLookTurns = world.Parameters.BuildTurns + _lookTurns;
        _discount = Math.Pow(world.Parameters.BotYearlyDiscount, 1.0 / Math.Max(1, world.TurnsPerYear));
        TurnsLeft = endTurn is { } end ? Math.Max(1, end - world.Turn) : null;
        _weight = Sum(1, TurnsLeft);
    }

    /// <summary>The world one turn ahead with no moves.</summary>
    public WorldDraft Passive { get; }

    /// <summary>Turns left in the run, this one included; null when it has no planned end.</summary>
    public int? TurnsLeft { get; }

    /// <summary>
    /// Whether the actor at <paramref name="a"/> weighs slow moves this turn: in its budget turns,
    /// <see cref="ModelParameters.BotBudgetsPerYear"/> a year (at most every turn), the actors' budgets staggered by
    /// their order.
    /// </summary>
    public static bool Weighs(WorldState world, int a) =>
        (world.Turn + a) % Math.Max(1, world.TurnsPerYear / world.Parameters.BotBudgetsPerYear) == 0;

    /// <summary>Slow candidates an actor looks at further in one budget turn, those with the best first turn first.</summary>
    public int SlowLooks => _world.Parameters.BotSlowLooks;

    /// <summary>Whether the move's effect builds over several turns.</summary>
    public static bool IsSlow(Move move) => move switch
    {
        Invest or Diversify => true,
        ProposeAgreement p => p.Agreement.BuildsUp(),
        _ => false,
    };

    /// <summary>
    /// The actor's gain a turn from moves whose first turn resolved to <paramref name="ahead"/>: the discounted stream
    /// of its utility gains over the turns left, looked at for up to <see cref="ModelParameters.BotLookTurns"/> turns
    /// and held after them, as an even gain a turn of the same worth. An agreement that is built
    /// (<paramref name="built"/>: a corridor, co-production, civil nuclear cooperation or a phased free-trade
    /// agreement) is looked at for <see cref="ModelParameters.BuildTurns"/> turns more, so that the look sees it built:
    /// its political price (a rival's trust) comes at once, its trade as it is built, and holding the gain of a
    /// half-built corridor would count its price and not its use. A stream that starts <paramref name="delay"/>
    /// turns late (a proposal, which its partner answers next turn) is shifted by as much, and what it would give after
    /// the run's end is not counted: with no turn left for it, it is worth nothing. The looks score only the actor
    /// (<see cref="TurnResolver.Ahead"/>): a frozen look carries the others' scores of the turn before, which no phase reads.
    /// </summary>
    public double Value(int a, WorldDraft ahead, int delay = 0, bool built = false)
    {
        var turns = TurnsLeft - delay;
        if (turns <= 0)
        {
            return 0;
        }

        var lookTurns = built ? _buildLookTurns : _lookTurns;
        var looks = Math.Min(lookTurns, turns ?? lookTurns);
        var gain = ahead.Actors[a].Scores.Utility - Passive.Actors[a].Scores.Utility;
        var worth = gain;
        var state = ahead;
        for (var k = 1; k < looks; k++)
        {
            var next = TurnResolver.Ahead(state.Freeze(_world.Turn + k), [], scored: a);
            if (state != ahead)
            {
                state.Release(frozenWorldLetGo: true); // the look before, and the world it froze into, are read no more
            }

            state = next;
            gain = state.Actors[a].Scores.Utility - PassiveUtility(k, a);
            worth += Math.Pow(_discount, k) * gain;
        }

        if (state != ahead)
        {
            state.Release();
        }

        return Math.Pow(_discount, delay) * (worth + (gain * Sum(looks + 1, turns))) / _weight;
    }

    /// <summary>Lets the looks with no moves go (<see cref="WorldDraft.Release"/>) once every bot of the turn has decided.</summary>
    public void Release()
    {
        _passiveLast.Release(frozenWorldLetGo: true);
        Passive.Release(frozenWorldLetGo: true);
    }

    /// <summary>Σ discount^(k−1) for k from <paramref name="first"/> to <paramref name="last"/> (to infinity when null).</summary>
    private double Sum(int first, int? last)
    {
        var from = Math.Pow(_discount, first - 1);
        if (last is not { } l)
        {
            return from / (1 - _discount);
        }

        return l < first ? 0 : (from - Math.Pow(_discount, l)) / (1 - _discount);
    }

    /// <summary>
    /// The actor's utility <paramref name="k"/> turns after the first with no one moving, computed once for every bot
    /// and only as far as a look has needed it.
    /// </summary>
    private double PassiveUtility(int k, int a)
    {
        _passive ??= [[.. Passive.Actors.Select(x => x.Scores.Utility)]];
        while (_passive.Count <= k)
        {
            var next = TurnResolver.Ahead(_passiveLast.Freeze(_world.Turn + _passive.Count), []);
            if (_passiveLast != Passive)
            {
                _passiveLast.Release(frozenWorldLetGo: true);
            }

            _passiveLast = next;
            _passive.Add([.. _passiveLast.Actors.Select(x => x.Scores.Utility)]);
        }

        return _passive[k][a];
    }
}
