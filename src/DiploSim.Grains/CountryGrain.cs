using System.Collections.Immutable;
using DiploSim.Contracts;

namespace DiploSim.Grains;

/// <summary>
/// One country of one session: its player's draft for the turn (kept across reconnects) and its dashboard. The seat, its token,
/// the moves that count and the messages live in the session's log, their one copy; this grain asks the session.
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

    public async Task<Receipt> SaveDraft(string token, ImmutableArray<MoveOrder> moves)
    {
        if (!await Session.HoldsSeat(Key.Country, token))
        {
            return Receipt.Refused($"you do not hold the seat of {Key.Country}");
        }

        if (moves.IsDefault || moves.Length > SessionTimeline.MaxMovesPerTurn)
        {
            return Receipt.Refused($"a draft holds between 0 and {SessionTimeline.MaxMovesPerTurn} moves");
        }

        stored.State.Draft = moves;
        stored.State.DraftTurn = (await Session.GetStatus()).Turn;
        await stored.WriteStateAsync();
        return Receipt.Accepted;
    }

    public Task<ImmutableArray<MoveOrder>> SavedDraft(int turn) => Task.FromResult(DraftFor(turn));

    /// <summary>The saved draft if it was saved in <paramref name="turn"/>; a draft of a turn that has resolved (or was rolled back) is stale, with stale costs, and none is shown.</summary>
    private ImmutableArray<MoveOrder> DraftFor(int turn) => stored.State.DraftTurn == turn ? stored.State.Draft : [];
}
