using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Core.Bots;
using DiploSim.Grains;
using DiploSim.Scenarios;

namespace DiploSim.Grains.Tests;

/// <summary>
/// The bots decide a turn's moves ahead of its resolution (<see cref="SessionTimeline.DecideBotsAhead"/>, or
/// <see cref="SessionTimeline.DecideBotsAfter"/> while the turn before is stored): the
/// resolution must then give exactly what deciding at the resolution gives, and must not use moves decided for another
/// world or other bot seats.
/// </summary>
public sealed class BotsAheadTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private long _sequence;

    [Fact]
    public void Moves_decided_ahead_resolve_every_turn_to_the_same_state_as_moves_decided_at_the_resolution()
    {
        var ahead = Running(seed: 5);
        var atResolution = Running(seed: 5);
        for (var turn = 0; turn < 6; turn++)
        {
            Assert.True(ahead.DecideBotsAhead());
            Assert.False(ahead.DecideBotsAhead()); // decided already for this world and these seats

            var (withAhead, hash) = ResolveAndApply(ahead);
            var (fresh, expected) = ResolveAndApply(atResolution);
            Assert.Equal(expected, hash);
            Assert.Equal(Texts(fresh.Inputs.Moves), Texts(withAhead.Inputs.Moves));
            Assert.NotEmpty(withAhead.Inputs.Moves);
        }
    }

    [Fact]
    public void A_resolution_uses_the_moves_decided_ahead_instead_of_deciding_again()
    {
        var t = Running(seed: 3);
        var bots = t.BotSeats();

        // Deciding twice makes new moves (equal, not the same objects); moves decided ahead are handed out as they are.
        Assert.False(ReferenceEquals(t.Resolve(bots).Inputs.Moves[0], t.Resolve(bots).Inputs.Moves[0]));
        t.DecideBotsAhead();
        Assert.Same(t.Resolve(bots).Inputs.Moves[0], t.Resolve(bots).Inputs.Moves[0]);
    }

    [Fact]
    public void Moves_decided_ahead_are_not_used_once_a_seat_changed_hands_or_the_turn_moved_on()
    {
        var t = Running(seed: 7);
        t.DecideBotsAhead();
        var decidedFor = t.BotSeats();
        var taken = t.Resolve(decidedFor).Inputs.Moves[0].Actor; // a seat whose bot moves this turn

        // A player takes that seat: the bots left are not those the moves were decided for.
        t.Apply(Logged(new SeatAssigned(taken, "Asha", "digest")));
        var seats = t.BotSeats();
        Assert.DoesNotContain(taken, seats);
        Assert.Equal(Texts(Bot.DecideAll(t.Current, seats, t.EndTurn)), Texts(t.Resolve(seats).Inputs.Moves));
        Assert.DoesNotContain(t.Resolve(seats).Inputs.Moves, m => m.Actor == taken);
        Assert.Contains(t.Resolve(decidedFor).Inputs.Moves, m => m.Actor == taken);

        // After the turn resolves the world is another: the old moves are not offered for it.
        ResolveAndApply(t);
        var after = t.BotSeats();
        Assert.Equal(Texts(Bot.DecideAll(t.Current, after, t.EndTurn)), Texts(t.Resolve(after).Inputs.Moves));
        Assert.True(t.DecideBotsAhead());
    }

    [Fact]
    public void Moves_decided_while_a_turn_is_stored_are_kept_for_the_turn_it_opens_and_resolve_it_as_deciding_then_would()
    {
        var ahead = Running(seed: 11);
        var atResolution = Running(seed: 11);
        for (var turn = 0; turn < 6; turn++)
        {
            var bots = ahead.BotSeats();
            var resolution = ahead.Resolve(bots);
            var decided = ahead.DecideBotsAfter(resolution)!;
            Assert.Same(resolution.Result.State, decided.World);

            // Not yet folded: the moves are for the next world, not the current one, and are not kept.
            Assert.NotEmpty(decided.Moves);
            ahead.KeepBotsAhead(decided);
            Assert.DoesNotContain(ahead.Resolve(bots).Inputs.Moves, m => ReferenceEquals(m, decided.Moves[0]));

            var hash = resolution.Result.Outcome.StateHash;
            ahead.Apply(Logged(new TurnResolved(ahead.Turn, ResolutionCause.Teacher, bots, hash, Start.AddMinutes(10))), resolution);
            ahead.KeepBotsAhead(decided);
            Assert.False(ahead.DecideBotsAhead()); // decided already for this world and these seats
            Assert.Same(decided.Moves[0], ahead.Resolve(ahead.BotSeats()).Inputs.Moves[0]);

            var (_, expected) = ResolveAndApply(atResolution);
            Assert.Equal(expected, hash);
        }

        var (next, _) = ResolveAndApply(ahead);
        var (fresh, _) = ResolveAndApply(atResolution);
        Assert.Equal(Texts(fresh.Inputs.Moves), Texts(next.Inputs.Moves));
    }

    [Fact]
    public void Nothing_is_decided_while_the_last_turn_is_stored()
    {
        var t = Running(seed: 2);
        while (t.Turn < t.EndTurn - 1)
        {
            ResolveAndApply(t);
        }

        var last = t.Resolve(t.BotSeats());
        Assert.Equal(t.EndTurn, last.Result.State.Turn);
        Assert.Null(t.DecideBotsAfter(last));
    }

    [Fact]
    public void Nothing_is_decided_ahead_before_the_session_starts_or_with_no_bot_seat()
    {
        var lobby = new SessionTimeline(BaselineScenario.Load(), 1, SessionOptions.AllBots(TimeSpan.FromMinutes(5)));
        Assert.False(lobby.DecideBotsAhead());

        var humans = BaselineScenario.World().Actors.Select(a => a.Id).ToImmutableArray();
        var allHuman = new SessionTimeline(BaselineScenario.Load(), 1, new SessionOptions(TimeSpan.FromMinutes(5), humans));
        foreach (var country in humans)
        {
            allHuman.Apply(Logged(new SeatAssigned(country, country, "digest")));
        }

        allHuman.Apply(Logged(new SessionStarted(Start.AddMinutes(5))));
        Assert.Empty(allHuman.BotSeats());
        Assert.False(allHuman.DecideBotsAhead());
    }

    private SessionTimeline Running(ulong seed)
    {
        var t = new SessionTimeline(BaselineScenario.Load(), seed, SessionOptions.AllBots(TimeSpan.FromMinutes(5)));
        t.Apply(Logged(new SessionStarted(Start.AddMinutes(5))));
        return t;
    }

    /// <summary>Resolves the turn as the session grain does and folds it in; gives the resolution and its state hash.</summary>
    private (SessionTimeline.Resolution Resolution, string Hash) ResolveAndApply(SessionTimeline t)
    {
        var bots = t.BotSeats();
        var resolution = t.Resolve(bots);
        var hash = resolution.Result.Outcome.StateHash;
        t.Apply(Logged(new TurnResolved(t.Turn, ResolutionCause.Teacher, bots, hash, Start.AddMinutes(10))), resolution);
        return (resolution, hash);
    }

    private static List<string> Texts(IEnumerable<Move> moves) => [.. moves.Select(m => m.CanonicalText)];

    private LoggedEvent Logged(SessionEvent e) => new(++_sequence, Start, "test", e);
}
