using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using DiploSim.Contracts;
using DiploSim.Server.Hub;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiploSim.Server.Tests;

/// <summary>A student's plan on her phone: no move leaves it without the page saying so.</summary>
public sealed partial class BrowserTests
{
    [Fact]
    public async Task A_move_left_unsent_when_the_turn_clock_runs_out_is_named_to_the_student_who_can_put_it_back_in_her_next_plan()
    {
        // A class walk-through's steps on a phone: India puts 25% on American goods, then reads the weapons form for a
        // while; the turn's clock runs out before she sends her plan.
        await using var game = await IndiaPlayingOnHerPhone(turnSeconds: 20);
        var (india, hub) = game;
        await Compose(india, "SetTariff", ("Target", "USA"), ("Rate", "25"));
        await Expect(Id(india, "draft-SetTariff")).ToContainTextAsync("25%");

        // The clock ends turn 0 on its own: the tariff was never sent, so it was not played.
        await Expect(Id(india, "turn")).ToContainTextAsync("Turn 1", new() { Timeout = 60_000 });
        // Turn 1 gets an hour, so the rest of the test is not itself overtaken by the clock.
        Assert.Null((await hub.Call("ExtendDeadline", 1, 3600, "plan-test")).Refusal);
        await Expect(Id(india, "draft-SetTariff")).ToHaveCountAsync(0);
        await Id(india, "move-kind").SelectOptionAsync("OrderArms");
        await Id(india, "field-Target").SelectOptionAsync("RUS");
        await Id(india, "field-System").FillAsync("Su-30 fighters");
        await Id(india, "field-Value").FillAsync("3");
        await Id(india, "field-DeliveryTurns").FillAsync("4");
        await Expect(Id(india, "preview")).ToContainTextAsync("already in your plan: 0");

        // The page says which move was not played and why, beside the plan, and it stays there while she carries on
        // (the notice at the top of the page is soon taken by "Added to your plan").
        var dropped = Id(india, "draft-dropped");
        await Expect(dropped).ToContainTextAsync("Not played: turn 0 ended before you sent your plan");
        await Expect(dropped).ToContainTextAsync("25% tariff");
        await Screens(india, "plan-dropped-at-deadline");
        await Id(india, "add-move").ClickAsync();
        await Expect(Id(india, "draft-OrderArms")).ToHaveCountAsync(1);
        await Expect(dropped).ToContainTextAsync("25% tariff");

        // One tap puts the tariff back, previewed again for the new turn, after the weapons order.
        await Id(india, "put-back").ClickAsync();
        await Expect(Id(india, "draft-SetTariff")).ToContainTextAsync("25%");
        await Expect(Id(india, "draft-SetTariff")).Not.ToContainTextAsync("?");
        await Expect(dropped).ToHaveCountAsync(0);
        await Compose(india, "ProposeAgreement", ("Partners", "USA"), ("Agreement", "FreeTrade"));
        await Expect(Id(india, "draft").Locator("li[data-kind]")).ToHaveCountAsync(3);

        // The plan the server keeps holds all three: a reload shows them.
        await india.ReloadAsync();
        await Expect(Id(india, "connection")).ToHaveTextAsync("connected");
        await Expect(Id(india, "draft").Locator("li[data-kind]")).ToHaveCountAsync(3);
        Assert.Null((await hub.Call("End")).Refusal);
    }

    [Fact]
    public async Task On_a_slow_phone_link_a_tariff_an_arms_order_and_a_proposal_added_back_to_back_all_stay_in_the_plan_through_a_dropped_connection_and_a_reload()
    {
        await using var game = await IndiaPlayingOnHerPhone();
        var (india, hub) = game;

        // Every hub message takes 400 ms each way, in order, as on a poor school connection.
        var relayed = new StrongBox<int>();
        await india.RouteWebSocketAsync(new Regex("/hub"), ws => SlowLink(ws, TimeSpan.FromMilliseconds(400), relayed));
        await india.ReloadAsync();
        await Expect(Id(india, "connection")).ToHaveTextAsync("connected");

        // The walk-through's three moves, each added the moment its preview shows, while the save before it is still on
        // its way; the connection drops just after the third.
        await AddWithoutWaiting(india, "SetTariff", ("Target", "USA"), ("Rate", "25"));

        // Closing the page while the tariff's save is still on its way would lose it: the browser asks first.
        var asked = new TaskCompletionSource<string>();
        void Ask(object? sender, IDialog dialog)
        {
            asked.TrySetResult(dialog.Type);
            _ = dialog.DismissAsync();
        }

        india.Dialog += Ask;
        await india.CloseAsync(new() { RunBeforeUnload = true });
        Assert.Equal("beforeunload", await asked.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        india.Dialog -= Ask;
        Assert.False(india.IsClosed);
        await AddWithoutWaiting(india, "OrderArms", ("Target", "RUS"), ("System", "Su-30 fighters"), ("Value", "3"), ("DeliveryTurns", "4"));
        await Expect(Id(india, "preview")).ToContainTextAsync("already in your plan: 2");
        await AddWithoutWaiting(india, "ProposeAgreement", ("Partners", "USA"), ("Agreement", "FreeTrade"));
        await india.EvaluateAsync("() => window.diplosim.conn.stop()");
        var plan = Id(india, "draft").Locator("li[data-kind]");
        await Expect(plan).ToHaveCountAsync(3);

        // The page reconnects by itself; the plan it shows is the plan the server keeps, all three moves in order.
        await Expect(Id(india, "connection")).ToHaveTextAsync("connected");
        await Expect(Id(india, "draft")).Not.ToContainTextAsync("Plan not saved");
        await Expect(Id(india, "draft-dropped")).ToHaveCountAsync(0);
        string[] kinds = ["SetTariff", "OrderArms", "ProposeAgreement"];
        await Expect(plan).ToHaveCountAsync(3);
        Assert.Equal(kinds, await plan.EvaluateAllAsync<string[]>("items => items.map((i) => i.dataset.kind)"));
        Assert.True(relayed.Value > 10, $"only {relayed.Value} hub messages went through the slow link");
        var pass = await india.EvaluateAsync<string>("() => window.diplosim.pass");
        Assert.Equal(kinds, await Kept(pass, 3));
        await india.ReloadAsync();
        await Expect(Id(india, "connection")).ToHaveTextAsync("connected");
        await Expect(plan).ToHaveCountAsync(3);
        Assert.Equal(kinds, await plan.EvaluateAllAsync<string[]>("items => items.map((i) => i.dataset.kind)"));
        await Expect(Id(india, "draft-cost")).ToContainTextAsync("Total 3 of");
        Assert.Null((await hub.Call("End")).Refusal);
    }

    [Fact]
    public async Task A_students_plan_on_her_phone_and_her_laptop_is_one_plan_each_screen_shows_the_others_change_and_neither_overwrites_the_other_untold()
    {
        await using var game = await IndiaPlayingOnHerPhone();
        var (phone, hub) = game;

        // The same seat on her laptop: a second device, with her pass. Its link to the server can be held (a stalled
        // school Wi-Fi): what the laptop sends waits until it is released, what the server sends still arrives.
        var pass = await phone.EvaluateAsync<string>("() => window.diplosim.pass");
        var laptop = await Open($"/play#{Uri.EscapeDataString(pass)}");
        var stall = await HoldableLink(laptop);
        await Expect(Id(laptop, "turn")).ToContainTextAsync("playing");

        // A tariff added on the laptop shows on the phone, which says where it came from.
        await Compose(laptop, "SetTariff", ("Target", "USA"), ("Rate", "25"));
        await Expect(Id(phone, "draft-SetTariff")).ToContainTextAsync("25%");
        await Expect(Id(phone, "notice")).ToHaveTextAsync("Your plan was changed on another screen. This is the plan as it is now.");
        await Expect(Id(phone, "draft-SetTariff")).Not.ToContainTextAsync("?");
        await Screens(phone, "plan-changed-on-another-screen");

        // An arms order added on the phone shows on the laptop, after the tariff.
        await Compose(phone, "OrderArms", ("Target", "RUS"), ("System", "Su-30 fighters"), ("Value", "3"), ("DeliveryTurns", "4"));
        var onLaptop = Id(laptop, "draft").Locator("li[data-kind]");
        await Expect(onLaptop).ToHaveCountAsync(2);
        await Expect(Id(laptop, "notice")).ToContainTextAsync("changed on another screen");

        // The laptop's link stalls while she takes the tariff out there; meanwhile the phone adds a proposal, which the
        // server keeps.
        stall.Hold();
        await Id(laptop, "draft-SetTariff").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(onLaptop).ToHaveCountAsync(1);
        await Compose(phone, "ProposeAgreement", ("Partners", "USA"), ("Agreement", "FreeTrade"));
        string[] kinds = ["SetTariff", "OrderArms", "ProposeAgreement"];
        Assert.Equal(kinds, await Kept(pass, 3));

        // The link comes back: the laptop's change was made on the plan before the proposal, so the server refused it
        // instead of dropping the phone's proposal. The laptop shows the plan as kept and says its change was not kept.
        // Its next call (reading the plan again) is held, so what it says of the refusal meanwhile can be read: plain words,
        // not the server's revision numbers.
        stall.Release();
        stall.Hold();
        await Expect(Id(laptop, "composer")).ToContainTextAsync("Plan not saved: your plan was changed on another screen. Getting the plan as it is now…");
        await Expect(Id(laptop, "composer")).Not.ToContainTextAsync("revision");
        await Screens(laptop, "plan-change-refused-reading-again");
        stall.Release();
        await Expect(Id(laptop, "notice")).ToHaveTextAsync(
            "Your plan was changed on another screen, so your last change here was not kept. This is the plan as it is now.");
        await Expect(onLaptop).ToHaveCountAsync(3);
        Assert.Equal(kinds, await onLaptop.EvaluateAllAsync<string[]>("items => items.map((i) => i.dataset.kind)"));
        await Expect(Id(laptop, "draft")).Not.ToContainTextAsync("Plan not saved");
        await Screens(laptop, "plan-change-not-kept");
        Assert.Equal(kinds, await Kept(pass, 3));

        // Both screens go on from the one plan: the tariff taken out on the phone is gone from both.
        await Id(phone, "draft-SetTariff").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(onLaptop).ToHaveCountAsync(2);
        Assert.Equal(["OrderArms", "ProposeAgreement"], await Kept(pass, 2));
        Assert.Null((await hub.Call("End")).Refusal);
    }

    [Fact]
    public async Task A_move_added_on_a_stalled_phone_link_whose_save_reaches_the_server_after_the_turn_closed_is_named_as_not_played_in_plain_words()
    {
        await using var game = await IndiaPlayingOnHerPhone();
        var (india, hub) = game;
        var pass = await india.EvaluateAsync<string>("() => window.diplosim.pass");
        var stall = await HoldableLink(india);

        // She reads a 25% tariff's preview; her school Wi-Fi stalls as she adds it, and the teacher ends turn 0 meanwhile.
        await Id(india, "move-kind").SelectOptionAsync("SetTariff");
        await Id(india, "field-Target").SelectOptionAsync("USA");
        await Id(india, "field-Rate").FillAsync("25");
        await Expect(Id(india, "preview")).ToContainTextAsync("25% tariff");
        stall.Hold();
        await Id(india, "add-move").ClickAsync();
        await Expect(Id(india, "draft-SetTariff")).ToContainTextAsync("25%");
        Assert.Null((await hub.Call("ResolveNow", 0)).Refusal);
        await Expect(Id(india, "turn")).ToContainTextAsync("Turn 1");

        // The link comes back: the save, for turn 0, reaches the server after turn 0 closed and is refused. The page's
        // next call is held a moment, so what it says then can be read: the tariff was not played, in plain words.
        stall.Release();
        stall.Hold();
        var composer = Id(india, "composer");
        await Expect(composer).ToContainTextAsync("Plan not saved: turn 0 is over, so these moves were not played.");
        await Expect(composer).Not.ToContainTextAsync("revision");
        await Expect(Id(india, "notice")).Not.ToContainTextAsync("Added to your plan");
        var dropped = Id(india, "draft-dropped");
        await Expect(dropped).ToContainTextAsync("Not played: turn 0 ended before you sent your plan");
        await Expect(dropped).ToContainTextAsync("25% tariff");
        await Expect(Id(india, "draft-SetTariff")).ToHaveCountAsync(0);
        await Screens(india, "plan-saved-after-the-turn-closed");
        stall.Release();

        // Turn 1's plan, on the page and on the server, is empty: the tariff did not become its plan, and the page names
        // it until she puts it back or leaves it out.
        await Expect(composer).Not.ToContainTextAsync("Plan not saved");
        await Expect(dropped).ToContainTextAsync("25% tariff");
        await Expect(Id(india, "draft").Locator("li[data-kind]")).ToHaveCountAsync(0);
        Assert.Empty(await Kept(pass, 0));
        var events = (await hub.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Events;
        Assert.DoesNotContain(events, e => e.Kind == "MovesSubmitted" && e.Country == "IND");
        Assert.Null((await hub.Call("End")).Refusal);
    }

    [Fact]
    public async Task A_plan_sent_before_the_teacher_rolled_back_does_not_come_back_on_a_page_opened_after_the_rollback()
    {
        await using var game = await IndiaPlayingOnHerPhone();
        var (india, hub) = game;
        var pass = await india.EvaluateAsync<string>("() => window.diplosim.pass");

        // She sends a 25% tariff for turn 0 and puts her phone away; the teacher plays turn 0, then takes the game back to it.
        await Compose(india, "SetTariff", ("Target", "USA"), ("Rate", "25"));
        await Expect(Id(india, "notice")).ToHaveTextAsync("Added to your plan: India sets a 25% tariff on all goods from the United States");
        await Id(india, "submit").ClickAsync();
        await Expect(Id(india, "submit-status")).ToHaveTextAsync("Moves sent for turn 0.");
        await india.Context.CloseAsync();
        Assert.Null((await hub.Call("ResolveNow", 0)).Refusal);
        Assert.Null((await hub.Call("RollBack", 0, "back-to-turn-0")).Refusal);

        // Opened again, her page is at turn 0 with an empty plan: the tariff from before the rollback does not read as
        // this turn's plan (where "I'm ready" would send it).
        var again = await Open($"/play#{Uri.EscapeDataString(pass)}", phone: true);
        await Expect(Id(again, "connection")).ToHaveTextAsync("connected");
        await Expect(Id(again, "turn")).ToContainTextAsync("Turn 0");
        await Expect(Id(again, "draft-cost")).ToBeVisibleAsync();
        await Expect(Id(again, "draft").Locator("li[data-kind]")).ToHaveCountAsync(0);
        await Expect(Id(again, "submit-status")).ToHaveTextAsync("");
        await Screens(again, "plan-after-rollback-page-opened-again");
        Assert.Null((await hub.Call("End")).Refusal);
    }

    [Fact]
    public async Task A_plan_changed_after_Send_reads_as_changed_after_a_reload_and_I_m_ready_sends_the_change()
    {
        var passes = await server.CreateSession();
        var india = await JoinAs(passes.JoinCode, "IND", "Ada", phone: false);
        // Russia's student is seated too, so India's Ready does not end the turn before the test reads it.
        await server.Join(passes.JoinCode, "RUS", "Boris");
        await using var hub = await server.Connect(passes.TeacherPass);
        Assert.Null((await hub.Call("Start")).Refusal);
        await Expect(Id(india, "turn")).ToContainTextAsync("playing");
        await Compose(india, "SetTariff", ("Target", "USA"), ("Rate", "25"));
        await Id(india, "submit").ClickAsync();
        await Expect(Id(india, "submit-status")).ToHaveTextAsync("Moves sent for turn 0.");
        await Compose(india, "OrderArms", ("Target", "RUS"), ("System", "Su-30 fighters"), ("Value", "3"), ("DeliveryTurns", "4"));
        var pass = await india.EvaluateAsync<string>("() => window.diplosim.pass");
        await Kept(pass, 2);

        // After a reload the page still says the plan changed since it was sent, not that it went in.
        await india.ReloadAsync();
        await Expect(Id(india, "connection")).ToHaveTextAsync("connected");
        await Expect(Id(india, "draft").Locator("li[data-kind]")).ToHaveCountAsync(2);
        await Expect(Id(india, "submit-status")).ToHaveTextAsync("Your plan changed since you last sent it: press “Send my moves” again.");
        await Screens(india, "plan-changed-since-sent-after-reload");

        // I'm ready sends the plan as it stands, both moves, before marking the seat ready.
        await Id(india, "ready").ClickAsync();
        await Expect(Id(india, "ready-status")).ToContainTextAsync("Sent your 2 drafted moves.");
        await Expect(Id(india, "submit-status")).ToHaveTextAsync("Moves sent for turn 0.");
        var events = (await hub.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Events;
        Assert.Equal("IND submitted 2 move(s)", events.Last(e => e.Kind == "MovesSubmitted" && e.Country == "IND").Text);

        // A reload now reads the plan as sent.
        await india.ReloadAsync();
        await Expect(Id(india, "connection")).ToHaveTextAsync("connected");
        await Expect(Id(india, "submit-status")).ToHaveTextAsync("Moves sent for turn 0.");
        Assert.Null((await hub.Call("End")).Refusal);
    }

    /// <summary>The kinds of the moves the server keeps as the seat's plan, once it holds <paramref name="count"/> (read as a second page would).</summary>
    private async Task<string[]> Kept(string pass, int count)
    {
        var waited = Stopwatch.StartNew();
        string[] kept = [];
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await using var student = await server.Connect(pass);
            kept = [.. (await student.View()).Value!.Draft.Select(m => m.Kind)];
            if (kept.Length == count)
            {
                break;
            }

            await Task.Delay(250);
        }

        return kept;
    }

    /// <summary>A page's link to the server that can be held: while held, what the page sends waits, in order, and goes on release.</summary>
    private sealed class Stall
    {
        private readonly Lock _lock = new();
        private readonly List<Action> _waiting = [];
        private bool _held;

        public void Hold()
        {
            lock (_lock)
            {
                _held = true;
            }
        }

        public void Release()
        {
            List<Action> waiting;
            lock (_lock)
            {
                _held = false;
                waiting = [.. _waiting];
                _waiting.Clear();
            }

            waiting.ForEach(send => send());
        }

        public void Send(Action send)
        {
            lock (_lock)
            {
                if (_held)
                {
                    _waiting.Add(send);
                    return;
                }
            }

            send();
        }
    }

    /// <summary>Reloads the page with its link to the server routed through a <see cref="Stall"/>, once it is connected again.</summary>
    private static async Task<Stall> HoldableLink(IPage page)
    {
        var stall = new Stall();
        await page.RouteWebSocketAsync(new Regex("/hub"), ws => Stalled(ws, stall));
        await page.ReloadAsync();
        await Expect(Id(page, "connection")).ToHaveTextAsync("connected");
        return stall;
    }

    private static void Stalled(IWebSocketRoute page, Stall stall)
    {
        var server = page.ConnectToServer();
        var relayed = new StrongBox<int>();
        page.OnMessage(frame => stall.Send(() => Pass(server, frame, relayed)));
        server.OnMessage(frame => Pass(page, frame, relayed));
    }

    private static void Pass(IWebSocketRoute to, IWebSocketFrame frame, StrongBox<int> relayed)
    {
        try
        {
            Forward(to, frame, relayed);
        }
        catch (PlaywrightException)
        {
            // The socket closed meanwhile (the page reloaded): the message is lost, as on a real link.
        }
    }

    /// <summary>Picks a kind, fills its fields and adds the move as soon as its preview shows, without waiting for the plan to save.</summary>
    private static async Task AddWithoutWaiting(IPage page, string kind, params (string Field, string Value)[] fields)
    {
        await Id(page, "move-kind").SelectOptionAsync(kind);
        foreach (var (field, value) in fields)
        {
            var input = Id(page, $"field-{field}");
            if (await input.EvaluateAsync<string>("e => e.tagName") == "SELECT")
            {
                await input.SelectOptionAsync(value);
            }
            else if (await input.EvaluateAsync<string>("e => e.tagName") == "INPUT")
            {
                await input.FillAsync(value);
            }
            else
            {
                await Id(page, $"field-{field}-{value}").CheckAsync();
            }
        }

        await Expect(Id(page, "add-move")).ToBeEnabledAsync();
        await Id(page, "add-move").ClickAsync();
    }

    /// <summary>Relays a page's hub connection with <paramref name="latency"/> each way, every message in the order it was sent.</summary>
    private static void SlowLink(IWebSocketRoute page, TimeSpan latency, StrongBox<int> relayed)
    {
        var server = page.ConnectToServer();
        Relay(page, m => Forward(server, m, relayed), latency);
        Relay(server, m => Forward(page, m, relayed), latency);
    }

    private static void Forward(IWebSocketRoute to, IWebSocketFrame frame, StrongBox<int> relayed)
    {
        Interlocked.Increment(ref relayed.Value);
        if (frame.Binary is { } bytes)
        {
            to.Send(bytes);
        }
        else
        {
            to.Send(frame.Text ?? "");
        }
    }

    private static void Relay(IWebSocketRoute from, Action<IWebSocketFrame> to, TimeSpan latency)
    {
        var queue = Channel.CreateUnbounded<(IWebSocketFrame Frame, DateTime Due)>();
        from.OnMessage(frame => queue.Writer.TryWrite((frame, DateTime.UtcNow + latency)));
        _ = Task.Run(async () =>
        {
            await foreach (var (frame, due) in queue.Reader.ReadAllAsync())
            {
                var wait = due - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                try
                {
                    to(frame);
                }
                catch (PlaywrightException)
                {
                    // The socket closed meanwhile (the page dropped its connection): the message is lost, as on a real link.
                }
            }
        });
    }
}
