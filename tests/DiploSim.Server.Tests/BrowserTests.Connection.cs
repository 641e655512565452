using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using DiploSim.Contracts;
using DiploSim.Server.Hub;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiploSim.Server.Tests;

/// <summary>A student's page and its link to the game: a lost network said at once, a rollback said to a page opened after it.</summary>
public sealed partial class BrowserTests
{
    [Fact]
    public async Task A_phone_that_loses_its_network_says_so_at_once_its_plan_does_not_look_sent_and_back_online_it_sends_it_and_shows_the_current_turn()
    {
        await using var game = await IndiaPlayingOnHerPhone();
        var (india, hub) = game;
        await Compose(india, "SetTariff", ("Target", "USA"), ("Rate", "25"));

        // The network drops (a lift, a tunnel): the page says so within a couple of seconds, not when SignalR's 30 s run out.
        await india.Context.SetOfflineAsync(true);
        await Expect(Id(india, "offline")).ToContainTextAsync("You are offline", new() { Timeout = 2_000 });
        await Expect(Id(india, "connection")).ToHaveTextAsync("offline");

        // Send while offline: the line beside it says the plan has not gone, and the game holds no submission of hers.
        await Id(india, "submit").ClickAsync();
        await Expect(Id(india, "submit-status")).ToContainTextAsync("Not sent yet: this device is offline");
        var events = (await hub.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Events;
        Assert.DoesNotContain(events, e => e.Kind == "MovesSubmitted" && e.Country == "IND");
        await Screens(india, "offline-send-waits");
        await Resize(india, 390, 844);
        var axe = await india.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "critical" or "serious").Select(v => $"{v.Id} ({v.Impact}) {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        // The network is back: the page says so no more, and the plan goes.
        await india.Context.SetOfflineAsync(false);
        await Expect(Id(india, "offline")).ToHaveCountAsync(0);
        await Expect(Id(india, "connection")).ToHaveTextAsync("connected");
        await Expect(Id(india, "submit-status")).ToHaveTextAsync("Moves sent for turn 0.");

        // Offline again, and the network takes the connection with it (Chromium's offline emulation leaves an open
        // WebSocket be, a phone's lost network does not): the page still says offline, not "reconnecting", while the
        // teacher plays the turn. Back online, it connects again at once and pulls the turn it missed.
        await india.Context.SetOfflineAsync(true);
        await Expect(Id(india, "offline")).ToBeVisibleAsync(new() { Timeout = 2_000 });
        var pulls = await india.EvaluateAsync<int>("() => window.diplosim.pullReasons.length");
        await india.EvaluateAsync("() => window.diplosim.conn.stop()");
        Assert.Null((await hub.Call("ResolveNow", 0)).Refusal);
        await Expect(Id(india, "connection")).ToHaveTextAsync("offline");
        await Expect(Id(india, "turn")).ToContainTextAsync("Turn 0 ");
        await india.Context.SetOfflineAsync(false);
        await Expect(Id(india, "offline")).ToHaveCountAsync(0);
        await Expect(Id(india, "connection")).ToHaveTextAsync("connected");
        await Expect(Id(india, "turn")).ToContainTextAsync("Turn 1 ");
        await Expect(Id(india, "outcome-turn")).ToContainTextAsync("Outcome of turn 0");
        Assert.Equal(["start"], (await india.EvaluateAsync<string[]>("() => window.diplosim.pullReasons")).Skip(pulls));
        await Screens(india, "offline-back-online");
        Assert.Null((await hub.Call("End")).Refusal);
    }

    [Fact]
    public async Task A_page_whose_server_stops_answering_while_the_browser_thinks_it_is_online_says_so_within_seconds_and_no_more_once_it_answers()
    {
        await using var game = await IndiaPlayingOnHerPhone();
        var (india, hub) = game;
        var stall = await HoldableLink(india);

        // The school's Wi-Fi stops carrying, and the phone still thinks it is online: what the page asks gets no answer.
        stall.Hold();
        await Expect(Id(india, "connection")).ToHaveTextAsync("no answer from the server", new() { Timeout = 20_000 });
        await Expect(Id(india, "offline")).ToContainTextAsync("The game’s server is not answering");

        // The link carries again: the question is answered and the page says so no more.
        stall.Release();
        await Expect(Id(india, "offline")).ToHaveCountAsync(0);
        await Expect(Id(india, "connection")).ToHaveTextAsync("connected");
        Assert.Null((await hub.Call("End")).Refusal);
    }

    [Fact]
    public async Task A_page_opened_after_the_teacher_took_the_game_back_says_from_which_turn_to_which_until_that_turn_is_played_again()
    {
        await using var game = await IndiaPlayingOnHerPhone();
        var (india, hub) = game;
        var pass = await india.EvaluateAsync<string>("() => window.diplosim.pass");

        // She puts her phone away at turn 0; the class plays turns 0 and 1, and the teacher takes the game back to turn 1.
        await india.Context.CloseAsync();
        Assert.Null((await hub.Call("ResolveNow", 0)).Refusal);
        Assert.Null((await hub.Call("ResolveNow", 1)).Refusal);
        Assert.Null((await hub.Call("RollBack", 1, "back-to-1")).Refusal);

        // Opened again, her page is at turn 1 and says why: the game went back from turn 2, and waits for the teacher.
        var again = await Open($"/play#{Uri.EscapeDataString(pass)}", phone: true);
        await Expect(Id(again, "connection")).ToHaveTextAsync("connected");
        await Expect(Id(again, "turn")).ToContainTextAsync("Turn 1 ");
        await Expect(Id(again, "notice")).ToHaveTextAsync(
            "The teacher took the game back from turn 2 to turn 1: turn 1 is played again when the teacher carries the game on.");
        await Screens(again, "went-back-page-opened-after");

        // The teacher carries on: a page opened now still says it, until turn 1 is played again.
        Assert.Null((await hub.Call("Resume", 1)).Refusal);
        await again.ReloadAsync();
        await Expect(Id(again, "connection")).ToHaveTextAsync("connected");
        await Expect(Id(again, "notice")).ToHaveTextAsync("The teacher took the game back from turn 2 to turn 1: turn 1 is being played again.");
        Assert.Null((await hub.Call("ResolveNow", 1)).Refusal);
        await Expect(Id(again, "notice")).ToHaveTextAsync(new Regex("^Turn 1 is over"));
        await again.ReloadAsync();
        await Expect(Id(again, "connection")).ToHaveTextAsync("connected");
        await Expect(Id(again, "turn")).ToContainTextAsync("Turn 2 ");
        await Expect(Id(again, "notice")).Not.ToContainTextAsync("took the game back");
        Assert.Null((await hub.Call("End")).Refusal);
    }
}
