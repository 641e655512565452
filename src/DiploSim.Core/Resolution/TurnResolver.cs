using DiploSim.Core.Resolution;
using DiploSim.Core.State;

namespace DiploSim.Core;

/// <summary>
/// Resolves one turn: a pure function from the state, the shocks due and everyone's moves to the next state
/// and the turn's outcome. The ten phases run in a fixed order; moves within a phase are simultaneous, taken
/// in canonical order, so the result never depends on the order in which moves arrived.
/// </summary>
public static class TurnResolver
{
    /// <summary>Resolves the turn <see cref="WorldState.Turn"/> of <paramref name="state"/>.</summary>
    public static TurnResult Resolve(WorldState state, IReadOnlyList<Shock> shocks, IReadOnlyList<Move> moves, ResolveOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(shocks);
        ArgumentNullException.ThrowIfNull(moves);
        options ??= ResolveOptions.Full;

        using var journal = TurnJournal.Open(state.Count, state.Turn, options.WriteNews);
        var draft = Advance(state, shocks, moves, journal, scored: null);
        var next = draft.Freeze(state.Turn + 1);
        var outcome = NewsPhase.Compose(state, next, journal, options); // 10. news and the outcome
        return new TurnResult(next, outcome);
    }

    /// <summary>
    /// The world one turn ahead with no shocks, as a draft: the same nine phases as <see cref="Resolve(WorldState, IReadOnlyList{Shock}, IReadOnlyList{Move}, ResolveOptions?)"/>,
    /// without freezing the next world, hashing it or writing the outcome. A bot's look-ahead reads only the scores.
    /// </summary>
    /// <param name="scored">
    /// The actor whose scores the look is for: only its scores are computed (no score reads another's, so its own come
    /// out the same), and the other actors keep the scores they had; world tension, stability and political capital,
    /// which no score reads, stay as they were too. Null computes all of them.
    /// </param>
    internal static WorldDraft Ahead(WorldState state, IReadOnlyList<Move> moves, int? scored = null)
    {
        using var journal = TurnJournal.Open(state.Count, state.Turn, writeNews: false);
        return Advance(state, [], moves, journal, scored);
    }

    private static WorldDraft Advance(WorldState state, IReadOnlyList<Shock> shocks, IReadOnlyList<Move> moves, TurnJournal journal, int? scored)
    {
        var draft = new WorldDraft(state);

        ShockPhase.Apply(draft, shocks, journal);          // 1. shocks due, then tariffs announced for this turn
        var landed = draft.TariffAnnouncements.Count > 0 && FrontRunning.Land(draft, journal);
        var accepted = MovePhase.Apply(draft, moves, journal, shocks.Count > 0 || landed); // 2. validation, proposals, agreements
        PolicyPhase.Apply(draft, accepted, journal);       // 3. tariffs, sanctions, caps, blocs, orders
        TradePhase.Apply(draft, journal);                  // 4. trade flows
        EnergyPhase.Apply(draft, journal);                 // 5. oil price and energy bills
        MacroPhase.Apply(draft, journal);                  // 6. GDP
        DefencePhase.Apply(draft, journal);                // 7. deliveries, dependency, co-production
        PoliticsPhase.Apply(draft, journal, wholeTurn: scored is null); // 8. trust, compliance, tension, stability
        ScoringPhase.Apply(draft, scored);                 // 9. scores
        return draft;
    }

    /// <summary>Resolves with no shocks.</summary>
    public static TurnResult Resolve(WorldState state, IReadOnlyList<Move> moves, ResolveOptions? options = null) =>
        Resolve(state, [], moves, options);
}
