using System.Buffers.Text;
using System.Net.Http.Json;
using System.Text;
using System.Threading.Channels;
using DiploSim.Contracts;
using DiploSim.Server.Hub;
using DiploSim.Server.Identity;
using Microsoft.AspNetCore.SignalR.Client;

namespace DiploSim.Server.Tests;

/// <summary>Real SignalR clients over HTTP against the real server: every hub method, and who may call it.</summary>
[Collection(ServerCollection.Name)]
public sealed class GameHubTests(ServerFixture server)
{
    private static readonly MoveOrder Proposal = new() { Kind = "ProposeAgreement", ProposalId = "ind-rus-1", Agreement = "FreeTrade", Partners = ["RUS"] };

    private sealed record Table(SessionPassesDto Passes, SeatPassDto India, SeatPassDto Russia, GameClient Teacher, GameClient Ind, GameClient Rus, GameClient Screen) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var c in new[] { Teacher, Ind, Rus, Screen })
            {
                await c.DisposeAsync();
            }
        }
    }

    /// <summary>A session with IND (MessagePack) and RUS (JSON) seated, the teacher and the classroom screen connected.</summary>
    private async Task<Table> Seat()
    {
        var passes = await server.CreateSession();
        var india = await server.Join(passes.JoinCode, "IND", "Ada");
        var russia = await server.Join(passes.JoinCode, "RUS", "Boris");
        return new Table(passes, india, russia,
            await server.Connect(passes.TeacherPass), await server.Connect(india.Pass), await server.Connect(russia.Pass, messagePack: false),
            await server.Connect(passes.SpectatorPass));
    }

    [Fact]
    public async Task A_fault_behind_the_hub_is_answered_in_words_without_its_text_and_the_session_goes_on()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        InjectedFaults.Fail(t.Passes.SessionId, "Pause", new TimeoutException("Response did not arrive on time from S127.0.0.1:11111:0"));
        InjectedFaults.Fail(t.Passes.SessionId, "End", new InvalidOperationException("secret state at S127.0.0.1:11111:0"));
        InjectedFaults.Fail(t.Passes.SessionId, "GetSlice", new InvalidOperationException("secret state at S127.0.0.1:11111:0"));

        // A command, a read and a player's read, each answered with the refusal the client knows, never the exception's text.
        Assert.Equal(HubFaults.SwitchingOver, (await t.Teacher.Call("Pause", 0)).Refusal);
        Assert.Equal(HubFaults.Failed, (await t.Teacher.Call("End")).Refusal);
        var snapshot = await t.Ind.Call<Reply<SnapshotDto>>("GetSnapshot", 0L);
        Assert.Null(snapshot.Value);
        Assert.Equal(HubFaults.Failed, snapshot.Refusal);

        // The connections stay open and the calls the fault does not touch work.
        Assert.Null((await t.Ind.Call("SaveDraft", "IND", new[] { Proposal })).Refusal);
        Assert.Null((await t.Teacher.Call("ResolveNow", 0)).Refusal);
    }

    private static readonly MoveOrder Summit = new() { Kind = "HoldSummit", Partners = ["RUS"] };

    private static Task<DraftSaved> Next(Channel<DraftSaved> heard) => heard.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    private static Task<Reply<DraftSaved>> SaveTurnDraft(GameClient client, int turn, long basedOn, params MoveOrder?[]? moves) =>
        client.Call<Reply<DraftSaved>>("SaveTurnDraft", "IND", turn, basedOn, moves);

    [Fact]
    public async Task Two_pages_of_one_seat_each_hear_when_the_other_saved_the_plan_and_a_save_based_on_an_older_plan_is_refused_instead_of_overwriting_it()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        // India's laptop (MessagePack) and her phone (JSON), on one seat.
        await using var phone = await server.Connect(t.India.Pass, messagePack: false);
        var phoneHeard = Channel.CreateUnbounded<DraftSaved>();
        phone.Connection.On<DraftSaved>("DraftSaved", d => phoneHeard.Writer.TryWrite(d));
        var laptopHeard = Channel.CreateUnbounded<DraftSaved>();
        t.Ind.Connection.On<DraftSaved>("DraftSaved", d => laptopHeard.Writer.TryWrite(d));
        var russiaHeard = Channel.CreateUnbounded<DraftSaved>();
        t.Rus.Connection.On<DraftSaved>("DraftSaved", d => russiaHeard.Writer.TryWrite(d));
        var first = (await t.Ind.View()).Value!;
        Assert.Equal((0L, false), (first.DraftRevision, first.DraftSent));

        // The laptop saves a proposal: the phone is told, and reads it.
        Assert.Equal(new DraftSaved(0, 1), (await SaveTurnDraft(t.Ind, 0, 0, Proposal)).Value);
        Assert.Equal(new DraftSaved(0, 1), await Next(phoneHeard));
        var onPhone = (await phone.View()).Value!;
        Assert.Equal((1L, "ind-rus-1"), (onPhone.DraftRevision, Assert.Single(onPhone.Draft).ProposalId));

        // The phone adds a summit to it; the laptop, still on revision 1, empties the plan: refused, and the phone's plan stays.
        Assert.Equal(new DraftSaved(0, 2), (await SaveTurnDraft(phone, 0, 1, Proposal, Summit)).Value);
        var stale = await SaveTurnDraft(t.Ind, 0, 1);
        Assert.Equal("your plan was changed on another screen since this page last had it (revision 1; it is at 2): this change was not saved", stale.Refusal);
        var onLaptop = (await t.Ind.View()).Value!;
        Assert.Equal((2L, 2), (onLaptop.DraftRevision, onLaptop.Draft.Length));
        // The laptop was told of both saves, its own and the phone's: its page reads the plan again only for the phone's.
        long[] laptop = [(await Next(laptopHeard)).Revision, (await Next(laptopHeard)).Revision];
        Assert.Equal([1L, 2L], laptop);

        // Russia's page hears of her own plan's three saves, and of none of India's (which came before them).
        MoveOrder[] withIndia = [new() { Kind = "HoldSummit", Partners = ["IND"] }];
        (MoveOrder[] Plan, long BasedOn)[] saves = [(withIndia, 0), ([], 1), (withIndia, 2)];
        foreach (var (plan, basedOn) in saves)
        {
            Assert.Null((await t.Rus.Call<Reply<DraftSaved>>("SaveTurnDraft", "RUS", 0, basedOn, plan)).Refusal);
        }

        List<long> russia = [];
        while (russia.LastOrDefault() != 3)
        {
            russia.Add((await Next(russiaHeard)).Revision);
        }

        Assert.Equal([1L, 2L, 3L], russia);
    }

    [Fact]
    public async Task A_plan_saved_for_a_turn_that_has_closed_is_refused_with_its_reason_and_is_not_the_next_turns_plan()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        Assert.Null((await t.Teacher.Call("ResolveNow", 0)).Refusal);

        // Sent during turn 0 on a slow link, it arrives once turn 0 has resolved.
        var late = await SaveTurnDraft(t.Ind, 0, 0, Proposal);
        Assert.Equal("turn 0 is over: this plan was for it, and it was not played (the game is at turn 1)", late.Refusal);
        var view = (await t.Ind.View()).Value!;
        Assert.Equal((1, 0, 0L), (view.Turn, view.Draft.Length, view.DraftRevision));

        // Hostile values are refused by name, and change nothing.
        Assert.Equal("turn -1 is not a turn: turns count from 0", (await SaveTurnDraft(t.Ind, -1, 0, Proposal)).Refusal);
        Assert.Equal("basedOn -5 is not a revision: a draft's revisions count from 0", (await SaveTurnDraft(t.Ind, 1, -5, Proposal)).Refusal);
        Assert.Equal("the plan was never saved as revision 9223372036854775807: it is at revision 0", (await SaveTurnDraft(t.Ind, 1, long.MaxValue, Proposal)).Refusal);
        Assert.Equal("turn 2147483647 has not begun: the game is at turn 1", (await SaveTurnDraft(t.Ind, int.MaxValue, 0, Proposal)).Refusal);
        Assert.Equal("moves[1] is missing", (await SaveTurnDraft(t.Ind, 1, 0, Proposal, null)).Refusal);
        Assert.Equal("moves is missing", (await SaveTurnDraft(t.Ind, 1, 0, null)).Refusal);
        Assert.Equal((0, 0L), ((await t.Ind.View()).Value!.Draft.Length, (await t.Ind.View()).Value!.DraftRevision));

        // A caller from before plans named their turn still saves the plan of the open turn.
        Assert.Null((await t.Ind.Call("SaveDraft", "IND", new[] { Proposal })).Refusal);
        view = (await t.Ind.View()).Value!;
        Assert.Equal((1, 1L), (view.Draft.Length, view.DraftRevision));
    }

    [Fact]
    public async Task A_plan_saved_for_a_turn_the_teacher_rolled_back_to_does_not_come_back_as_the_replayed_turn_s_plan_and_a_plan_saved_since_does()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        // India plans turn 0, sends it and closes her laptop; turn 0 is played, and Russia's saved plan is never sent.
        Assert.Equal(new DraftSaved(0, 1), (await SaveTurnDraft(t.Ind, 0, 0, Proposal)).Value);
        Assert.Null((await t.Ind.Call("Submit", "IND", 0, new[] { Proposal })).Refusal);
        Assert.Null((await t.Rus.Call<Reply<DraftSaved>>("SaveTurnDraft", "RUS", 0, 0L, new[] { Summit })).Refusal);
        Assert.Null((await t.Teacher.Call("ResolveNow", 0)).Refusal);
        Assert.Null((await t.Teacher.Call("RollBack", 0, "back-to-0")).Refusal);

        // Turn 0 is open again: neither the plan she sent nor Russia's unsent one reads as the plan for it.
        var view = (await t.Ind.View()).Value!;
        Assert.Equal((0, 0, false, (int?)null), (view.Turn, view.Draft.Length, view.DraftSent, view.SentMoves?.Length));
        Assert.Empty((await t.Rus.View()).Value!.Draft);

        // A plan saved in the replayed turn is hers, from the revision the page read; saving it writes nothing to the log.
        var before = (await t.Teacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Status;
        Assert.Equal(new DraftSaved(0, 2), (await SaveTurnDraft(t.Ind, 0, view.DraftRevision!.Value, Summit)).Value);
        view = (await t.Ind.View()).Value!;
        Assert.Equal(("HoldSummit", 2L), (Assert.Single(view.Draft).Kind, view.DraftRevision!.Value));
        var after = (await t.Teacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Status;
        Assert.Equal((before.StateHash, before.LogLength), (after.StateHash, after.LogLength));
    }

    [Fact]
    public async Task A_seats_view_says_whether_its_saved_plan_is_what_it_sent_so_a_page_reloaded_after_a_change_since_Send_sends_it_again()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        Assert.Equal(1, (await SaveTurnDraft(t.Ind, 0, 0, Proposal)).Value!.Revision);
        var view = (await t.Ind.View()).Value!;
        Assert.Equal((false, (int?)null), (view.DraftSent, view.SentMoves?.Length));

        Assert.Null((await t.Ind.Call("Submit", "IND", 0, new[] { Proposal })).Refusal);
        view = (await t.Ind.View()).Value!;
        Assert.Equal((true, "ind-rus-1"), (view.DraftSent, Assert.Single(view.SentMoves!.Value).ProposalId));

        // A summit added after Send: the plan kept is not what went in, which is still the proposal alone.
        Assert.Equal(2, (await SaveTurnDraft(t.Ind, 0, 1, Proposal, Summit)).Value!.Revision);
        view = (await t.Ind.View()).Value!;
        Assert.Equal((false, 2, 1), (view.DraftSent, view.Draft.Length, view.SentMoves!.Value.Length));
    }

    [Fact]
    public async Task A_student_s_tariff_announced_two_turns_ahead_is_previewed_as_announced_lands_two_turns_later_and_one_further_off_than_twenty_turns_is_refused_with_its_reason()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        var announce = new MoveOrder { Kind = "SetTariff", Target = "CHN", Sector = "Technology", Rate = 0.25, InTurns = 2 };
        double Technology(ViewDto view) => view.Relations.Single(r => r.Other == "CHN").Tariffs[(int)DiploSim.Core.Sector.Technology];
        var before = Technology((await t.Ind.View()).Value!);

        var preview = (await t.Ind.Call<Reply<MovePreview>>("PreviewEffect", "IND", announce)).Value!;
        Assert.Null(preview.Refusal);
        Assert.Equal(1, preview.Cost);
        Assert.Contains("announces a 25% tariff", preview.Description, StringComparison.Ordinal);
        Assert.Contains("to take effect in 2 turns", preview.Description, StringComparison.Ordinal);
        Assert.Equal("a tariff takes effect 0 to 20 turns on, not 21", (await t.Ind.Call<Reply<MovePreview>>("PreviewEffect", "IND", announce with { InTurns = 21 })).Value!.Refusal);
        Assert.Equal("a tariff takes effect 0 to 20 turns on, not -1", (await t.Ind.Call<Reply<MovePreview>>("PreviewEffect", "IND", announce with { InTurns = -1 })).Value!.Refusal);

        Assert.Null((await t.Ind.Call("Submit", "IND", 0, new[] { announce })).Refusal);
        var rates = new List<double>();
        for (var turn = 0; turn < 3; turn++)
        {
            Assert.Null((await t.Teacher.Call("ResolveNow", turn)).Refusal);
            var resolved = await t.Ind.WaitFor("Private", e => e.Kind == "TurnResolved" && e.Outcome!.Turn == turn);
            rates.Add(Technology(resolved.View!));
            if (turn == 0)
            {
                var move = Assert.Single(resolved.Outcome!.Moves, m => m.Move.Actor == "IND");
                Assert.True(move.Accepted, move.Reason);
            }
        }

        Assert.Equal([before, before, 0.25], rates);
    }

    [Fact]
    public async Task A_tariff_announced_by_a_move_is_in_every_seat_s_view_and_the_public_network_until_it_is_replaced_and_lands()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        var announce = new MoveOrder { Kind = "SetTariff", Target = "RUS", Sector = "Technology", Rate = 0.25, InTurns = 3 };
        static AnnouncedTariff[] Indias(IEnumerable<AnnouncedTariff> announced) => [.. announced.Where(a => a.Importer == "IND")];

        async Task<(ViewDto Ind, ViewDto Rus, RelationsMap Teacher, RelationsMap Screen)> Resolve(int turn, MoveOrder? move)
        {
            if (move is not null)
            {
                Assert.Null((await t.Ind.Call("Submit", "IND", turn, new[] { move })).Refusal);
            }

            Assert.Null((await t.Teacher.Call("ResolveNow", turn)).Refusal);
            var ind = await t.Ind.WaitFor("Private", e => e.Kind == "TurnResolved" && e.Outcome!.Turn == turn);
            var rus = await t.Rus.WaitFor("Private", e => e.Kind == "TurnResolved" && e.Outcome!.Turn == turn);
            var teacher = await t.Teacher.WaitFor("Event", e => e.Kind == "TurnResolved" && e.Outcome!.Turn == turn);
            var screen = await t.Screen.WaitFor("Event", e => e.Kind == "TurnResolved" && e.Outcome!.Turn == turn);
            if (move is not null)
            {
                var verdict = Assert.Single(ind.Outcome!.Moves, m => m.Move.Actor == "IND");
                Assert.True(verdict.Accepted, verdict.Reason);
            }

            return (ind.View!, rus.View!, teacher.Network!, screen.Network!);
        }

        Assert.Empty(Indias((await t.Rus.View()).Value!.Announced));

        // Announced in turn 0 for turn 3: the country taxed, the country taxing, the teacher and the screen all read it.
        var expected = new AnnouncedTariff("IND", "RUS", "Technology", 0.25, 3);
        var after0 = await Resolve(0, announce);
        Assert.Equal([expected], Indias(after0.Rus.Announced));
        Assert.Equal([expected], Indias(after0.Ind.Announced));
        Assert.Equal([expected], Indias(after0.Teacher.Announced));
        Assert.Equal([expected], Indias(after0.Screen.Announced));
        Assert.Equal([expected], Indias((await t.Rus.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.View!.Announced));

        // A second announcement on the same goods replaces the first: one line, the new rate and turn.
        var after1 = await Resolve(1, announce with { Rate = 0.4, InTurns = 1 });
        var replaced = new AnnouncedTariff("IND", "RUS", "Technology", 0.4, 2);
        Assert.Equal([replaced], Indias(after1.Rus.Announced));
        Assert.Equal([replaced], Indias(after1.Screen.Announced));

        // It lands in turn 2: no longer announced anywhere, and in force.
        var after2 = await Resolve(2, null);
        Assert.Empty(Indias(after2.Rus.Announced));
        Assert.Empty(Indias(after2.Ind.Announced));
        Assert.Empty(Indias(after2.Teacher.Announced));
        Assert.Equal(0.4, after2.Rus.Relations.Single(r => r.Other == "IND").TariffsFrom[(int)DiploSim.Core.Sector.Technology], 9);
    }

    [Fact]
    public async Task A_turn_played_through_the_hub_reaches_every_client_once()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);

        var snapshot = await t.Ind.Call<Reply<SnapshotDto>>("GetSnapshot", 0L);
        Assert.Null(snapshot.Refusal);
        Assert.Equal(Role.Player, snapshot.Value!.Role);
        Assert.Equal("IND", snapshot.Value.View!.Country);
        Assert.Equal(SessionPhase.Running, snapshot.Value.Status.Phase);

        var preview = await t.Ind.Call<Reply<MovePreview>>("PreviewEffect", "IND", Proposal);
        Assert.Equal(1, preview.Value!.Cost);
        Assert.Contains("RUS", preview.Value.Description, StringComparison.Ordinal);

        Assert.Null((await t.Ind.Call("SaveDraft", "IND", new[] { Proposal })).Refusal);
        var view = await t.Ind.View();
        Assert.Equal("ind-rus-1", Assert.Single(view.Value!.Draft).ProposalId);

        Assert.Null((await t.Ind.Call("SendMessage", "IND", "RUS", "A free-trade deal?")).Refusal);
        var private1 = await t.Rus.WaitFor("Private", e => e.Kind == "MessageSent");
        Assert.Equal("A free-trade deal?", private1.Message);
        var onScreen = await t.Screen.WaitFor("Event", e => e.Kind == "MessageSent");
        Assert.True(string.IsNullOrEmpty(onScreen.Message), "the classroom screen sees that a message was sent, not its text");

        Assert.Null((await t.Rus.Call("SendMessage", "RUS", null, "Hello, everyone")).Refusal);
        Assert.Equal("Hello, everyone", (await t.Screen.WaitFor("Event", e => e.Kind == "MessageSent" && e.To is null)).Message);

        var turn = snapshot.Value.Status.Turn;
        Assert.Null((await t.Ind.Call("Submit", "IND", turn, new[] { Proposal })).Refusal);
        Assert.Null((await t.Ind.Call("SetReady", "IND", turn, true)).Refusal);
        Assert.Null((await t.Rus.Call("SetReady", "RUS", turn, true)).Refusal);

        foreach (var client in new[] { t.Teacher, t.Ind, t.Rus, t.Screen })
        {
            var resolved = await client.WaitFor("Event", e => e.Kind == "TurnResolved");
            Assert.Equal(turn, resolved.Outcome!.Turn);
        }

        // The proposal reaches its partner, and every client got the outcome exactly once on the session's channel (a
        // player also gets it on its own channel, with its dashboard: the same event, by its sequence number).
        var rus = await t.Rus.View();
        Assert.Contains(rus.Value!.Proposals, p => p.Id == "ind-rus-1" && p.Proposer == "IND");
        foreach (var client in new[] { t.Teacher, t.Ind, t.Rus, t.Screen })
        {
            Assert.Single(client.Received, r => r.Channel == "Event" && r.Event.Kind == "TurnResolved");
        }

        Assert.Null((await t.Rus.Call("Submit", "RUS", turn + 1, new[] { new MoveOrder { Kind = "AnswerProposal", ProposalId = "ind-rus-1", Accept = true } })).Refusal);
    }

    [Fact]
    public async Task A_resolved_turn_is_pushed_with_what_every_page_draws_and_each_seat_gets_only_its_own_dashboard()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        Assert.Null((await t.Teacher.Call("ResolveNow", 0)).Refusal);

        // Session-wide: the outcome, the status of the next turn and the network, and no seat's dashboard.
        foreach (var client in new[] { t.Teacher, t.Ind, t.Rus, t.Screen })
        {
            var shared = await client.WaitFor("Event", e => e.Kind == "TurnResolved");
            Assert.Equal(0, shared.Outcome!.Turn);
            Assert.Equal((1, SessionPhase.Running), (shared.Status!.Turn, shared.Status.Phase));
            Assert.Equal(shared.Sequence, shared.Status.LogLength);
            Assert.NotEmpty(shared.Network!.Links);
            Assert.Null(shared.View);
        }

        // On each seat's own channel, the same event with that seat's dashboard, which is what a pull would give.
        foreach (var (client, country) in new[] { (t.Ind, "IND"), (t.Rus, "RUS") })
        {
            var own = await client.WaitFor("Private", e => e.Kind == "TurnResolved");
            var pulled = (await client.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!;
            Assert.Equal(pulled.Events.Single(e => e.Kind == "TurnResolved").Sequence, own.Sequence);
            Assert.Equal(country, own.View!.Country);
            Assert.Equal((pulled.View!.Turn, pulled.View.Gdp, pulled.View.Capital), (own.View.Turn, own.View.Gdp, own.View.Capital));
            Assert.Equal(pulled.View.Ledger!.Energy.Bill, own.View.Ledger!.Energy.Bill);
            Assert.Equal(pulled.Status.StateHash, own.Status!.StateHash);
        }

        Assert.DoesNotContain(t.Ind.Received, r => r.Event.View is { Country: not "IND" });
        Assert.DoesNotContain(t.Rus.Received, r => r.Event.View is { Country: not "RUS" });
        Assert.DoesNotContain(t.Teacher.Received, r => r.Channel == "Private" || r.Event.View is not null);
        Assert.DoesNotContain(t.Screen.Received, r => r.Channel == "Private" || r.Event.View is not null);
    }

    [Fact]
    public async Task A_resolved_turn_its_stream_lost_reaches_every_page_from_the_log_with_what_the_page_draws_once()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        await t.Screen.WaitFor("Event", e => e.Kind == "SessionStarted");

        // The streams lose everything of this session from now on, as when the node holding their queues dies: the
        // node's relay finds the session ahead of what it relayed and, once the update is overdue, reads it from the log.
        LostUpdates.Lose(t.Passes.SessionId);
        var resolving = System.Diagnostics.Stopwatch.StartNew();
        Assert.Null((await t.Teacher.Call("ResolveNow", 0)).Refusal);

        foreach (var client in new[] { t.Teacher, t.Ind, t.Rus, t.Screen })
        {
            var shared = await client.WaitFor("Event", e => e.Kind == "TurnResolved");
            Assert.Equal(0, shared.Outcome!.Turn);
            Assert.NotNull(shared.Status);
            Assert.NotNull(shared.Network);
            Assert.Equal((1, SessionPhase.Running), (shared.Status.Turn, shared.Status.Phase));
            Assert.Equal(shared.Sequence, shared.Status.LogLength);
            Assert.NotEmpty(shared.Network.Links);
            Assert.Null(shared.View);
        }

        // Not before an update on its way would have come: the log stands in for a stream only once it is overdue.
        Assert.True(resolving.Elapsed >= Relay.RelayCatchUp.Grace, $"relayed from the log after {resolving.Elapsed.TotalMilliseconds:F0} ms");

        foreach (var (client, country) in new[] { (t.Ind, "IND"), (t.Rus, "RUS") })
        {
            var own = await client.WaitFor("Private", e => e.Kind == "TurnResolved");
            Assert.NotNull(own.View);
            var pulled = (await client.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!;
            Assert.Equal(country, own.View.Country);
            Assert.Equal((pulled.View!.Turn, pulled.View.Gdp, pulled.View.Capital), (own.View.Turn, own.View.Gdp, own.View.Capital));
            Assert.Equal(pulled.Status.StateHash, own.Status!.StateHash);
        }

        // Each page got the turn once on the session's channel, and no seat another's dashboard.
        foreach (var client in new[] { t.Teacher, t.Ind, t.Rus, t.Screen })
        {
            Assert.Single(client.Received, r => r.Channel == "Event" && r.Event.Kind == "TurnResolved");
        }

        Assert.DoesNotContain(t.Ind.Received, r => r.Event.View is { Country: not "IND" });
        Assert.DoesNotContain(t.Rus.Received, r => r.Event.View is { Country: not "RUS" });
        Assert.DoesNotContain(t.Teacher.Received, r => r.Channel == "Private" || r.Event.View is not null);
    }

    [Fact]
    public async Task A_client_that_missed_a_push_learns_the_sessions_last_sequence_and_fetches_only_what_it_missed()
    {
        await using var t = await Seat();
        var held = (await t.Screen.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!;
        var heldSequence = held.Status.LogLength;
        Assert.Equal(heldSequence, (await t.Screen.Call<Reply<long>>("GetSequence")).Value);

        // The screen stops hearing pushes (as when the node relaying them died), and the session moves on.
        t.Screen.Connection.Remove("Event");
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        Assert.Null((await t.Ind.Call("SetReady", "IND", 0, true)).Refusal);
        var last = await t.Teacher.WaitFor("Event", e => e.Kind == "ReadinessChanged");

        // Without waiting for the next event, the screen learns that it is behind and fetches exactly what it missed.
        var latest = await t.Screen.Call<Reply<long>>("GetSequence");
        Assert.Equal(last.Sequence, latest.Value);
        var update = (await t.Screen.Call<Reply<SnapshotDto>>("GetUpdate", heldSequence, held.History.Length, held.History.LastOrDefault()?.StateHash)).Value!;
        Assert.Equal(["SessionStarted", "ReadinessChanged"], update.Events.Select(e => e.Kind));
        Assert.Equal(Enumerable.Range((int)heldSequence + 1, (int)(latest.Value - heldSequence)).Select(i => (long)i), update.Events.Select(e => e.Sequence));
        Assert.Equal(SessionPhase.Running, update.Status.Phase);
        Assert.True(update.Status.Seats.Single(s => s.Country == "IND").Ready);

        // A connection the session does not admit learns nothing.
        await using var stranger = await server.Connect("not-a-pass");
        Assert.StartsWith("not admitted", (await stranger.Call<Reply<long>>("GetSequence")).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_carries_only_what_changed_and_the_whole_history_after_a_rollback()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        Assert.Null((await t.Teacher.Call("ResolveNow", 0)).Refusal);
        Assert.Null((await t.Teacher.Call("ResolveNow", 1)).Refusal);
        var full = (await t.Ind.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!;
        Assert.Equal((2, 0), (full.History.Length, full.HistoryFrom));
        var lastSequence = full.Events.Max(e => e.Sequence);

        Assert.Null((await t.Ind.Call("SaveDraft", "IND", new[] { Proposal })).Refusal);
        Assert.Null((await t.Ind.Call("SendMessage", "IND", "RUS", "A free-trade deal?")).Refusal);
        await t.Rus.WaitFor("Private", e => e.Kind == "MessageSent");
        Assert.Null((await t.Teacher.Call("ResolveNow", 2)).Refusal);
        var update = (await t.Ind.Call<Reply<SnapshotDto>>("GetUpdate", lastSequence, 2, full.History[1].StateHash)).Value!;
        Assert.Equal(2, update.HistoryFrom);
        Assert.Equal([2], update.History.Select(h => h.Turn));
        Assert.All(update.Events, e => Assert.True(e.Sequence > lastSequence));
        Assert.Contains(update.Events, e => e.Kind == "TurnResolved" && e.Turn == 2);
        Assert.Equal(3, update.Status.Turn);
        Assert.Equal("IND", update.View!.Country);

        // A player's update carries the whole dashboard (the saved draft and the ledger) and the messages it lacks, once.
        // The draft saved in turn 2 belonged to that turn: turn 3's update has none, and one saved now is in the next.
        Assert.Empty(update.View.Draft);
        Assert.Null((await t.Ind.Call("SaveDraft", "IND", new[] { Proposal })).Refusal);
        var drafted = (await t.Ind.Call<Reply<SnapshotDto>>("GetUpdate", lastSequence, 2, full.History[1].StateHash)).Value!;
        Assert.Equal("ind-rus-1", Assert.Single(drafted.View!.Draft).ProposalId);
        Assert.NotNull(update.View.Ledger);
        var russia = (await t.Rus.Call<Reply<SnapshotDto>>("GetUpdate", lastSequence, 2, full.History[1].StateHash)).Value!;
        Assert.Equal("RUS", russia.View!.Country);
        var message = Assert.Single(russia.Events, e => e.Message == "A free-trade deal?");
        Assert.DoesNotContain((await t.Rus.Call<Reply<SnapshotDto>>("GetUpdate", message.Sequence, 2, full.History[1].StateHash)).Value!.Events, e => e.Kind == "MessageSent");

        // A copy whose last turn is no longer the session's (a rollback happened) gets the whole history again.
        Assert.Null((await t.Teacher.Call("RollBack", 1, "roll-back-to-1")).Refusal);
        var afterRollback = (await t.Ind.Call<Reply<SnapshotDto>>("GetUpdate", lastSequence, 3, update.History[0].StateHash)).Value!;
        Assert.Equal(0, afterRollback.HistoryFrom);
        Assert.Equal([0], afterRollback.History.Select(h => h.Turn));
        Assert.Equal(0, (await t.Ind.Call<Reply<SnapshotDto>>("GetUpdate", lastSequence, 1, "not-a-hash")).Value!.HistoryFrom);

        // The screen reads updates too, with private messages redacted as in a snapshot.
        Assert.Null((await t.Ind.Call("SendMessage", "IND", "RUS", "secret terms")).Refusal);
        var screen = (await t.Screen.Call<Reply<SnapshotDto>>("GetUpdate", lastSequence, 0, null)).Value!;
        Assert.DoesNotContain(screen.Events, e => e.Message == "secret terms");
    }

    [Fact]
    public async Task A_resolve_now_sent_again_after_its_answer_was_lost_resolves_one_turn_and_says_so()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        Assert.Null((await t.Ind.Call("Submit", "IND", 0, new[] { Proposal })).Refusal);

        // The first call resolved turn 0 and its answer was lost; the page sends the same call again.
        var first = await t.Teacher.Call("ResolveNow", 0);
        var again = await t.Teacher.Call("ResolveNow", 0);
        Assert.Equal(new Receipt(null), first);
        Assert.Equal(new Receipt(null, "turn 0 was already resolved"), again);
        Assert.Equal("turn 3 has not begun: the session is in turn 1", (await t.Teacher.Call("ResolveNow", 3)).Refusal);
        var log = (await t.Teacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!;
        Assert.Equal(1, log.Status.Turn);
        Assert.Equal([0], log.Events.Where(e => e.Kind == "TurnResolved").Select(e => e.Turn!.Value));

        // The player's submission sent again after the turn resolved counted once, and says so.
        Assert.Equal("your moves for turn 0 were in when it resolved", (await t.Ind.Call("Submit", "IND", 0, new[] { Proposal })).Note);

        // Pause and resume name their turn; an extension, a rollback and a fork carry the id of the click.
        Assert.Null((await t.Teacher.Call("Pause", 1)).Note);
        Assert.Equal("the session was already paused in turn 1", (await t.Teacher.Call("Pause", 1)).Note);
        Assert.Null((await t.Teacher.Call("Resume", 1)).Refusal);
        Assert.Equal("the session was already running turn 1", (await t.Teacher.Call("Resume", 1)).Note);
        Assert.Equal("turn 0 is over: the session is in turn 1", (await t.Teacher.Call("Pause", 0)).Refusal);
        Assert.Null((await t.Teacher.Call("ExtendDeadline", 1, 60, "extend-a")).Note);
        Assert.Equal("the deadline was already extended by this request", (await t.Teacher.Call("ExtendDeadline", 1, 60, "extend-a")).Note);
        Assert.Null((await t.Teacher.Call("ExtendDeadline", 1, 60, "extend-b")).Note);
        var fork = await t.Teacher.Call<Reply<SessionPassesDto>>("Fork", 1, "fork-a");
        Assert.Equal(fork, await t.Teacher.Call<Reply<SessionPassesDto>>("Fork", 1, "fork-a"));
        Assert.NotEqual(fork.Value!.SessionId, (await t.Teacher.Call<Reply<SessionPassesDto>>("Fork", 1, "fork-b")).Value!.SessionId);
        Assert.Null((await t.Teacher.Call("RollBack", 0, "roll-back-a")).Note);
        Assert.Equal("the session was already rolled back to turn 0 by this request", (await t.Teacher.Call("RollBack", 0, "roll-back-a")).Note);

        var events = (await t.Teacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Events;
        Assert.Equal(2, events.Count(e => e.Kind == "DeadlineExtended"));
        Assert.Equal(2, events.Count(e => e.Kind == "ForkedInto"));
        Assert.Single(events, e => e.Kind == "RolledBack");
        await using var forkTeacher = await server.Connect(fork.Value.TeacherPass);
        Assert.Equal(t.Passes.SessionId, (await forkTeacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Status.ForkedFrom);
    }

    [Fact]
    public async Task The_teacher_drives_the_session()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        Assert.Null((await t.Teacher.Call("Pause", 0)).Refusal);
        await t.Ind.WaitFor("Event", e => e.Kind == "SessionPaused");
        Assert.Null((await t.Teacher.Call("Resume", 0)).Refusal);
        Assert.Null((await t.Teacher.Call("ExtendDeadline", 0, 120, "extend-1")).Refusal);
        await t.Screen.WaitFor("Event", e => e.Kind == "DeadlineExtended" && e.DeadlineMs is not null);
        Assert.Null((await t.Teacher.Call("FireInject", "ceasefire")).Refusal);
        var shock = new ShockData("quake", "Earthquake", "A quake hits.", [new ShockEffectData { Kind = "Gdp", Actor = "IND", Fraction = -0.02 }]);
        Assert.Null((await t.Teacher.Call("FireShock", shock)).Refusal);
        Assert.Null((await t.Teacher.Call("ResolveNow", 0)).Refusal);
        var resolved = await t.Rus.WaitFor("Event", e => e.Kind == "TurnResolved");
        Assert.Contains(resolved.Outcome!.Shocks, s => s.Id == "ceasefire");
        Assert.Contains(resolved.Outcome.Shocks, s => s.Id == "quake");

        var fork = await t.Teacher.Call<Reply<SessionPassesDto>>("Fork", 0, "fork-at-0");
        Assert.Null(fork.Refusal);
        await using (var forkTeacher = await server.Connect(fork.Value!.TeacherPass))
        {
            var forked = await forkTeacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L);
            Assert.Equal(t.Passes.SessionId, forked.Value!.Status.ForkedFrom);
        }

        Assert.Null((await t.Teacher.Call("RollBack", 0, "roll-back-to-0")).Refusal);
        await t.Ind.WaitFor("Event", e => e.Kind == "RolledBack");

        var seat = await t.Teacher.Call<Reply<SeatPassDto>>("AssignSeat", "CHN", "Chen");
        Assert.Equal("CHN", seat.Value!.Country);
        await using (var chn = await server.Connect(seat.Value.Pass))
        {
            Assert.Equal("CHN", (await chn.View()).Value!.Country);
        }

        Assert.Null((await t.Teacher.Call("FreeSeat", "CHN")).Refusal);
        Assert.Null((await t.Teacher.Call("End")).Refusal);
        await t.Screen.WaitFor("Event", e => e.Kind == "SessionEnded");
    }

    [Fact]
    public async Task A_player_leaves_and_returns()
    {
        await using var t = await Seat();
        Assert.Null((await t.Ind.Call("Leave", "IND")).Refusal);
        await t.Teacher.WaitFor("Event", e => e.Kind == "PlayerLeft" && e.Country == "IND");
        Assert.Null((await t.Ind.Call("Return", "IND")).Refusal);
        await t.Teacher.WaitFor("Event", e => e.Kind == "PlayerReturned" && e.Country == "IND");
    }

    [Fact]
    public async Task A_student_whose_pages_all_close_reads_as_connection_lost_on_the_console_and_keeps_her_seat_and_the_state()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        var before = (await t.Teacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Status;
        Assert.Equal(1, (await Connected(t.Teacher, "IND")).Open);

        // A second tab of hers: closing one leaves her connected.
        var tab = await server.Connect(t.India.Pass);
        Assert.Equal(2, (await Until(t.Teacher, "IND", s => s.Open == 2)).Open);
        await tab.DisposeAsync();
        var one = await Until(t.Teacher, "IND", s => s.Open == 1);
        Assert.Null(one.LostAtMs);

        // Her phone drops: the console reads it, with when; Russia is unaffected.
        var dropped = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await t.Ind.DisposeAsync();
        var lost = await Until(t.Teacher, "IND", s => s.Open == 0);
        Assert.InRange(lost.LostAtMs!.Value, dropped - 1000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(1, (await Connected(t.Teacher, "RUS")).Open);

        // Nothing of it is in the session: her seat is hers, present, not the computer's, and the log and hash are as they were.
        var after = (await t.Teacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Status;
        var india = after.Seats.Single(s => s.Country == "IND");
        Assert.True(india.Present);
        Assert.False(india.BotPlaying);
        Assert.Equal(before.LogLength, after.LogLength);
        Assert.Equal(before.StateHash, after.StateHash);

        // She comes back.
        await using var back = await server.Connect(t.India.Pass);
        var again = await Until(t.Teacher, "IND", s => s.Open == 1);
        Assert.Null(again.LostAtMs);
    }

    private static async Task<SeatConnectionDto> Connected(GameClient teacher, string country)
    {
        var reply = await teacher.Call<Reply<SeatConnectionsDto>>("GetSeatConnections");
        Assert.Null(reply.Refusal);
        return reply.Value!.Seats.Single(s => s.Country == country);
    }

    /// <summary>The seat's count once it matches: a closed connection reaches the server a moment after the client lets it go.</summary>
    private static async Task<SeatConnectionDto> Until(GameClient teacher, string country, Func<SeatConnectionDto, bool> match)
    {
        var bound = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var seat = await Connected(teacher, country);
            if (match(seat) || DateTime.UtcNow > bound)
            {
                Assert.True(match(seat), $"{country} reads {seat}");
                return seat;
            }

            await Task.Delay(50);
        }
    }

    public static TheoryData<string, object?[]> OtherCountryCalls => new()
    {
        { "PreviewEffect", ["RUS", Proposal] },
        { "SaveDraft", ["RUS", Array.Empty<MoveOrder>()] },
        { "SaveTurnDraft", ["RUS", 0, 0L, Array.Empty<MoveOrder>()] },
        { "Submit", ["RUS", 1, Array.Empty<MoveOrder>()] },
        { "SetReady", ["RUS", 1, true] },
        { "SendMessage", ["RUS", "IND", "forged"] },
        { "Leave", ["RUS"] },
        { "Return", ["RUS"] },
    };

    [Theory]
    [MemberData(nameof(OtherCountryCalls))]
    public async Task A_player_cannot_act_or_read_for_another_country(string method, object?[] args)
    {
        await using var t = await Seat();
        var answer = await t.Ind.Connection.InvokeCoreAsync<Reply<object>>(method, args);
        Assert.Equal("you hold the seat of IND, not of RUS", answer.Refusal);
        Assert.DoesNotContain(t.Ind.Received, r => r.Channel == "Private");
    }

    public static TheoryData<string, object?[]> TeacherCalls => new()
    {
        { "Start", [] }, { "Pause", [0] }, { "Resume", [0] }, { "ResolveNow", [0] }, { "ExtendDeadline", [0, 60, "c"] },
        { "FireInject", ["ceasefire"] }, { "FireShock", [new ShockData("x", "X", "", [])] }, { "AssignSeat", ["CHN", "Eve"] },
        { "FreeSeat", ["RUS"] }, { "RollBack", [0, "c"] }, { "Fork", [0, "c"] }, { "End", [] }, { "RotateTeacherPass", [] },
        { "RotateSpectatorPass", [] }, { "GetSeatConnections", [] },
    };

    [Theory]
    [MemberData(nameof(TeacherCalls))]
    public async Task Players_and_the_screen_cannot_reach_teacher_controls(string method, object?[] args)
    {
        await using var t = await Seat();
        foreach (var client in new[] { t.Ind, t.Screen })
        {
            var answer = await client.Connection.InvokeCoreAsync<Reply<object>>(method, args);
            Assert.Equal("only the session's teacher may do that", answer.Refusal);
        }

        var status = await t.Teacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L);
        Assert.Equal(SessionPhase.Lobby, status.Value!.Status.Phase);
        Assert.All(status.Value.Status.Seats.Where(s => s.OpenToPlayers), s => Assert.NotNull(s.Player));
    }

    [Fact]
    public async Task The_screen_cannot_act_as_a_player()
    {
        await using var t = await Seat();
        Assert.Equal("only a seated player may do that", (await t.Screen.Call("Submit", "IND", 1, Array.Empty<MoveOrder>())).Refusal);
    }

    [Fact]
    public async Task A_freed_seat_revokes_its_pass()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("FreeSeat", "IND")).Refusal);
        Assert.Contains("IND", await t.Ind.RevokedReason.Task.WaitAsync(TimeSpan.FromSeconds(30)), StringComparison.Ordinal);

        // The open connection's calls are refused by the session, and a new connection with the pass is not admitted.
        Assert.NotNull((await t.Ind.Call("Submit", "IND", 1, Array.Empty<MoveOrder>())).Refusal);
        Assert.NotNull((await t.Ind.View()).Refusal);
        Assert.Equal("this pass does not hold the seat of IND (freed, reassigned or forged)", (await t.Ind.Call<Reply<SnapshotDto>>("GetUpdate", 0L, 0, null)).Refusal);
        await using var again = await server.Connect(t.India.Pass);
        Assert.StartsWith("not admitted: this pass does not hold the seat of IND", (await again.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Refusal, StringComparison.Ordinal);

        // Messages to IND no longer reach the revoked connection.
        Assert.Null((await t.Rus.Call("SendMessage", "RUS", "IND", "still there?")).Refusal);
        await t.Teacher.WaitFor("Event", e => e.Kind == "MessageSent" && e.To == "IND");
        Assert.DoesNotContain(t.Ind.Received, r => r.Channel == "Private" && r.Event.Message == "still there?");
    }

    public static TheoryData<string> ForgedPasses => new()
    {
        "not-a-pass",
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("t|s0000000000|||0000")),
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("p|s0000000000|IND|00000000000000000000000000000000|")),
        string.Empty,
    };

    [Theory]
    [MemberData(nameof(ForgedPasses))]
    public async Task Forged_passes_are_refused(string pass)
    {
        await using var forged = await server.Connect(pass);
        Assert.StartsWith("not admitted", (await forged.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Refusal, StringComparison.Ordinal);
        Assert.StartsWith("not admitted", (await forged.Call("Start")).Refusal, StringComparison.Ordinal);
        Assert.StartsWith("not admitted", (await forged.Call("Submit", "IND", 1, Array.Empty<MoveOrder>())).Refusal, StringComparison.Ordinal);
        Assert.StartsWith("not admitted", (await forged.Call<Reply<MovePreview>>("PreviewEffect", "IND", Proposal)).Refusal, StringComparison.Ordinal);
        Assert.StartsWith("not admitted", (await forged.Call<Reply<SessionPassesDto>>("RotateTeacherPass")).Refusal, StringComparison.Ordinal);
        Assert.StartsWith("not admitted", (await forged.Call<Reply<SessionPassesDto>>("RotateSpectatorPass")).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_teacher_pass_with_a_changed_token_is_refused()
    {
        var passes = await server.CreateSession();
        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(passes.TeacherPass));
        var parts = text.Split('|');
        parts[3] = new string('0', parts[3].Length);
        await using var forged = await server.Connect(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('|', parts))));
        Assert.Equal("not admitted: the pass was not issued by this server", (await forged.Call("Start")).Refusal);
    }

    [Fact]
    public async Task A_player_pass_for_one_session_does_not_reach_another()
    {
        await using var t = await Seat();
        var other = await server.CreateSession();
        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(t.India.Pass)).Replace(t.Passes.SessionId, other.SessionId, StringComparison.Ordinal);
        await using var moved = await server.Connect(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text)));
        Assert.StartsWith("not admitted", (await moved.View()).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_player_previews_a_moves_direct_effect_before_committing_it()
    {
        await using var t = await Seat();
        var tariff = new MoveOrder { Kind = "SetTariff", Target = "RUS", Rate = 0.6 };

        var answer = await t.Ind.Call<Reply<MovePreview>>("PreviewEffect", "IND", tariff);
        Assert.Null(answer.Refusal);
        var preview = answer.Value!;
        Assert.Null(preview.Refusal);
        Assert.Equal(1, preview.Cost);
        Assert.Equal("RUS", preview.Target);
        var trade = Assert.Single(preview.Effects, e => e.Indicator == "tradeWithTarget");
        Assert.True(trade.With < trade.Without, "a tariff rise lowers trade with its target");
        Assert.True(Assert.Single(preview.Effects, e => e.Indicator == "trustOfTarget").Change < 0, "and the target's trust");

        // JSON gives the same shape; an invalid move comes back with the validator's reason, not as a refusal.
        var invalid = await t.Rus.Call<Reply<MovePreview>>("PreviewEffect", "RUS", new MoveOrder { Kind = "GiveAid", Target = "RUS", Amount = 1 });
        Assert.Null(invalid.Refusal);
        Assert.Equal("RUS cannot target itself", invalid.Value!.Refusal);
        Assert.Empty(invalid.Value.Effects);

        // Nothing was submitted or drafted by previewing.
        var status = await t.Teacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L);
        Assert.All(status.Value!.Status.Seats, s => Assert.False(s.Submitted));
        Assert.Empty((await t.Ind.View()).Value!.Draft);

        Assert.Equal("only a seated player may do that", (await t.Screen.Call<Reply<MovePreview>>("PreviewEffect", "IND", tariff)).Refusal);
        Assert.Equal("only a seated player may do that", (await t.Teacher.Call<Reply<MovePreview>>("PreviewEffect", "IND", tariff)).Refusal);
    }

    [Fact]
    public async Task A_seat_s_view_carries_its_tariff_on_each_partner_s_goods_by_sector_which_its_tariff_move_changes_and_the_partner_s_does_not()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        var before = (await t.Ind.View()).Value!.Relations.Single(r => r.Other == "RUS").Tariffs;
        Assert.Equal(Enum.GetValues<DiploSim.Core.Sector>().Length, before.Length);
        var energy = (int)DiploSim.Core.Sector.Energy;

        Assert.Null((await t.Ind.Call("Submit", "IND", 0, new[] { new MoveOrder { Kind = "SetTariff", Target = "RUS", Sector = "Energy", Rate = 0.35 } })).Refusal);
        Assert.Null((await t.Teacher.Call("ResolveNow", 0)).Refusal);

        // India's rate on Russian energy is the one it set, its other rates on Russia are as they were; Russia's view
        // holds Russia's own rates on India's goods, which India's move does not touch.
        var after = (await t.Ind.View()).Value!.Relations.Single(r => r.Other == "RUS").Tariffs;
        Assert.Equal(0.35, after[energy], 9);
        Assert.Equal(before.RemoveAt(energy).ToArray(), after.RemoveAt(energy).ToArray());
        var russia = (await t.Rus.View()).Value!.Relations.Single(r => r.Other == "IND").Tariffs;
        Assert.NotEqual(0.35, russia[energy]);
    }

    [Fact]
    public async Task A_seat_s_view_carries_each_partner_s_tariff_on_its_goods_so_a_tariff_set_on_it_shows_on_its_side()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        var energy = (int)DiploSim.Core.Sector.Energy;
        Assert.Null((await t.Ind.Call("Submit", "IND", 0, new[] { new MoveOrder { Kind = "SetTariff", Target = "RUS", Sector = "Energy", Rate = 0.35 } })).Refusal);
        Assert.Null((await t.Teacher.Call("ResolveNow", 0)).Refusal);

        // Russia's view shows what India now charges on Russian energy, and India's view the same rates as its own;
        // each relation carries one rate per sector each way, no more.
        var russia = (await t.Rus.View()).Value!.Relations;
        Assert.Equal(0.35, russia.Single(r => r.Other == "IND").TariffsFrom[energy], 9);
        var india = (await t.Ind.View()).Value!.Relations;
        Assert.Equal(india.Single(r => r.Other == "RUS").Tariffs.ToArray(), russia.Single(r => r.Other == "IND").TariffsFrom.ToArray());
        Assert.Equal(russia.Single(r => r.Other == "IND").Tariffs.ToArray(), india.Single(r => r.Other == "RUS").TariffsFrom.ToArray());
        Assert.All(russia, r => Assert.Equal(Enum.GetValues<DiploSim.Core.Sector>().Length, r.TariffsFrom.Length));
    }

    [Fact]
    public async Task The_dashboard_carries_trade_energy_arms_deliveries_agreements_and_the_network()
    {
        await using var t = await Seat();
        foreach (var (client, country) in new[] { (t.Ind, "IND"), (t.Rus, "RUS") })
        {
            var ledger = (await client.View()).Value!.Ledger!;
            Assert.Contains(ledger.Deliveries, d => d.Id == "s400-regiment-4" && d.Buyer == "IND" && d.Seller == "RUS" && d.Status == "Delayed");
            Assert.Contains(ledger.Agreements, a => a.Id == "brahmos" && a.Status == "InForce" && a.Breaches == 0);
            Assert.Contains(ledger.Trade, l => l.Partner == (country == "IND" ? "RUS" : "IND") && l.Sector == "Energy");
            Assert.True(ledger.Energy.OilPrice > 0);
        }

        var india = (await t.Ind.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!;
        Assert.Equal("RUS", india.View!.Ledger!.ArmsSuppliers[0].Supplier);
        Assert.True(india.View.Ledger.Energy.Bill > 0);

        // The network is public: the classroom screen gets every pair.
        var screen = (await t.Screen.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!;
        var n = screen.Network!.Actors.Length;
        Assert.Equal(n * (n - 1) / 2, screen.Network.Links.Length);
        Assert.Null(screen.View);
        Assert.Contains(screen.Network.Links, l => l.A == "IND" && l.B == "RUS" && l.Trade > 0);
    }

    [Fact]
    public async Task A_rotated_teacher_pass_stops_working()
    {
        await using var t = await Seat();
        await using var otherTab = await server.Connect(t.Passes.TeacherPass);
        Assert.Null((await otherTab.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Refusal);

        var rotated = await t.Teacher.Call<Reply<SessionPassesDto>>("RotateTeacherPass");
        Assert.Null(rotated.Refusal);
        Assert.NotEqual(t.Passes.TeacherPass, rotated.Value!.TeacherPass);
        Assert.Equal(t.Passes.JoinCode, rotated.Value.JoinCode);

        // The connection that rotated carries on with the new pass, and still hears the session.
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        await t.Teacher.WaitFor("Event", e => e.Kind == "SessionStarted");
        Assert.False(t.Teacher.RevokedReason.Task.IsCompleted);

        // Another tab with the old pass is told, its calls and reads are refused, and it hears nothing more.
        Assert.Contains("replaced", await otherTab.RevokedReason.Task.WaitAsync(TimeSpan.FromSeconds(30)), StringComparison.Ordinal);
        Assert.Equal("only the session's teacher may do that", (await otherTab.Call("Pause", 0)).Refusal);
        Assert.Equal(StaleTeacher, (await otherTab.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Refusal);
        Assert.DoesNotContain(otherTab.Received, r => r.Event.Kind == "SessionStarted");

        // The old pass no longer connects or exports; the new one does.
        await using var stale = await server.Connect(t.Passes.TeacherPass);
        Assert.Equal($"not admitted: {StaleTeacher}", (await stale.Call("Pause", 0)).Refusal);
        using var oldExport = await server.Export("json", t.Passes.TeacherPass);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, oldExport.StatusCode);
        using var newExport = await server.Export("json", rotated.Value.TeacherPass);
        Assert.Equal(System.Net.HttpStatusCode.OK, newExport.StatusCode);

        await using var renewed = await server.Connect(rotated.Value.TeacherPass);
        Assert.Null((await renewed.Call("Pause", 0)).Refusal);

        // Players are not affected.
        Assert.Null((await t.Ind.View()).Refusal);
    }

    private const string StaleTeacher = "this teacher pass was replaced by a new one, or its session does not exist";

    private const string StaleScreen = "this classroom screen's pass was replaced by a new one, or its session does not exist";

    [Fact]
    public async Task A_new_screen_link_drops_the_screens_with_the_old_one()
    {
        await using var t = await Seat();

        // Only the teacher may replace it: a player's or the screen's attempt changes nothing.
        Assert.Equal("only the session's teacher may do that", (await t.Ind.Call<Reply<SessionPassesDto>>("RotateSpectatorPass")).Refusal);
        Assert.Equal("only the session's teacher may do that", (await t.Screen.Call<Reply<SessionPassesDto>>("RotateSpectatorPass")).Refusal);
        Assert.Null((await t.Screen.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Refusal);

        var replaced = await t.Teacher.Call<Reply<SessionPassesDto>>("RotateSpectatorPass");
        Assert.Null(replaced.Refusal);
        Assert.NotEqual(t.Passes.SpectatorPass, replaced.Value!.SpectatorPass);
        Assert.Equal((t.Passes.TeacherPass, t.Passes.JoinCode), (replaced.Value.TeacherPass, replaced.Value.JoinCode));
        Assert.NotNull(replaced.Value.SpectatorPass);

        // The open screen is told, reads nothing more and hears nothing more; a screen with the new link does.
        Assert.Contains("classroom screen", await t.Screen.RevokedReason.Task.WaitAsync(TimeSpan.FromSeconds(30)), StringComparison.Ordinal);
        Assert.Equal(StaleScreen, (await t.Screen.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Refusal);
        await using var screen = await server.Connect(replaced.Value.SpectatorPass, messagePack: false);
        Assert.Null((await screen.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Refusal);
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        await screen.WaitFor("Event", e => e.Kind == "SessionStarted");
        await t.Teacher.WaitFor("Event", e => e.Kind == "SessionStarted");
        Assert.DoesNotContain(t.Screen.Received, r => r.Event.Kind == "SessionStarted");

        // The old link no longer connects; the teacher and the players carry on.
        await using var stale = await server.Connect(t.Passes.SpectatorPass);
        Assert.Equal($"not admitted: {StaleScreen}", (await stale.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Refusal);
        Assert.False(t.Teacher.RevokedReason.Task.IsCompleted);
        Assert.Null((await t.Ind.View()).Refusal);
    }

    [Fact]
    public async Task Passes_are_replaced_over_http_only_with_the_teachers_pass()
    {
        await using var t = await Seat();
        async Task<HttpResponseMessage> Replace(string holder, string? bearer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/passes/{holder}", UriKind.Relative));
            if (bearer is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
            }

            return await server.Http.SendAsync(request);
        }

        foreach (var bearer in new[] { t.Passes.SpectatorPass, t.India.Pass, "not-a-pass", null })
        {
            using var refused = await Replace("spectator", bearer);
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var unknown = await Replace("player", t.Passes.TeacherPass))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        }

        Assert.Null((await t.Screen.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Refusal);

        using var screenReply = await Replace("spectator", t.Passes.TeacherPass);
        Assert.Equal(System.Net.HttpStatusCode.OK, screenReply.StatusCode);
        var screenPasses = (await screenReply.Content.ReadFromJsonAsync<SessionPassesDto>())!;
        Assert.Contains("classroom screen", await t.Screen.RevokedReason.Task.WaitAsync(TimeSpan.FromSeconds(30)), StringComparison.Ordinal);
        await using var screen = await server.Connect(screenPasses.SpectatorPass);
        Assert.Null((await screen.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Refusal);

        // Over HTTP no connection asked for the new teacher's pass, so every console with the old one is dropped.
        using var teacherReply = await Replace("teacher", t.Passes.TeacherPass);
        Assert.Equal(System.Net.HttpStatusCode.OK, teacherReply.StatusCode);
        var renewed = (await teacherReply.Content.ReadFromJsonAsync<SessionPassesDto>())!;
        Assert.Equal(t.Passes.JoinCode, renewed.JoinCode);
        Assert.Null(renewed.SpectatorPass);
        Assert.Contains("teacher's pass", await t.Teacher.RevokedReason.Task.WaitAsync(TimeSpan.FromSeconds(30)), StringComparison.Ordinal);
        Assert.Equal(StaleTeacher, (await t.Teacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Refusal);
        using (var again = await Replace("spectator", t.Passes.TeacherPass))
        {
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, again.StatusCode);
        }

        await using var console = await server.Connect(renewed.TeacherPass);
        Assert.Null((await console.Call("Start")).Refusal);
    }
}
