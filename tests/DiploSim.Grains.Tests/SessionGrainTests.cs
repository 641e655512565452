using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Core.State;
using DiploSim.Grains;
using DiploSim.Scenarios;

namespace DiploSim.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SessionGrainTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task An_all_bot_session_gives_the_same_hashes_as_a_headless_run_and_its_replay_does_too()
    {
        const ulong seed = 11;
        const int turns = 6;
        var (session, ticket) = await Sessions.Create(Client, "equivalence", seed);
        Assert.True((await session.Start(ticket.TeacherToken)).IsAccepted);
        for (var t = 0; t < turns; t++)
        {
            if (t % 3 == 0)
            {
                // Long enough for the bots to decide ahead (their timer runs on the silo's real clock), as between a class's turns.
                await Task.Delay(SessionGrain.BotsDecideAfter * 2);
            }

            Assert.True((await session.ResolveNow(ticket.TeacherToken)).IsAccepted);
        }

        // The session plays the first turns of the scenario, so its bots value slow moves up to the scenario's end.
        var world = BaselineScenario.World(seed);
        var expected = Simulation.Play(world, ShockScript.Empty, turns, endTurn: world.Turn + BaselineScenario.Load().Turns).Select(r => r.Outcome.StateHash).ToList();
        var live = (await session.GetHistory(fromTurn: 0)).Select(s => s.StateHash).ToList();
        Assert.Equal(expected, live);

        await fixture.Cluster.DeactivateAsync(session);
        var replayed = (await session.GetHistory(fromTurn: 0)).Select(s => s.StateHash).ToList();
        Assert.Equal(expected, replayed);
        Assert.Equal(turns, (await session.GetStatus()).Turn);
    }

    [Fact]
    public async Task A_seat_cannot_say_it_is_ready_before_the_teacher_starts_the_session_and_can_once_it_runs()
    {
        var (session, ticket) = await Sessions.Create(Client, "ready-in-lobby", humans: ["IND", "RUS"]);
        var india = (await session.Join("IND", "Asha")).Value!;
        // Russia's student too, so India's Ready does not resolve turn 0 at once (and clear it).
        Assert.True((await session.Join("RUS", "Ivan")).IsAccepted);
        var before = await session.GetSequence();
        Assert.Equal("the session has not started yet: the teacher starts it", (await session.SetReady("IND", india.Token, 0, true)).Refusal);
        Assert.Equal(before, await session.GetSequence());
        Assert.True((await session.Start(ticket.TeacherToken)).IsAccepted);
        Assert.DoesNotContain((await session.GetStatus()).Seats, s => s.Ready);
        Assert.True((await session.SetReady("IND", india.Token, 0, true)).IsAccepted);
        Assert.Contains((await session.GetStatus()).Seats, s => s.Country == "IND" && s.Ready);
    }

    [Fact]
    public async Task The_sequence_is_the_last_logged_events_number_and_zero_before_any()
    {
        var (session, ticket) = await Sessions.Create(Client, "sequence", humans: ["IND"]);
        Assert.Equal(0, await session.GetSequence());
        var india = (await session.Join("IND", "Asha")).Value!;
        Assert.True((await session.Start(ticket.TeacherToken)).IsAccepted);
        Assert.True((await session.Submit("IND", india.Token, 0, [Sessions.Summit("RUS")])).IsAccepted);
        Assert.True((await session.SetReady("IND", india.Token, 0, true)).IsAccepted);

        var log = await session.GetLog(afterSequence: 0);
        Assert.True(log.Length >= 4);
        Assert.Equal(log[^1].Sequence, await session.GetSequence());
        Assert.Equal(log.Length, (await session.GetStatus()).LogLength);
    }

    [Fact]
    public async Task A_node_that_relayed_part_of_the_log_reads_only_the_events_and_turns_after_it()
    {
        var (session, ticket) = await Sessions.Create(Client, "log-after", humans: ["IND"]);
        var india = (await session.Join("IND", "Asha")).Value!;
        Assert.True((await session.Start(ticket.TeacherToken)).IsAccepted);
        for (var turn = 0; turn < 2; turn++)
        {
            Assert.True((await session.SetReady("IND", india.Token, turn, true)).IsAccepted);
        }

        var whole = await session.GetLog(afterSequence: 0);
        var middle = whole[whole.Length / 2].Sequence;
        var after = await session.GetLog(afterSequence: middle);
        Assert.Equal(whole.Where(e => e.Sequence > middle).Select(e => e.Sequence), after.Select(e => e.Sequence));
        Assert.Empty(await session.GetLog(afterSequence: whole[^1].Sequence));

        var history = await session.GetHistory(fromTurn: 0);
        Assert.Equal([0, 1], history.Select(h => h.Turn));
        Assert.Equal([history[1].StateHash], (await session.GetHistory(fromTurn: 1)).Select(h => h.StateHash));
    }

    [Fact]
    public async Task A_turn_resolves_as_soon_as_every_present_player_is_ready_with_their_moves()
    {
        var (session, ticket) = await Sessions.Create(Client, "lifecycle", humans: ["IND", "RUS"]);
        var updates = await UpdateRecorder.Subscribe(Client, SessionStreams.SessionNamespace, ticket.SessionId);
        var india = (await session.Join("IND", "Asha")).Value!;
        var russia = (await session.Join("RUS", "Ivan")).Value!;
        Assert.Equal($"RUS is already taken", (await session.Join("RUS", "Someone")).Refusal);
        Assert.True((await session.Start(ticket.TeacherToken)).IsAccepted);

        Assert.True((await session.Submit("IND", india.Token, 0, [Sessions.Tariff("USA", 0.3)])).IsAccepted);
        Assert.True((await session.Submit("IND", india.Token, 0, [Sessions.Summit("RUS")])).IsAccepted); // a revision replaces
        Assert.True((await session.SetReady("IND", india.Token, 0, true)).IsAccepted);
        Assert.Equal(0, (await session.GetStatus()).Turn);

        Assert.True((await session.SetReady("RUS", russia.Token, 0, true)).IsAccepted);

        var status = await session.GetStatus();
        Assert.Equal(1, status.Turn);
        Assert.All(status.Seats, s => Assert.False(s.Ready));
        var outcome = (await session.GetHistory(fromTurn: 0)).Single();
        var indiaMoves = outcome.Moves.Where(m => m.Move.Actor == "IND").ToList();
        Assert.Contains(indiaMoves, m => m.Move.Kind == "HoldSummit" && m.Accepted);
        Assert.DoesNotContain(indiaMoves, m => m.Move.Kind == "SetTariff");
        var resolved = await updates.WaitForTurn(0);
        Assert.Equal(ResolutionCause.AllReady, ((TurnResolved)resolved.Entry.Event).Cause);
        Assert.Equal(outcome.StateHash, resolved.Outcome!.StateHash);
        Assert.Equal(["CHN", "EU", "USA"], ((TurnResolved)resolved.Entry.Event).BotSeats.ToArray());
        await updates.WaitFor(u => u.Entry.Event is ReadinessChanged { Country: "IND", Ready: true });
    }

    [Fact]
    public async Task The_deadline_resolves_the_turn_on_the_fake_clock_and_not_before()
    {
        var (session, ticket) = await Sessions.Create(Client, "deadline", humans: ["IND"]);
        var updates = await UpdateRecorder.Subscribe(Client, SessionStreams.SessionNamespace, ticket.SessionId);
        var india = (await session.Join("IND", "Asha")).Value!;
        await session.Start(ticket.TeacherToken);
        await session.Submit("IND", india.Token, 0, [Sessions.Summit("RUS")]);

        fixture.Clock.Advance(Sessions.TurnLength - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await session.GetStatus()).Turn);

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var resolved = await updates.WaitForTurn(0);

        Assert.Equal(ResolutionCause.Deadline, ((TurnResolved)resolved.Entry.Event).Cause);
        Assert.Equal("clock", resolved.Entry.By);
        var status = await session.GetStatus();
        Assert.Equal(1, status.Turn);
        Assert.Equal(fixture.Clock.GetUtcNow() + Sessions.TurnLength, status.Deadline);
        Assert.Contains(resolved.Outcome!.Moves, m => m.Move.Actor == "IND" && m.Move.Kind == "HoldSummit" && m.Accepted);
    }

    [Fact]
    public async Task Pause_stops_the_clock_extend_moves_the_deadline_and_resume_gives_back_the_time_left()
    {
        var (session, ticket) = await Sessions.Create(Client, "pause");
        var updates = await UpdateRecorder.Subscribe(Client, SessionStreams.SessionNamespace, ticket.SessionId);
        await session.Start(ticket.TeacherToken);
        fixture.Clock.Advance(TimeSpan.FromMinutes(4));

        Assert.True((await session.Pause(ticket.TeacherToken)).IsAccepted);
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal((SessionPhase.Paused, 0, (DateTimeOffset?)null), await PhaseTurnDeadline(session));

        Assert.True((await session.Resume(ticket.TeacherToken)).IsAccepted);
        Assert.Equal(fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(6), (await session.GetStatus()).Deadline);

        Assert.True((await session.ExtendDeadline(ticket.TeacherToken, TimeSpan.FromMinutes(5))).IsAccepted);
        fixture.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(0, (await session.GetStatus()).Turn);

        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await updates.WaitForTurn(0);
        Assert.Equal(1, (await session.GetStatus()).Turn);
        Assert.Contains(updates.Updates, u => u.Entry.Event is SessionPaused { Remaining.TotalMinutes: 6 });
        Assert.Contains(updates.Updates, u => u.Entry.Event is DeadlineExtended { By.TotalMinutes: 5 });
    }

    [Fact]
    public async Task A_prepared_event_fired_twice_in_a_turn_hits_the_world_once_and_says_so_and_fires_again_in_a_later_turn()
    {
        var (session, ticket) = await Sessions.Create(Client, "inject-twice", scenario: TestScenarios.WithShocks);
        await session.Start(ticket.TeacherToken);
        Assert.Equal(Receipt.Accepted, await session.FireInject(ticket.TeacherToken, "ceasefire"));
        var again = await session.FireInject(ticket.TeacherToken, "ceasefire");
        Assert.Null(again.Refusal);
        Assert.Equal("it was already fired in turn 0, and takes effect once when the turn is resolved", again.Note);

        await session.ResolveNow(ticket.TeacherToken);
        Assert.Equal(Receipt.Accepted, await session.FireInject(ticket.TeacherToken, "ceasefire"));
        await session.ResolveNow(ticket.TeacherToken);

        var history = await session.GetHistory(fromTurn: 0);
        Assert.Equal(["ceasefire"], history[0].Shocks.Select(s => s.Id));
        Assert.Equal(["ceasefire", "tariff-salvo"], history[1].Shocks.Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Injects_from_the_menu_and_ad_hoc_shocks_apply_when_the_turn_resolves()
    {
        var (session, ticket) = await Sessions.Create(Client, "injects", scenario: TestScenarios.WithShocks);
        await session.Start(ticket.TeacherToken);
        Assert.True((await session.FireInject(ticket.TeacherToken, "ceasefire")).IsAccepted);
        Assert.Equal("the scenario has no shock 'alien-invasion'", (await session.FireInject(ticket.TeacherToken, "alien-invasion")).Refusal);
        var adHoc = new ShockData("pipeline-blast", "Pipeline blast", "Supply falls.", [new ShockEffectData { Kind = "OilSupply", Delta = -2 }]);
        Assert.True((await session.FireShock(ticket.TeacherToken, adHoc)).IsAccepted);
        Assert.NotNull((await session.FireShock(ticket.TeacherToken, adHoc with { Effects = [new ShockEffectData { Kind = "Gdp" }] })).Refusal);

        await session.ResolveNow(ticket.TeacherToken);
        await session.ResolveNow(ticket.TeacherToken);

        var history = await session.GetHistory(fromTurn: 0);
        Assert.Equal(["ceasefire", "pipeline-blast"], history[0].Shocks.Select(s => s.Id));
        Assert.Equal(["tariff-salvo"], history[1].Shocks.Select(s => s.Id)); // scheduled for turn 1; injects do not repeat

        var world = TestScenarios.ShockScenario.World.WithSeed(7);
        var ids = world.Actors.Select(a => a.Id).ToArray();
        var expected = TurnResolver.Resolve(world, [TestScenarios.Ceasefire, ShockMapping.ToCore(adHoc).Value!], Core.Bots.Bot.DecideAll(world, ids, world.Turn + TestScenarios.ShockScenario.Turns));
        Assert.Equal(expected.Outcome.StateHash, history[0].StateHash);
    }

    [Theory]
    [InlineData("OilOutlook", -3.0)]
    [InlineData("OilDemand", 3.0)]
    public async Task An_ad_hoc_oil_outlook_or_demand_shock_lifts_the_price_within_the_bounds_a_scenario_file_has(string kind, double delta)
    {
        var (session, ticket) = await Sessions.Create(Client, $"oil-{kind}", scenario: TestScenarios.WithShocks);
        await session.Start(ticket.TeacherToken);
        var outlook = new ShockData("shut-in", "The market tightens by 3 mb/d", "Output is shut in, or demand outruns it.", [new ShockEffectData { Kind = kind, Delta = delta }]);
        Assert.Equal($"shock shut-in: {kind} effect's 'delta' is out of range: -250, expected -200 to 200",
            (await session.FireShock(ticket.TeacherToken, outlook with { Effects = [new ShockEffectData { Kind = kind, Delta = -250 }] })).Refusal);
        Assert.Equal($"shock shut-in: {kind} effect needs 'delta'",
            (await session.FireShock(ticket.TeacherToken, outlook with { Effects = [new ShockEffectData { Kind = kind }] })).Refusal);
        Assert.True((await session.FireShock(ticket.TeacherToken, outlook)).IsAccepted);

        await session.ResolveNow(ticket.TeacherToken);

        var history = await session.GetHistory(fromTurn: 0);
        Assert.Equal(["shut-in"], history[0].Shocks.Select(s => s.Id));
        var world = TestScenarios.ShockScenario.World.WithSeed(7);
        var ids = world.Actors.Select(a => a.Id).ToArray();
        var moves = Core.Bots.Bot.DecideAll(world, ids, world.Turn + TestScenarios.ShockScenario.Turns);
        ShockEffect effect = kind == "OilOutlook" ? new OilOutlookEffect(delta) : new OilDemandEffect(delta);
        var expected = TurnResolver.Resolve(world, [new Shock("shut-in", outlook.Headline, outlook.Body, [effect])], moves);
        Assert.Equal(expected.Outcome.StateHash, history[0].StateHash);
        Assert.Equal(3, expected.State.Global.ExpectedSupplyLoss + expected.State.Global.DemandShock, 9);
        Assert.True(expected.State.Global.OilPrice > TurnResolver.Resolve(world, moves).State.Global.OilPrice);
    }

    [Fact]
    public async Task An_ad_hoc_purchase_halt_holds_for_its_turns_within_the_bounds_a_scenario_file_has()
    {
        var (session, ticket) = await Sessions.Create(Client, "purchase-halt", scenario: TestScenarios.WithShocks);
        await session.Start(ticket.TeacherToken);
        var effect = new ShockEffectData { Kind = "PurchaseHalt", Actor = "IND", Other = "RUS", Sector = "Energy", Fraction = 0.5, Turns = 2 };
        var halt = new ShockData("halt", "India's refiners stop buying", "State refiners halt Russian crude.", [effect]);
        Assert.Equal("shock halt: PurchaseHalt effect needs 'sector'", (await session.FireShock(ticket.TeacherToken, halt with { Effects = [effect with { Sector = null }] })).Refusal);
        Assert.Equal("shock halt: PurchaseHalt effect's 'turns' is out of range: 0, expected 1 to 100", (await session.FireShock(ticket.TeacherToken, halt with { Effects = [effect with { Turns = 0 }] })).Refusal);
        Assert.True((await session.FireShock(ticket.TeacherToken, halt)).IsAccepted);

        await session.ResolveNow(ticket.TeacherToken);

        var history = await session.GetHistory(fromTurn: 0);
        var world = TestScenarios.ShockScenario.World.WithSeed(7);
        var ids = world.Actors.Select(a => a.Id).ToArray();
        var expected = TurnResolver.Resolve(world, [new Shock("halt", halt.Headline, halt.Body, [new PurchaseHaltEffect("IND", "RUS", Sector.Energy, 0.5, 2)])],
            Core.Bots.Bot.DecideAll(world, ids, world.Turn + TestScenarios.ShockScenario.Turns));
        Assert.Equal(expected.Outcome.StateHash, history[0].StateHash);
        Assert.Equal(new PurchaseHalt("IND", "RUS", Sector.Energy, 0.5, 2, expected.State.PurchaseHalts[0].Withheld), Assert.Single(expected.State.PurchaseHalts));
    }

    [Fact]
    public async Task Teacher_controls_need_the_teacher_token()
    {
        var (session, ticket) = await Sessions.Create(Client, "teacher-only", humans: ["IND"]);
        var india = (await session.Join("IND", "Asha")).Value!;
        const string refusal = "only the session's teacher may do that";

        Assert.Equal(refusal, (await session.Start(india.Token)).Refusal);
        Assert.Equal(refusal, (await session.ResolveNow("guess")).Refusal);
        Assert.Equal(refusal, (await session.AssignSeat(india.Token, "RUS", "Mallory")).Refusal);
        Assert.Equal(refusal, (await session.Fork(india.Token, 0)).Refusal);
        Assert.Equal(SessionPhase.Lobby, (await session.GetStatus()).Phase);
    }

    [Fact]
    public async Task Replacing_a_pass_voids_only_that_token_and_publishes_a_notice_without_it()
    {
        var (session, ticket) = await Sessions.Create(Client, "passes", humans: ["IND"]);
        var india = (await session.Join("IND", "Asha")).Value!;
        var updates = await UpdateRecorder.Subscribe(Client, SessionStreams.SessionNamespace, ticket.SessionId);
        var firstScreen = ticket.SpectatorToken!;
        Assert.True(await session.Honours(new Credential(TokenHolder.Spectator, null, firstScreen)));
        Assert.False(await session.Honours(new Credential(TokenHolder.Spectator, null, string.Empty)));

        Assert.Equal("only the session's teacher may do that", (await session.RotateSpectatorToken(india.Token)).Refusal);
        Assert.Equal("only the session's teacher may do that", (await session.RotateSpectatorToken(firstScreen)).Refusal);
        Assert.True(await session.Honours(new Credential(TokenHolder.Spectator, null, firstScreen)));

        var screen = (await session.RotateSpectatorToken(ticket.TeacherToken)).Value!;
        var secondScreen = screen.SpectatorToken!;
        Assert.NotEqual(firstScreen, secondScreen);
        Assert.False(await session.Honours(new Credential(TokenHolder.Spectator, null, firstScreen)));
        Assert.True(await session.Honours(new Credential(TokenHolder.Spectator, null, secondScreen)));
        Assert.Equal(ticket.TeacherToken, screen.TeacherToken);
        Assert.True(await session.Honours(new Credential(TokenHolder.Teacher, null, ticket.TeacherToken)));

        // The session keeps digests only, so a new teacher's token comes without the screen's, which still holds.
        var teacher = (await session.RotateTeacherToken(ticket.TeacherToken)).Value!;
        Assert.False(await session.Honours(new Credential(TokenHolder.Teacher, null, ticket.TeacherToken)));
        Assert.True(await session.Honours(new Credential(TokenHolder.Teacher, null, teacher.TeacherToken)));
        Assert.Null(teacher.SpectatorToken);
        Assert.True(await session.Honours(new Credential(TokenHolder.Spectator, null, secondScreen)));
        Assert.True(await session.HoldsSeat("IND", india.Token));

        // The notices name whose pass changed, nothing more; the log keeps them, and a fork does not inherit them.
        await updates.WaitFor(u => u.Entry.Event is PassReplaced { Holder: PassHolder.Teacher });
        Assert.Equal([PassHolder.Spectator, PassHolder.Teacher], updates.Updates.Select(u => u.Entry.Event).OfType<PassReplaced>().Select(p => p.Holder));
        Assert.Equal(2, (await session.GetLog(afterSequence: 0)).Count(e => e.Event is PassReplaced));
        var fork = (await session.Fork(teacher.TeacherToken, 0)).Value!;
        Assert.DoesNotContain(await Client.GetGrain<ISessionGrain>(fork.SessionId).GetLog(afterSequence: 0), e => e.Event is PassReplaced);
    }

    [Fact]
    public async Task A_bot_takes_a_freed_or_left_seat_and_hands_it_back()
    {
        var (session, ticket) = await Sessions.Create(Client, "takeover", humans: ["IND"]);
        var first = (await session.AssignSeat(ticket.TeacherToken, "IND", "Asha")).Value!;
        await session.Start(ticket.TeacherToken);
        Assert.False(Seat(await session.GetStatus(), "IND").BotPlaying);

        Assert.True((await session.Leave("IND", first.Token)).IsAccepted);
        Assert.True(Seat(await session.GetStatus(), "IND").BotPlaying);
        await session.ResolveNow(ticket.TeacherToken);
        Assert.True((await session.Return("IND", first.Token)).IsAccepted);
        Assert.True((await session.Submit("IND", first.Token, 1, [Sessions.Summit("RUS")])).IsAccepted);
        await session.ResolveNow(ticket.TeacherToken);

        Assert.True((await session.FreeSeat(ticket.TeacherToken, "IND")).IsAccepted);
        Assert.Equal("you do not hold the seat of IND", (await session.Submit("IND", first.Token, 2, [])).Refusal);
        await session.ResolveNow(ticket.TeacherToken);
        var second = (await session.AssignSeat(ticket.TeacherToken, "IND", "Ben")).Value!;
        Assert.True((await session.Submit("IND", second.Token, 3, [])).IsAccepted);
        await session.ResolveNow(ticket.TeacherToken);

        var bots = (await session.GetLog(afterSequence: 0)).Select(e => e.Event).OfType<TurnResolved>().Select(r => r.BotSeats.Contains("IND")).ToList();
        Assert.Equal([true, false, true, false], bots);
        var history = await session.GetHistory(fromTurn: 0);
        Assert.Equal(["HoldSummit"], history[1].Moves.Where(m => m.Move.Actor == "IND").Select(m => m.Move.Kind));
        Assert.Empty(history[3].Moves.Where(m => m.Move.Actor == "IND"));
        Assert.All(await session.GetLog(afterSequence: 0), e => Assert.False(e.Event is SeatAssigned { TokenDigest.Length: > 0 }));
    }

    [Fact]
    public async Task Rolling_back_restores_a_past_state_and_replaying_from_there_gives_the_same_hashes()
    {
        var (session, ticket) = await Sessions.Create(Client, "rollback", seed: 3);
        await session.Start(ticket.TeacherToken);
        for (var t = 0; t < 3; t++)
        {
            await session.ResolveNow(ticket.TeacherToken);
        }

        var before = (await session.GetHistory(fromTurn: 0)).Select(s => s.StateHash).ToList();
        Assert.Equal("can roll back only to a past turn (0–2)", (await session.RollBack(ticket.TeacherToken, 3)).Refusal);
        Assert.True((await session.RollBack(ticket.TeacherToken, 1)).IsAccepted);

        var status = await session.GetStatus();
        Assert.Equal((1, SessionPhase.Paused, before[0]), (status.Turn, status.Phase, status.StateHash));
        Assert.Single(await session.GetHistory(fromTurn: 0));

        await session.Resume(ticket.TeacherToken);
        await session.ResolveNow(ticket.TeacherToken);
        await session.ResolveNow(ticket.TeacherToken);
        Assert.Equal(before, (await session.GetHistory(fromTurn: 0)).Select(s => s.StateHash));

        await fixture.Cluster.DeactivateAsync(session);
        Assert.Equal(before, (await session.GetHistory(fromTurn: 0)).Select(s => s.StateHash));
    }

    [Fact]
    public async Task A_slice_carries_only_what_the_page_lacks_unless_its_copy_was_rolled_back()
    {
        var (session, ticket) = await Sessions.Create(Client, "slice", seed: 4, humans: ["IND"]);
        var india = (await session.Join("IND", "Asha")).Value!;
        await session.Start(ticket.TeacherToken);
        for (var t = 0; t < 3; t++)
        {
            await session.ResolveNow(ticket.TeacherToken);
        }

        // Whoever reads must hold a token the session honours: the teacher's, the screen's or a seat's.
        var teacher = new Credential(TokenHolder.Teacher, null, ticket.TeacherToken);
        Assert.NotNull((await session.GetSlice(new Credential(TokenHolder.Spectator, null, ticket.SpectatorToken!), 0, 0, null)).Value);
        Assert.NotNull((await session.GetSlice(new Credential(TokenHolder.Seat, "IND", india.Token), 0, 0, null)).Value);
        Assert.NotNull((await session.GetSlice(new Credential(TokenHolder.Seat, "RUS", india.Token), 0, 0, null)).Refusal);
        Assert.NotNull((await session.GetSlice(new Credential(TokenHolder.Teacher, null, ticket.SpectatorToken!), 0, 0, null)).Refusal);
        Assert.NotNull((await session.GetSlice(new Credential(TokenHolder.Spectator, null, "guess"), 0, 0, null)).Refusal);

        var whole = (await session.GetSlice(teacher, 0, 0, null)).Value!;
        Assert.Equal((0, 3), (whole.HistoryFrom, whole.History.Length));
        Assert.Equal((await session.GetLog(afterSequence: 0)).Select(e => (e.Sequence, e.Event.GetType())), whole.Log.Select(e => (e.Sequence, e.Event.GetType())));
        Assert.All(whole.Log, e => Assert.False(e.Event is SeatAssigned { TokenDigest.Length: > 0 }));
        Assert.Equal((await session.GetStatus()).StateHash, whole.Status.StateHash);

        var last = whole.Log[^1].Sequence;
        var tail = (await session.GetSlice(teacher, last - 1, 2, whole.History[1].StateHash)).Value!;
        Assert.Equal(2, tail.HistoryFrom);
        Assert.Equal([whole.History[2].StateHash], tail.History.Select(h => h.StateHash));
        Assert.Equal([last], tail.Log.Select(e => e.Sequence));

        await session.RollBack(ticket.TeacherToken, 1);
        await session.Resume(ticket.TeacherToken);
        await session.ResolveNow(ticket.TeacherToken);
        var stale = (await session.GetSlice(teacher, last, 3, whole.History[2].StateHash)).Value!;
        Assert.Equal((0, 2), (stale.HistoryFrom, stale.History.Length));
    }

    [Fact]
    public async Task A_players_slice_carries_the_seats_dashboard_and_only_its_own_messages_and_the_country_keeps_its_draft()
    {
        var (session, ticket) = await Sessions.Create(Client, "seat-slice", seed: 4, humans: ["IND", "RUS"]);
        var india = (await session.Join("IND", "Asha")).Value!;
        var russia = (await session.Join("RUS", "Boris")).Value!;
        await session.Start(ticket.TeacherToken);
        var country = Client.GetGrain<ICountryGrain>(SessionStreams.CountryKey(ticket.SessionId, "IND"));
        Assert.True((await country.SaveDraft(india.Token, null, null, [Sessions.Summit("RUS")])).IsAccepted);
        Assert.True((await session.SendMessage("RUS", russia.Token, "IND", "a word in private")).IsAccepted);
        Assert.True((await session.SendMessage("RUS", russia.Token, "USA", "not for India")).IsAccepted);

        // The message is in the log before the send is answered: the slice has it at once, and not the one to the US.
        var slice = (await session.SeatSlice("IND", india.Token)).Value!;
        Assert.Equal(("IND", "HoldSummit"), (slice.Seat!.View.Country, (await country.SavedDraft(slice.Status.Turn)).Moves.Single().Kind));
        Assert.Equal(["a word in private"], slice.Log.Select(e => e.Event).OfType<MessageSent>().Select(m => m.Text));
        Assert.Equal(("IND", slice.Status.Turn), (slice.Seat.Ledger.Country, slice.Seat.Ledger.Turn));
        Assert.Equal((await session.GetLog(afterSequence: 0)).Length - 1, slice.Log.Length);

        // The classroom screen reads neither private message; the teacher reads both.
        var screen = (await session.GetSlice(new Credential(TokenHolder.Spectator, null, ticket.SpectatorToken!), 0, 0, null)).Value!;
        Assert.DoesNotContain(screen.Log, e => e.Event is MessageSent);
        var teacher = (await session.GetSlice(new Credential(TokenHolder.Teacher, null, ticket.TeacherToken), 0, 0, null)).Value!;
        Assert.Equal(2, teacher.Log.Count(e => e.Event is MessageSent));

        // Readers other than a seat get no dashboard; a seat's token that is not the caller's gets nothing.
        Assert.Null((await session.GetSlice(new Credential(TokenHolder.Teacher, null, ticket.TeacherToken), 0, 0, null)).Value!.Seat);
        Assert.NotNull((await session.SeatSlice("IND", russia.Token)).Refusal);
        Assert.NotNull((await session.SeatSlice("IND", "guess")).Refusal);
    }

    [Fact]
    public async Task A_saved_draft_belongs_to_its_turn_and_is_gone_once_that_turn_has_resolved()
    {
        var (session, ticket) = await Sessions.Create(Client, "draft-turn", seed: 4, humans: ["IND"]);
        var india = (await session.Join("IND", "Asha")).Value!;
        await session.Start(ticket.TeacherToken);
        var country = Client.GetGrain<ICountryGrain>(SessionStreams.CountryKey(ticket.SessionId, "IND"));
        Assert.True((await country.SaveDraft(india.Token, null, null, [Sessions.Summit("RUS")])).IsAccepted);
        Assert.Single((await country.SavedDraft(0)).Moves);

        await session.ResolveNow(ticket.TeacherToken);

        // A page reopened after the resolution gets no draft of the turn before, with its stale costs.
        Assert.Equal(1, (await session.GetStatus()).Turn);
        Assert.Empty((await country.SavedDraft(1)).Moves);
        Assert.True((await country.SaveDraft(india.Token, null, null, [Sessions.Summit("USA")])).IsAccepted);
        Assert.Equal("USA", (await country.SavedDraft(1)).Moves.Single().Partners.Single());
    }

    [Fact]
    public async Task A_draft_saved_for_a_turn_that_has_closed_is_refused_and_becomes_no_later_turns_draft()
    {
        var (session, ticket) = await Sessions.Create(Client, "draft-closed", seed: 4, humans: ["IND"]);
        var india = (await session.Join("IND", "Asha")).Value!;
        await session.Start(ticket.TeacherToken);
        var country = Client.GetGrain<ICountryGrain>(SessionStreams.CountryKey(ticket.SessionId, "IND"));
        Assert.Equal(new DraftSaved(0, 1), (await country.SaveDraft(india.Token, 0, 0, [Sessions.Summit("RUS")])).Value);

        await session.ResolveNow(ticket.TeacherToken);

        // A save sent during turn 0 that arrives once it has resolved (a slow phone link): refused, and turn 1's plan is untouched.
        var late = await country.SaveDraft(india.Token, 0, 1, [Sessions.Summit("RUS"), Sessions.Tariff("USA", 0.25)]);
        Assert.Equal("turn 0 is over: this plan was for it, and it was not played (the game is at turn 1)", late.Refusal);
        var kept = await country.SavedDraft(1);
        Assert.Equal((0, 1L), (kept.Moves.Length, kept.Revision));
        Assert.Equal("turn 7 has not begun: the game is at turn 1", (await country.SaveDraft(india.Token, 7, 1, [])).Refusal);
        Assert.Equal(new DraftSaved(1, 2), (await country.SaveDraft(india.Token, 1, 1, [Sessions.Summit("USA")])).Value);
    }

    [Fact]
    public async Task A_draft_saved_on_an_older_revision_is_refused_instead_of_overwriting_the_plan_another_screen_saved_since()
    {
        var (session, ticket) = await Sessions.Create(Client, "draft-revisions", seed: 4, humans: ["IND"]);
        var india = (await session.Join("IND", "Asha")).Value!;
        await session.Start(ticket.TeacherToken);
        var country = Client.GetGrain<ICountryGrain>(SessionStreams.CountryKey(ticket.SessionId, "IND"));
        MoveOrder[] phonePlan = [Sessions.Summit("RUS"), Sessions.Tariff("USA", 0.25)];

        // The laptop saves a summit; the phone, which has that plan, adds a tariff.
        Assert.Equal(new DraftSaved(0, 1), (await country.SaveDraft(india.Token, 0, 0, [Sessions.Summit("RUS")])).Value);
        Assert.Equal(new DraftSaved(0, 2), (await country.SaveDraft(india.Token, 0, 1, [.. phonePlan])).Value);

        // The laptop, still on the summit alone, swaps it for another: refused, and the phone's plan stays.
        var stale = await country.SaveDraft(india.Token, 0, 1, [Sessions.Summit("CHN")]);
        Assert.Equal("your plan was changed on another screen since this page last had it (revision 1; it is at 2): this change was not saved", stale.Refusal);
        var kept = await country.SavedDraft(0);
        Assert.Equal(2, kept.Revision);
        Assert.Equal(["HoldSummit", "SetTariff"], kept.Moves.Select(m => m.Kind));

        // The phone's save sent again (its answer was lost) is the plan kept: accepted, no new revision.
        Assert.Equal(new DraftSaved(0, 2), (await country.SaveDraft(india.Token, 0, 1, [.. phonePlan])).Value);

        // A revision never saved is refused by name; a caller from before revisions still saves whatever is kept.
        Assert.Equal("the plan was never saved as revision 99: it is at revision 2", (await country.SaveDraft(india.Token, 0, 99, [])).Refusal);
        Assert.Equal("the plan was never saved as revision -1: it is at revision 2", (await country.SaveDraft(india.Token, 0, -1, [])).Refusal);
        Assert.Equal(new DraftSaved(0, 3), (await country.SaveDraft(india.Token, null, null, [Sessions.Summit("CHN")])).Value);
    }

    [Fact]
    public async Task A_fork_starts_from_the_parents_state_at_that_turn_with_its_own_code_and_seats()
    {
        var (parent, ticket) = await Sessions.Create(Client, "fork", seed: 5, humans: ["IND"]);
        var india = (await parent.Join("IND", "Asha")).Value!;
        await parent.Start(ticket.TeacherToken);
        await parent.Submit("IND", india.Token, 0, [Sessions.Summit("RUS")]);
        await parent.ResolveNow(ticket.TeacherToken);
        await parent.ResolveNow(ticket.TeacherToken);

        // The fork has no players, so its bot plays India from turn 2: let the parent's bot do the same.
        await parent.Leave("IND", india.Token);
        await parent.ResolveNow(ticket.TeacherToken);

        var parentHashes = (await parent.GetHistory(fromTurn: 0)).Select(s => s.StateHash).ToList();
        var fork = await parent.Fork(ticket.TeacherToken, 2);
        Assert.True(fork.IsAccepted, fork.Refusal);

        var child = Client.GetGrain<ISessionGrain>(fork.Value!.SessionId);
        var status = await child.GetStatus();
        Assert.Equal((2, SessionPhase.Paused, parentHashes[1], ticket.SessionId), (status.Turn, status.Phase, status.StateHash, status.ForkedFrom));
        Assert.NotEqual(ticket.JoinCode, fork.Value.JoinCode);
        Assert.Equal(fork.Value.SessionId, await Client.GetGrain<ISessionRegistryGrain>(0).FindByJoinCode(fork.Value.JoinCode));
        Assert.All(status.Seats, s => Assert.Null(s.Player));
        Assert.Equal("you do not hold the seat of IND", (await child.Submit("IND", india.Token, 2, [])).Refusal);

        await child.Resume(fork.Value.TeacherToken);
        await child.ResolveNow(fork.Value.TeacherToken);
        Assert.Equal(parentHashes, (await child.GetHistory(fromTurn: 0)).Select(s => s.StateHash));
        Assert.Equal(3, (await parent.GetStatus()).Turn);
    }

    [Fact]
    public async Task Concurrent_submissions_and_readiness_lose_nothing_and_resolve_the_turn_once()
    {
        var (session, ticket) = await Sessions.Create(Client, "concurrency", humans: ["IND", "RUS"]);
        var india = (await session.Join("IND", "Asha")).Value!;
        var russia = (await session.Join("RUS", "Ivan")).Value!;
        await session.Start(ticket.TeacherToken);

        var submissions = Enumerable.Range(0, 20).SelectMany(i => new[]
        {
            session.Submit("IND", india.Token, 0, [Sessions.Summit("RUS")]),
            session.Submit("RUS", russia.Token, 0, [Sessions.Summit("IND")]),
        });
        Assert.All(await Task.WhenAll(submissions), r => Assert.True(r.IsAccepted, r.Refusal));

        var readiness = await Task.WhenAll(
            session.SetReady("IND", india.Token, 0, true),
            session.SetReady("RUS", russia.Token, 0, true),
            session.ResolveNow(ticket.TeacherToken));
        fixture.Clock.Advance(Sessions.TurnLength);
        // Other moves for the closed turn are refused; the same ones again are the lost answer's copy, and counted once.
        var late = await session.Submit("IND", india.Token, 0, []);
        Assert.Equal(new Receipt(null, "your moves for turn 0 were in when it resolved"), await session.Submit("IND", india.Token, 0, [Sessions.Summit("RUS")]));

        var log = await session.GetLog(afterSequence: 0);
        Assert.Equal(40, log.Count(e => e.Event is MovesSubmitted));
        Assert.Equal(log.Select(e => e.Sequence), Enumerable.Range(1, log.Length).Select(i => (long)i));
        var resolvedTurn0 = log.Select(e => e.Event).OfType<TurnResolved>().Count(r => r.Turn == 0);
        Assert.Equal(1, resolvedTurn0);
        Assert.StartsWith("turn 0 is closed", late.Refusal, StringComparison.Ordinal);
        var first = (await session.GetHistory(fromTurn: 0))[0];
        Assert.Single(first.Moves, m => m.Move.Actor == "IND" && m.Move.Kind == "HoldSummit");
        Assert.Single(first.Moves, m => m.Move.Actor == "RUS" && m.Move.Kind == "HoldSummit");
        Assert.Contains(readiness, r => r.IsAccepted);
    }

    [Fact]
    public async Task Deactivation_and_reactivation_keep_seats_pending_moves_and_readiness()
    {
        var (session, ticket) = await Sessions.Create(Client, "reactivate", humans: ["IND", "RUS"]);
        var india = (await session.Join("IND", "Asha")).Value!;
        await session.Join("RUS", "Ivan");
        await session.Start(ticket.TeacherToken);
        await session.Submit("IND", india.Token, 0, [Sessions.Summit("RUS")]);
        await session.SetReady("IND", india.Token, 0, true);
        var before = await session.GetStatus();

        await fixture.Cluster.DeactivateAsync(session);

        var after = await session.GetStatus();
        Assert.Equal(before.Seats.ToList(), after.Seats.ToList());
        Assert.Equal((before.Turn, before.Deadline, before.LogLength), (after.Turn, after.Deadline, after.LogLength));
        Assert.True(Seat(after, "IND") is { Submitted: true, Ready: true });
        Assert.True((await session.SeatSlice("IND", india.Token)).Value!.Seat!.View.Draft.Single().Kind == "HoldSummit");
    }

    private static SeatView Seat(SessionStatus status, string country) => status.Seats.Single(s => s.Country == country);

    private static async Task<(SessionPhase, int, DateTimeOffset?)> PhaseTurnDeadline(ISessionGrain session)
    {
        var s = await session.GetStatus();
        return (s.Phase, s.Turn, s.Deadline);
    }
}
