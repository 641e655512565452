using System.Buffers.Text;
using System.Text;
using DiploSim.Server.Hub;
using Microsoft.AspNetCore.SignalR.Client;

namespace DiploSim.Server.Tests;

/// <summary>Real SignalR clients over HTTP against the real server: every hub method, and who may call it.</summary>
[Collection(ServerCollection.Name)]
public sealed class GameHubTests(ServerFixture server)
{
    private static readonly MoveDto Proposal = new() { Kind = "ProposeAgreement", ProposalId = "ind-rus-1", Agreement = "FreeTrade", Partners = ["RUS"] };

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
    public async Task A_turn_played_through_the_hub_reaches_every_client_once()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);

        var snapshot = await t.Ind.Call<Answer<SnapshotDto>>("GetSnapshot", 0L);
        Assert.Null(snapshot.Refusal);
        Assert.Equal("Player", snapshot.Value!.Role);
        Assert.Equal("IND", snapshot.Value.View!.Country);
        Assert.Equal("Running", snapshot.Value.Status.Phase);

        var preview = await t.Ind.Call<Answer<PreviewDto>>("Preview", "IND", Proposal);
        Assert.Equal(1, preview.Value!.Cost);
        Assert.Contains("RUS", preview.Value.Description, StringComparison.Ordinal);

        Assert.Null((await t.Ind.Call("SaveDraft", "IND", new[] { Proposal })).Refusal);
        var view = await t.Ind.Call<Answer<ViewDto>>("GetView", "IND");
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

        // The proposal reaches its partner, and every client got the outcome exactly once.
        var rus = await t.Rus.Call<Answer<ViewDto>>("GetView", "RUS");
        Assert.Contains(rus.Value!.Proposals, p => p.Id == "ind-rus-1" && p.Proposer == "IND");
        foreach (var client in new[] { t.Teacher, t.Ind, t.Rus, t.Screen })
        {
            Assert.Single(client.Received, r => r.Event.Kind == "TurnResolved");
        }

        Assert.Null((await t.Rus.Call("Submit", "RUS", turn + 1, new[] { new MoveDto { Kind = "AnswerProposal", ProposalId = "ind-rus-1", Accept = true } })).Refusal);
    }

    [Fact]
    public async Task The_teacher_drives_the_session()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("Start")).Refusal);
        Assert.Null((await t.Teacher.Call("Pause")).Refusal);
        await t.Ind.WaitFor("Event", e => e.Kind == "SessionPaused");
        Assert.Null((await t.Teacher.Call("Resume")).Refusal);
        Assert.Null((await t.Teacher.Call("ExtendDeadline", 120)).Refusal);
        await t.Screen.WaitFor("Event", e => e.Kind == "DeadlineExtended" && e.DeadlineMs is not null);
        Assert.Null((await t.Teacher.Call("FireInject", "ceasefire")).Refusal);
        var shock = new ShockDto("quake", "Earthquake", "A quake hits.", [new ShockEffectDto("Gdp", "IND", null, null, -0.02, null, null)]);
        Assert.Null((await t.Teacher.Call("FireShock", shock)).Refusal);
        Assert.Null((await t.Teacher.Call("ResolveNow")).Refusal);
        var resolved = await t.Rus.WaitFor("Event", e => e.Kind == "TurnResolved");
        Assert.Contains(resolved.Outcome!.Shocks, s => s.Id == "ceasefire");
        Assert.Contains(resolved.Outcome.Shocks, s => s.Id == "quake");

        var fork = await t.Teacher.Call<Answer<SessionPassesDto>>("Fork", 0);
        Assert.Null(fork.Refusal);
        await using (var forkTeacher = await server.Connect(fork.Value!.TeacherPass))
        {
            var forked = await forkTeacher.Call<Answer<SnapshotDto>>("GetSnapshot", 0L);
            Assert.Equal(t.Passes.SessionId, forked.Value!.Status.ForkedFrom);
        }

        Assert.Null((await t.Teacher.Call("RollBack", 0)).Refusal);
        await t.Ind.WaitFor("Event", e => e.Kind == "RolledBack");

        var seat = await t.Teacher.Call<Answer<SeatPassDto>>("AssignSeat", "CHN", "Chen");
        Assert.Equal("CHN", seat.Value!.Country);
        await using (var chn = await server.Connect(seat.Value.Pass))
        {
            Assert.Equal("CHN", (await chn.Call<Answer<ViewDto>>("GetView", "CHN")).Value!.Country);
        }

        Assert.Null((await t.Teacher.Call("FreeSeat", "CHN")).Refusal);
        Assert.Null((await t.Teacher.Call("End")).Refusal);
        await t.Screen.WaitFor("Event", e => e.Kind == "SessionEnded");
    }

    [Fact]
    public async Task A_player_leaves_and_returns_and_watches_its_channel()
    {
        await using var t = await Seat();
        Assert.Null((await t.Ind.Call("Leave", "IND")).Refusal);
        await t.Teacher.WaitFor("Event", e => e.Kind == "PlayerLeft" && e.Country == "IND");
        Assert.Null((await t.Ind.Call("Return", "IND")).Refusal);
        await t.Teacher.WaitFor("Event", e => e.Kind == "PlayerReturned" && e.Country == "IND");
        Assert.Null((await t.Ind.Call("WatchCountry", "IND")).Refusal);
    }

    public static TheoryData<string, object?[]> OtherCountryCalls => new()
    {
        { "GetView", ["RUS"] },
        { "WatchCountry", ["RUS"] },
        { "Preview", ["RUS", Proposal] },
        { "SaveDraft", ["RUS", Array.Empty<MoveDto>()] },
        { "Submit", ["RUS", 1, Array.Empty<MoveDto>()] },
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
        var answer = await t.Ind.Connection.InvokeCoreAsync<Answer<object>>(method, args);
        Assert.Equal("you hold the seat of IND, not of RUS", answer.Refusal);
        Assert.DoesNotContain(t.Ind.Received, r => r.Channel == "Private");
    }

    public static TheoryData<string, object?[]> TeacherCalls => new()
    {
        { "Start", [] }, { "Pause", [] }, { "Resume", [] }, { "ResolveNow", [] }, { "ExtendDeadline", [60] },
        { "FireInject", ["ceasefire"] }, { "FireShock", [new ShockDto("x", "X", "", [])] }, { "AssignSeat", ["CHN", "Eve"] },
        { "FreeSeat", ["RUS"] }, { "RollBack", [0] }, { "Fork", [0] }, { "End", [] },
    };

    [Theory]
    [MemberData(nameof(TeacherCalls))]
    public async Task Players_and_the_screen_cannot_reach_teacher_controls(string method, object?[] args)
    {
        await using var t = await Seat();
        foreach (var client in new[] { t.Ind, t.Screen })
        {
            var answer = await client.Connection.InvokeCoreAsync<Answer<object>>(method, args);
            Assert.Equal("only the session's teacher may do that", answer.Refusal);
        }

        var status = await t.Teacher.Call<Answer<SnapshotDto>>("GetSnapshot", 0L);
        Assert.Equal("Lobby", status.Value!.Status.Phase);
        Assert.All(status.Value.Status.Seats.Where(s => s.OpenToPlayers), s => Assert.NotNull(s.Player));
    }

    [Fact]
    public async Task The_screen_cannot_act_as_a_player()
    {
        await using var t = await Seat();
        Assert.Equal("only a seated player may do that", (await t.Screen.Call("Submit", "IND", 1, Array.Empty<MoveDto>())).Refusal);
    }

    [Fact]
    public async Task A_freed_seat_revokes_its_pass()
    {
        await using var t = await Seat();
        Assert.Null((await t.Teacher.Call("FreeSeat", "IND")).Refusal);
        Assert.Contains("IND", await t.Ind.RevokedReason.Task.WaitAsync(TimeSpan.FromSeconds(30)), StringComparison.Ordinal);

        // The open connection's calls are refused by the session, and a new connection with the pass is not admitted.
        Assert.NotNull((await t.Ind.Call("Submit", "IND", 1, Array.Empty<MoveDto>())).Refusal);
        Assert.NotNull((await t.Ind.Call<Answer<ViewDto>>("GetView", "IND")).Refusal);
        await using var again = await server.Connect(t.India.Pass);
        Assert.StartsWith("not admitted: this pass does not hold the seat of IND", (await again.Call<Answer<SnapshotDto>>("GetSnapshot", 0L)).Refusal, StringComparison.Ordinal);

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
        Assert.StartsWith("not admitted", (await forged.Call<Answer<SnapshotDto>>("GetSnapshot", 0L)).Refusal, StringComparison.Ordinal);
        Assert.StartsWith("not admitted", (await forged.Call("Start")).Refusal, StringComparison.Ordinal);
        Assert.StartsWith("not admitted", (await forged.Call("Submit", "IND", 1, Array.Empty<MoveDto>())).Refusal, StringComparison.Ordinal);
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
        Assert.StartsWith("not admitted", (await moved.Call<Answer<ViewDto>>("GetView", "IND")).Refusal, StringComparison.Ordinal);
    }
}
