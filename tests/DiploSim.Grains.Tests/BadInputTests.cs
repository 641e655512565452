using System.Collections.Immutable;
using DiploSim.Contracts;

namespace DiploSim.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class BadInputTests(ClusterFixture fixture)
{
    public static TheoryData<string, string?, int, MoveOrder[], string> Refusals() => new()
    {
        { "IND", "not-the-token", 0, [Sessions.Summit("RUS")], "you do not hold the seat of IND" },
        { "RUS", null, 0, [Sessions.Summit("IND")], "you do not hold the seat of RUS" },
        { "XYZ", null, 0, [], "there is no seat for 'XYZ'" },
        { "IND", null, 1, [Sessions.Summit("RUS")], "turn 1 is closed; the session is at turn 0" },
        { "IND", null, 0, [new MoveOrder { Kind = "SetTariff", Target = "USA" }], "move 1: malformed SetTariff move: 'rate' is required" },
        { "IND", null, 0, [new MoveOrder { Kind = "Nuke" }], "move 1: unknown move kind 'Nuke'" },
        { "IND", null, 0, [Sessions.Tariff("IND", 0.1)], "move 1: IND cannot target itself" },
        { "IND", null, 0, [Sessions.Summit("RUS", "CHN"), Sessions.Summit("USA", "EU"), Sessions.Summit("RUS", "USA"), Sessions.Summit("CHN", "EU"), Sessions.Summit("RUS", "EU")], "over budget" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_submission_is_refused_with_a_reason_and_changes_nothing(string country, string? token, int turn, MoveOrder[] moves, string reason)
    {
        var (session, ticket) = await Sessions.Create(fixture.Client, "bad-input", humans: ["IND"]);
        var india = (await session.Join("IND", "Asha")).Value!;
        await session.Start(ticket.TeacherToken);
        var before = await session.GetStatus();

        var receipt = await session.Submit(country, token ?? india.Token, turn, [.. moves]);

        Assert.False(receipt.IsAccepted);
        Assert.StartsWith(reason, receipt.Refusal, StringComparison.Ordinal);
        Assert.Equal(before.LogLength, (await session.GetStatus()).LogLength);
        Assert.Equal((await session.GetLog(afterSequence: 0)).Length, before.LogLength);
    }

    [Fact]
    public async Task Messages_follow_the_press_rules_and_reach_only_their_recipients()
    {
        var (session, ticket) = await Sessions.Create(fixture.Client, "press", humans: ["IND", "RUS"]);
        var india = (await session.Join("IND", "Asha")).Value!;
        var russia = (await session.Join("RUS", "Ivan")).Value!;
        var russiaInbox = await UpdateRecorder.Subscribe(fixture.Client, SessionStreams.CountryNamespace, SessionStreams.CountryKey(ticket.SessionId, "RUS"));
        var public_ = await UpdateRecorder.Subscribe(fixture.Client, SessionStreams.SessionNamespace, ticket.SessionId);

        Assert.True((await session.SendMessage("IND", india.Token, "RUS", "S-400 on time?")).IsAccepted);
        Assert.Equal("'IND' is not another country of this session", (await session.SendMessage("IND", india.Token, "IND", "hi")).Refusal);

        var delivered = await russiaInbox.WaitFor(u => u.Entry.Event is MessageSent);
        Assert.Equal("S-400 on time?", ((MessageSent)delivered.Entry.Event).Text);
        var announced = await public_.WaitFor(u => u.Entry.Event is MessageSent);
        Assert.Equal(string.Empty, ((MessageSent)announced.Entry.Event).Text);
        var read = (await session.SeatSlice("RUS", russia.Token)).Value!;
        Assert.Equal(["S-400 on time?"], read.Log.Select(e => e.Event).OfType<MessageSent>().Select(m => m.Text).ToArray());
        Assert.False((await session.SeatSlice("RUS", india.Token)).IsAccepted);

        var (gunboat, _) = await Sessions.Create(fixture.Client, "gunboat", humans: ["IND"], press: PressRules.None);
        var player = (await gunboat.Join("IND", "Asha")).Value!;
        Assert.Equal("press rules allow no messages in this session", (await gunboat.SendMessage("IND", player.Token, null, "hello")).Refusal);
    }

    [Fact]
    public async Task A_draft_survives_a_reconnect_and_is_submitted_as_saved()
    {
        var (session, ticket) = await Sessions.Create(fixture.Client, "draft", humans: ["IND"]);
        var india = (await session.Join("IND", "Asha")).Value!;
        var country = fixture.Client.GetGrain<ICountryGrain>(SessionStreams.CountryKey(ticket.SessionId, "IND"));
        Assert.True((await country.SaveDraft(india.Token, null, null, [Sessions.Summit("RUS")])).IsAccepted);
        Assert.False((await country.SaveDraft("stolen", null, null, [])).IsAccepted);

        await fixture.Cluster.DeactivateAsync(country);

        var saved = (await country.SavedDraft(0)).Moves;
        Assert.Equal("HoldSummit", saved.Single().Kind);
        Assert.True((await session.Submit("IND", india.Token, 0, saved)).IsAccepted);
        var view = (await session.SeatSlice("IND", india.Token)).Value!.Seat!.View;
        Assert.Equal(("IND", 0, false), (view.Country, view.Turn, view.BotPlaying));
        Assert.Equal(4, view.Relations.Length);
        Assert.True((await session.GetStatus()).Seats.Single(s => s.Country == "IND").Submitted);
    }
}
