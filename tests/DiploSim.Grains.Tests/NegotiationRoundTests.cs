using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Grains;
using DiploSim.Scenarios;

namespace DiploSim.Grains.Tests;

/// <summary>Negotiation rounds before the moves of a live turn: the agent seats answer each, the log holds what they said.</summary>
[Collection(ClusterCollection.Name)]
public sealed class NegotiationRoundTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    /// <summary>A running session of two rounds whose IND and RUS seats programs play, and USA's a person.</summary>
    private async Task<(ISessionGrain Session, SessionTicket Ticket, SeatTicket India, SeatTicket Russia, SeatTicket Usa)> Running(string name, ulong seed = 7)
    {
        var (session, ticket) = await Sessions.Create(Client, name, seed, humans: ["IND", "RUS", "USA"], negotiationRounds: 2);
        var india = (await session.Join("IND", "agent:a")).Value!;
        var russia = (await session.Join("RUS", "agent:b")).Value!;
        var usa = (await session.Join("USA", "Ada")).Value!;
        Assert.True((await session.DeclareAgent("IND", india.Token, null)).IsAccepted);
        Assert.True((await session.DeclareAgent("RUS", russia.Token, null)).IsAccepted);
        Assert.True((await session.Start(ticket.TeacherToken)).IsAccepted);
        return (session, ticket, india, russia, usa);
    }

    private static ImmutableArray<OutgoingNote> Say(string? to, string text) => [new OutgoingNote(to, text)];

    [Fact]
    public async Task A_round_closes_once_every_agent_seat_has_answered_and_the_move_round_follows_the_last()
    {
        var (session, _, india, russia, usa) = await Running("rounds");
        Assert.Equal((2, 0), ((await session.GetStatus()).NegotiationRounds, (await session.GetStatus()).Round));

        var said = await session.Negotiate("IND", india.Token, 0, 0, Say("RUS", "Shall we cut tariffs?"));
        Assert.Empty(said.Value);
        Assert.Equal(0, (await session.GetStatus()).Round); // RUS has not answered

        // A person messages freely whatever the round; it holds no round up.
        Assert.True((await session.SendMessage("USA", usa.Token, null, "We are watching.")).IsAccepted);
        Assert.True((await session.Negotiate("RUS", russia.Token, 0, 0, [])).IsAccepted);
        Assert.Equal(1, (await session.GetStatus()).Round);
        Assert.True((await session.Negotiate("IND", india.Token, 0, 1, [])).IsAccepted);
        Assert.True((await session.Negotiate("RUS", russia.Token, 0, 1, Say("IND", "Yes."))).IsAccepted);
        Assert.Equal(2, (await session.GetStatus()).Round);

        var log = (await session.GetLog(afterSequence: 0)).Select(e => e.Event).ToList();
        Assert.Equal([(0, "IND"), (0, "USA"), (1, "RUS")], log.OfType<MessageSent>().Select(m => (m.Round, m.From)));
        Assert.Equal(4, log.OfType<NegotiationAnswered>().Count());

        // The move round: moves are taken, and the turn resolves when every player is ready.
        Assert.True((await session.Submit("IND", india.Token, 0, [Sessions.Tariff("USA", 0.1)])).IsAccepted);
        foreach (var (country, token) in new[] { ("IND", india.Token), ("RUS", russia.Token), ("USA", usa.Token) })
        {
            Assert.True((await session.SetReady(country, token, 0, true)).IsAccepted);
        }

        var status = await session.GetStatus();
        Assert.Equal((1, 0), (status.Turn, status.Round));
    }

    [Fact]
    public async Task Moves_and_readiness_of_an_agent_seat_in_a_negotiation_round_are_refused_with_the_reason_and_a_persons_are_not()
    {
        var (session, _, india, _, usa) = await Running("early-moves");
        var expected = "turn 0 is in negotiation round 0 (rounds 0 to 1): a seat a program plays sends messages now and moves in the move round";
        Assert.Equal(expected, (await session.Submit("IND", india.Token, 0, [Sessions.Tariff("USA", 0.1)])).Refusal);
        Assert.Equal(expected, (await session.SetReady("IND", india.Token, 0, true)).Refusal);
        Assert.True((await session.Submit("USA", usa.Token, 0, [Sessions.Tariff("IND", 0.1)])).IsAccepted);
    }

    [Fact]
    public async Task An_answer_for_another_round_a_seat_no_program_plays_a_second_answer_or_a_bad_list_is_refused_with_the_reason()
    {
        var (session, ticket, india, russia, usa) = await Running("refusals");
        async Task<string?> Refusal(string country, string token, int turn, int round, ImmutableArray<OutgoingNote> notes) =>
            (await session.Negotiate(country, token, turn, round, notes)).Refusal;

        Assert.Equal("negotiation round 1 of turn 0 has not begun: the turn is in negotiation round 0", await Refusal("IND", india.Token, 0, 1, []));
        Assert.Equal("round 2 is not a negotiation round: they are 0 to 1", await Refusal("IND", india.Token, 0, 2, []));
        Assert.Equal("round -1 is not a negotiation round: they are 0 to 1", await Refusal("IND", india.Token, 0, -1, []));
        Assert.Equal("turn 3 is closed; the session is at turn 0", await Refusal("IND", india.Token, 3, 0, []));
        Assert.Equal("USA is not played by a program: only agent seats answer negotiation rounds", await Refusal("USA", usa.Token, 0, 0, []));
        Assert.Equal("you do not hold the seat of IND", await Refusal("IND", russia.Token, 0, 0, []));
        Assert.Equal("malformed answer: no message list", await Refusal("IND", india.Token, 0, 0, default));
        Assert.Equal("malformed answer: at most 24 messages a round", await Refusal("IND", india.Token, 0, 0, [.. Enumerable.Repeat(new OutgoingNote(null, "hi"), 25)]));

        // Bad messages are refused one by one; the answer is taken.
        var answered = await session.Negotiate("IND", india.Token, 0, 0,
            [null!, new OutgoingNote("IND", "me"), new OutgoingNote("XYZ", "who"), new OutgoingNote(null, new string('x', 4001)), new OutgoingNote(null, "ok")]);
        Assert.Equal(
            ["message 0: a message cannot be null", "message 1: 'IND' is not another country of this session", "message 2: 'XYZ' is not another country of this session",
             "message 3: a message needs between 1 and 4000 characters"],
            answered.Value.ToArray());
        Assert.Equal("IND has already answered negotiation round 0 of turn 0", await Refusal("IND", india.Token, 0, 0, []));

        Assert.True((await session.Negotiate("RUS", russia.Token, 0, 0, [])).IsAccepted);
        Assert.Equal("negotiation round 0 of turn 0 is over: the turn is in negotiation round 1", await Refusal("RUS", russia.Token, 0, 0, []));
        Assert.True((await session.Pause(ticket.TeacherToken)).IsAccepted);
        Assert.Equal("the session is paused: rounds are answered while it runs", await Refusal("RUS", russia.Token, 0, 1, []));

        var (plain, plainTicket) = await Sessions.Create(Client, "no-rounds", humans: ["IND"]);
        var seat = (await plain.Join("IND", "agent:a")).Value!;
        Assert.True((await plain.DeclareAgent("IND", seat.Token, null)).IsAccepted);
        Assert.True((await plain.Start(plainTicket.TeacherToken)).IsAccepted);
        Assert.Equal("this session has no negotiation rounds", (await plain.Negotiate("IND", seat.Token, 0, 0, [])).Refusal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    [InlineData(int.MaxValue)]
    public async Task A_session_with_negotiation_rounds_outside_0_to_10_is_not_created(int rounds)
    {
        var session = Client.GetGrain<ISessionGrain>(ClusterFixture.NewSessionId("bad-rounds"));
        var reply = await session.Create(new CreateSession(BaselineScenario.Id, 1, new SessionOptions(Sessions.TurnLength, ["IND"], PressRules.Open, rounds)));
        Assert.Equal($"negotiation rounds must be from 0 to 10 (found {rounds})", reply.Refusal);
    }

    [Fact]
    public async Task When_no_seat_is_a_programs_or_the_last_agent_seat_is_freed_the_turn_goes_to_its_move_round()
    {
        var (people, peopleTicket) = await Sessions.Create(Client, "people", humans: ["USA"], negotiationRounds: 3);
        Assert.True((await people.Start(peopleTicket.TeacherToken)).IsAccepted);
        Assert.Equal(3, (await people.GetStatus()).Round);

        var (session, ticket, india, _, _) = await Running("freed");
        Assert.True((await session.Negotiate("IND", india.Token, 0, 0, [])).IsAccepted);
        Assert.True((await session.FreeSeat(ticket.TeacherToken, "RUS")).IsAccepted);
        Assert.Equal(1, (await session.GetStatus()).Round);
    }

    [Fact]
    public async Task A_session_replays_its_rounds_and_hashes_after_deactivation()
    {
        var (session, ticket, india, russia, _) = await Running("replay", seed: 21);
        Assert.True((await session.Negotiate("IND", india.Token, 0, 0, Say("RUS", "Trade?"))).IsAccepted);
        Assert.True((await session.Negotiate("RUS", russia.Token, 0, 0, Say(null, "Maybe."))).IsAccepted);
        Assert.True((await session.Negotiate("IND", india.Token, 0, 1, [])).IsAccepted);
        Assert.True((await session.Negotiate("RUS", russia.Token, 0, 1, [])).IsAccepted);
        Assert.True((await session.Submit("IND", india.Token, 0, [Sessions.Tariff("USA", 0.2)])).IsAccepted);
        Assert.True((await session.ResolveNow(ticket.TeacherToken)).IsAccepted);
        Assert.True((await session.Negotiate("IND", india.Token, 1, 0, Say("RUS", "Again?"))).IsAccepted);
        var before = await session.GetStatus();
        Assert.Equal((1, 0), (before.Turn, before.Round));

        await fixture.Cluster.DeactivateAsync(session);
        var after = await session.GetStatus();
        Assert.Equal((before.StateHash, before.Turn, before.Round, before.LogLength), (after.StateHash, after.Turn, after.Round, after.LogLength));
        Assert.Equal("IND has already answered negotiation round 0 of turn 1", (await session.Negotiate("IND", india.Token, 1, 0, [])).Refusal);
        Assert.True((await session.Negotiate("RUS", russia.Token, 1, 0, [])).IsAccepted);
        Assert.Equal(1, (await session.GetStatus()).Round);
    }
}
