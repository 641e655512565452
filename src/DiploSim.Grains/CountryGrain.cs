using System.Collections.Immutable;
using DiploSim.Contracts;

namespace DiploSim.Grains;

/// <summary>
/// One country of one session: its player's draft for the turn (kept across reconnects, and the one copy every page of
/// the seat shows) and its dashboard. The seat, its token, the moves that count and the messages live in the session's
/// log, their one copy; this grain asks the session.
/// While no player is present the session's bot plays the country (all bots decide in one batch there, which
/// keeps a session turn-for-turn identical to a headless run).
/// </summary>
public sealed class CountryGrain(
    [PersistentState("country", ProviderNames.Storage)] IPersistentState<CountryState> stored) : Grain, ICountryGrain
{
    private (string SessionId, string Country) Key
    {
        get
        {
            var key = this.GetPrimaryKeyString();
            var slash = key.LastIndexOf('/');
            return (key[..slash], key[(slash + 1)..]);
        }
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A record from before messages had one copy holds an inbox: nothing reads it, and the next draft saved drops it.
        stored.State.Inbox.Clear();
        return Task.CompletedTask;
    }

    private ISessionGrain Session => GrainFactory.GetGrain<ISessionGrain>(Key.SessionId);

    public async Task<Reply<DraftSaved>> SaveDraft(string token, int? turn, long? basedOn, ImmutableArray<MoveOrder> moves)
    {
        if (!await Session.HoldsSeat(Key.Country, token))
        {
            return Reply<DraftSaved>.Refused($"you do not hold the seat of {Key.Country}");
        }

        if (moves.IsDefault || moves.Length > SessionTimeline.MaxMovesPerTurn)
        {
            return Reply<DraftSaved>.Refused($"a draft holds between 0 and {SessionTimeline.MaxMovesPerTurn} moves");
        }

        var state = stored.State;
        if (basedOn is < 0 || basedOn > state.Revision)
        {
            return Reply<DraftSaved>.Refused($"the plan was never saved as revision {basedOn}: it is at revision {state.Revision}");
        }

        var status = await Session.GetStatus();
        var open = status.Turn;
        if (turn is { } named && named != open)
        {
            return Reply<DraftSaved>.Refused(named < open
                ? $"turn {named} is over: this plan was for it, and it was not played (the game is at turn {open})"
                : $"turn {named} has not begun: the game is at turn {open}");
        }

        if (IsPlanOf(open, status.TurnOpenedAt))
        {
            if (MoveOrder.Same(state.Draft, moves))
            {
                // The same plan sent again (its answer was lost), or a page that holds the plan as kept: nothing to change.
                return Reply<DraftSaved>.Ok(new DraftSaved(open, state.Revision));
            }

            if (basedOn is { } based && based != state.Revision)
            {
                return Reply<DraftSaved>.Refused(
                    $"your plan was changed on another screen since this page last had it (revision {based}; it is at {state.Revision}): this change was not saved");
            }
        }

        // A draft of a closed turn (or of this turn before the teacher rolled the game back to it) is no plan for this
        // one: a save this turn starts from an empty plan whatever it was based on.
        state.Draft = moves;
        state.DraftTurn = open;
        state.DraftOpenedAt = status.TurnOpenedAt;
        state.Revision++;
        await stored.WriteStateAsync();
        return Reply<DraftSaved>.Ok(new DraftSaved(open, state.Revision));
    }

    public Task<KeptDraft> SavedDraft(int turn) => Task.FromResult(new KeptDraft(DraftFor(turn, null), stored.State.Revision));

    public Task<KeptDraft> SavedDraft(int turn, int openedAt) => Task.FromResult(new KeptDraft(DraftFor(turn, openedAt), stored.State.Revision));

    /// <summary>
    /// The saved draft if it was saved in <paramref name="turn"/> since it opened at <paramref name="openedAt"/> (when
    /// given); a draft of a turn that has resolved is stale, with stale costs, and none is shown. Nor is one saved in the
    /// turn before the teacher rolled the game back to it: the student's page named its unsent moves as not played when
    /// the rollback came, and a page opened since starts the replayed turn with an empty plan rather than one that
    /// reads as current (and that Ready would send) though it was made for the turn as first played.
    /// </summary>
    private ImmutableArray<MoveOrder> DraftFor(int turn, int? openedAt) => IsPlanOf(turn, openedAt) ? stored.State.Draft : [];

    /// <summary>Whether the kept draft was saved in <paramref name="turn"/> as it opened at <paramref name="openedAt"/> (any opening when null, or for a draft saved before openings were kept).</summary>
    private bool IsPlanOf(int turn, int? openedAt) =>
        stored.State.DraftTurn == turn && (openedAt is null || stored.State.DraftOpenedAt < 0 || stored.State.DraftOpenedAt == openedAt);
}
