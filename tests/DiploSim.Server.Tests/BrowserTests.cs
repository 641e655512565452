using System.Text.RegularExpressions;
using DiploSim.Server.Hub;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiploSim.Server.Tests;

/// <summary>
/// The real web client in headless Chromium (Debian's, at /usr/bin/chromium) against the real server. Every step waits
/// for what a page shows, never for a fixed time.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class BrowserTests(ServerFixture server) : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        SetDefaultExpectTimeout(30_000);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>A page in its own context, so each person has their own storage, as on their own device.</summary>
    private async Task<IPage> Open(string path = "/", bool phone = false, string? timezone = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            TimezoneId = timezone,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }

    private static ILocator Id(IPage page, string testId) => page.GetByTestId(testId);

    /// <summary>The page's pulls after its first <paramref name="from"/> that a push should have made needless (all but the periodic check's).</summary>
    private static async Task<string[]> PullsForWantOfAPush(IPage page, int from) =>
        [.. (await page.EvaluateAsync<string[]>("() => window.diplosim.pullReasons")).Skip(from).Where(r => r != "check")];

    private async Task<IPage> JoinAs(string code, string country, string name, bool phone, string? timezone = null)
    {
        var page = await Open("/", phone, timezone);
        await Id(page, "join-code-input").FillAsync(code);
        await Id(page, "player-name").FillAsync(name);
        await Id(page, "find").ClickAsync();
        await Id(page, $"join-{country}").ClickAsync();
        await Expect(Id(page, "country")).ToHaveAttributeAsync("data-country", country);
        await Expect(Id(page, "connection")).ToHaveTextAsync("connected");
        return page;
    }

    /// <summary>A game in its first turn, India's student on her phone watching it play, the teacher's hub connection.</summary>
    private sealed record IndiaOnHerPhone(IPage India, GameClient Teacher) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Teacher.DisposeAsync();
    }

    /// <summary>
    /// A session of <paramref name="scenario"/> whose turns last <paramref name="turnSeconds"/>, India's student joined on
    /// a phone, and the teacher's Start: it returns once her page says the game is playing.
    /// </summary>
    private async Task<IndiaOnHerPhone> IndiaPlayingOnHerPhone(string scenario = TestScenarios.WithInjects, int turnSeconds = 3600)
    {
        var passes = await server.CreateSession(scenario, turnSeconds);
        var india = await JoinAs(passes.JoinCode, "IND", "Ada", phone: true);
        var teacher = await server.Connect(passes.TeacherPass);
        Assert.Null((await teacher.Call("Start")).Refusal);
        await Expect(Id(india, "turn")).ToContainTextAsync("playing");
        return new IndiaOnHerPhone(india, teacher);
    }

    [Fact]
    public async Task A_class_plays_a_session_in_the_browser()
    {
        // The teacher creates a session from the lobby.
        var teacher = await Open();
        await Id(teacher, "scenario").SelectOptionAsync(TestScenarios.WithInjects);
        await Id(teacher, "create").ClickAsync();
        await Expect(Id(teacher, "join-code")).ToHaveTextAsync(JoinCode());
        var code = await Id(teacher, "join-code").TextContentAsync();

        // Two players join on their own pages, one of them on a phone.
        var india = await JoinAs(code!, "IND", "Ada", phone: false);
        var russia = await JoinAs(code!, "RUS", "Boris", phone: true);
        await Expect(Id(teacher, "seat-IND")).ToContainTextAsync("Ada");
        await Expect(Id(teacher, "seat-RUS")).ToContainTextAsync("Boris");

        await Id(teacher, "start").ClickAsync();
        await Expect(Id(teacher, "phase")).ToContainTextAsync("playing");
        await Expect(Id(india, "turn")).ToContainTextAsync("playing");

        // From here until the turn resolves, India's page applies what is pushed (messages, a submission, readiness)
        // without pulling anything from the server: no pull for a gap, a push short of state, or a missing dashboard.
        // (A pull after 3 s without news, the periodic check, is timing on a busy machine, not a missing push.)
        var pulls = await india.EvaluateAsync<int>("() => window.diplosim.pulls");

        // The dashboard shows deliveries, agreements and their compliance, the energy bill and the relations network, on a phone too.
        await Expect(Id(india, "deliveries")).ToContainTextAsync("S-400 regiment 4");
        await Expect(Id(india, "agreements")).ToContainTextAsync("build weapons together");
        await Expect(Id(india, "arms-suppliers")).ToContainTextAsync("Russia");
        await Expect(Id(india, "stat-energy-bill")).ToContainTextAsync("bn/yr");
        await Expect(Id(india, "link-IND-RUS")).ToHaveCountAsync(1);
        // On the phone the charts wait behind their tab.
        await Expect(Id(russia, "network")).Not.ToBeVisibleAsync();
        await Id(russia, "tab-charts").ClickAsync();
        await Expect(Id(russia, "deliveries")).ToContainTextAsync("Russia → India");
        await Expect(Id(russia, "network")).ToBeVisibleAsync();
        await Id(russia, "tab-moves").ClickAsync();

        // The composer previews a tariff's direct effect before anything is committed.
        await Id(india, "move-kind").SelectOptionAsync("SetTariff");
        await Id(india, "field-Target").SelectOptionAsync("RUS");
        await Id(india, "field-Rate").FillAsync("60");
        await Expect(Id(india, "preview")).ToContainTextAsync("60% tariff");
        await Expect(Id(india, "preview-effect")).ToContainTextAsync("Russia’s trust in you");
        await Expect(Id(india, "effect-tradeWithTarget")).ToHaveTextAsync(new Regex("^-"));

        // They negotiate in private.
        await Id(india, "channel-RUS").ClickAsync();
        await Id(india, "message-input").FillAsync("Free trade, Boris?");
        await Id(india, "send").ClickAsync();
        await Id(russia, "channel-IND").ClickAsync();
        await Expect(Id(russia, "thread")).ToContainTextAsync("Free trade, Boris?");

        // India proposes an agreement; the composer shows its cost.
        await Id(india, "move-kind").SelectOptionAsync("ProposeAgreement");
        await Id(india, "field-Partners-RUS").CheckAsync();
        await Id(india, "field-Agreement").SelectOptionAsync("FreeTrade");
        await Expect(Id(india, "preview")).ToContainTextAsync("costs 1 capital");
        await Id(india, "add-move").ClickAsync();
        await Expect(Id(india, "draft-ProposeAgreement")).ToContainTextAsync("India proposes a free-trade agreement to Russia");
        await Id(india, "submit").ClickAsync();
        await Expect(Id(india, "submit-status")).ToContainTextAsync("Moves sent for turn 0");

        // Both mark ready: the turn resolves and every page shows the outcome.
        await Id(india, "ready").ClickAsync();
        await Expect(Id(teacher, "ready-IND")).ToHaveTextAsync("✓");
        await Expect(Id(india, "ready")).ToContainTextAsync("Ready ✓");
        await Expect(Id(russia, "thread")).ToContainTextAsync("Free trade, Boris?");
        Assert.Empty(await PullsForWantOfAPush(india, pulls));
        await Id(russia, "ready").ClickAsync();
        foreach (var page in new[] { india, russia })
        {
            await Expect(Id(page, "outcome-turn")).ToContainTextAsync("Outcome of turn 0");
        }

        await Expect(Id(teacher, "timeline")).ToContainTextAsync("turn 0 is over");
        await Expect(Id(india, "outcome")).ToContainTextAsync("✓");

        // The pushes carried the new turn, the dashboard included: India's page drew it without asking the server.
        await Expect(Id(india, "turn")).ToContainTextAsync("Turn 1 ");
        Assert.Empty(await PullsForWantOfAPush(india, pulls));

        // Russia accepts the proposal and submits.
        var accept = russia.Locator("[data-testid^='accept-IND-']");
        await accept.ClickAsync();
        await Expect(Id(russia, "draft-AnswerProposal")).ToContainTextAsync("Russia accepts India’s proposal (free-trade agreement)");
        await Id(russia, "submit").ClickAsync();
        await Expect(Id(russia, "submit-status")).ToContainTextAsync("Moves sent for turn 1");

        // India's connection drops; while it is away the teacher fires an inject and resolves the turn.
        await india.EvaluateAsync("() => window.diplosim.conn.stop()");
        await Id(teacher, "inject").SelectOptionAsync("ceasefire");
        await Id(teacher, "fire-inject").ClickAsync();
        await Expect(Id(teacher, "notice")).ToHaveTextAsync("The news event “Ceasefire announced” is out.");
        await Id(teacher, "resolve").ClickAsync();
        await Expect(Id(russia, "outcome-turn")).ToContainTextAsync("Outcome of turn 1");
        await Expect(Id(russia, "news")).ToContainTextAsync("Ceasefire announced");
        await Expect(Id(russia, "outcome")).ToContainTextAsync("accepts");

        // India reconnects by itself and catches up.
        await Expect(Id(india, "connection")).ToHaveTextAsync("connected");
        await Expect(Id(india, "outcome-turn")).ToContainTextAsync("Outcome of turn 1");
        await Expect(Id(india, "news")).ToContainTextAsync("Ceasefire announced");

        // The classroom screen shows the clock and the headlines.
        var screen = await teacher.RunAndWaitForPopupAsync(() => Id(teacher, "screen-link").ClickAsync());
        await Expect(Id(screen, "turn")).ToContainTextAsync("Turn 2");
        await Expect(Id(screen, "ticker")).ToContainTextAsync("Ceasefire announced");
        await Expect(Id(screen, "link-IND-RUS")).ToHaveCountAsync(1);

        // The teacher makes a new screen link: the open screen says so, and the new link shows the session.
        var oldLink = await Id(teacher, "screen-link").GetAttributeAsync("href");
        teacher.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Id(teacher, "rotate-screen").ClickAsync();
        await Expect(Id(screen, "revoked")).ToContainTextAsync("link was replaced");
        await Expect(Id(teacher, "screen-link")).Not.ToHaveAttributeAsync("href", oldLink!);
        var newScreen = await teacher.RunAndWaitForPopupAsync(() => Id(teacher, "screen-link").ClickAsync());
        await Expect(Id(newScreen, "turn")).ToContainTextAsync("Turn 2");

        // The teacher forks a what-if branch at turn 1.
        await Id(teacher, "turn-input").FillAsync("1");
        await Id(teacher, "fork").ClickAsync();
        await Expect(Id(teacher, "fork-code")).ToHaveTextAsync(JoinCode());

        // The debrief opens and shows its charts.
        var debrief = await teacher.RunAndWaitForPopupAsync(() => Id(teacher, "debrief-link").ClickAsync());
        await Expect(debrief.Locator("h1")).ToContainTextAsync("Debrief");
        await Expect(debrief.Locator("figure.chart")).ToHaveCountAsync(3);
        await Expect(debrief.Locator("figure.chart polyline").First).ToBeVisibleAsync();
        await Expect(debrief.Locator("body")).ToContainTextAsync("Free trade, Boris?");
    }

    [Fact]
    public async Task A_student_makes_one_move_of_every_kind_through_the_page_and_sees_each_in_the_results()
    {
        var teacher = await Open();
        await Id(teacher, "scenario").SelectOptionAsync(TestScenarios.EveryMove);
        await Id(teacher, "create").ClickAsync();
        await Expect(Id(teacher, "join-code")).ToHaveTextAsync(JoinCode());
        var code = await Id(teacher, "join-code").TextContentAsync();
        var india = await JoinAs(code!, "IND", "Ada", phone: false);
        var russia = await JoinAs(code!, "RUS", "Boris", phone: true);
        await Id(teacher, "start").ClickAsync();
        await Expect(Id(india, "turn")).ToContainTextAsync("playing");

        // Turn 0 sets the stage: India sanctions China (a threat of secondary sanctions needs sanctions first); Russia
        // proposes two agreements to India, orders arms from India and condemns it (which breaks their partnership),
        // all through their pages.
        await Compose(india, "SetSanction", ("Target", "CHN"), ("Domain", "Trade"), ("Level", "Targeted"));
        await Compose(russia, "ProposeAgreement", ("Partners", "IND"), ("Agreement", "VisaFacilitation"));
        await Compose(russia, "ProposeAgreement", ("Partners", "IND"), ("Agreement", "CivilNuclear"));
        await Compose(russia, "OrderArms", ("Target", "IND"), ("System", "BrahMos battery"), ("Value", "2"), ("DeliveryTurns", "3"));
        await Compose(russia, "MakeStatement", ("Target", "IND"), ("Stance", "Condemn"));
        await Expect(Id(russia, "draft").Locator("li[data-kind]")).ToHaveCountAsync(4);
        await SubmitAndReady(india, 0);
        await SubmitAndReady(russia, 0);
        await Expect(Id(india, "outcome-turn")).ToContainTextAsync("Outcome of turn 0");
        await Expect(Id(india, "verdict-SetSanction")).ToHaveAttributeAsync("data-accepted", "true");
        await Expect(Id(india, "proposals")).ToContainTextAsync("civil nuclear deal");

        // The condemnation broke India and Russia's strategic partnership this turn: the agreements table says by whom.
        var partnership = Id(india, "agreements").Locator("tr").Filter(new() { HasText = "India & Russia" }).Filter(new() { HasText = "strategic partnership" });
        await Expect(partnership).ToContainTextAsync("once, by Russia; still broken");
        await Screens(india, "agreement-broken");

        // On a laptop the whole table fits its card: its long terms and verdicts wrap instead of running off the side.
        await Resize(india, 1366, 900);
        var overflow = await Id(india, "agreements").EvaluateAsync<double>("(t) => t.parentElement.scrollWidth - t.parentElement.clientWidth");
        Assert.True(overflow <= 1, $"the agreements table runs {overflow} px past its card at 1366 px");
        await Resize(india, 1280, 900);

        // Turn 1: every other kind, each with the model's cost before it joins the draft.
        await Compose(india, "SetTariff", ("Target", "CHN"), ("Rate", "15"));
        await Compose(india, "ThreatenSecondarySanctions", ("Target", "CHN"), ("Active", "threaten"));
        await Compose(india, "ProposeAgreement", ("Partners", "USA"), ("Agreement", "FreeTrade"), ("Terms-TariffCeiling", "5"));
        await Compose(india, "AnswerProposal", ("ProposalId", "Russia: easier-visas deal"), ("Accept", "accept"));
        await Compose(india, "CounterProposal", ("ProposalId", "Russia: civil nuclear deal"), ("Terms-TradeTarget", "20"));
        await Compose(india, "WithdrawFromAgreement", ("AgreementId", "military logistics pact"));
        await Compose(india, "OrderArms", ("Target", "RUS"), ("System", "Su-30 fighters"), ("Value", "3"), ("DeliveryTurns", "4"));
        await Compose(india, "DecideDelivery", ("DeliveryId", "BrahMos battery"), ("Decision", "OnTime"));
        await Compose(india, "BuyDiscountedCrude", ("Target", "RUS"), ("VolumeMbd", "0.5"), ("Discount", "5"));
        await Compose(india, "SetPriceCapStance", ("Join", "join"));
        await Compose(india, "HoldSummit", ("Partners", "RUS"));
        await Compose(india, "MakeStatement", ("Target", "USA"), ("Stance", "Support"));
        await Compose(india, "Diversify", ("Target", "RUS"), ("Domain", "Defence"));
        await Compose(india, "Invest", ("Capacity", "ExportPromotion"), ("Amount", "5"));
        await Compose(india, "SetBlocMembership", ("Bloc", "Quad"), ("Join", "leave"));
        await Compose(india, "GiveAid", ("Target", "RUS"), ("Amount", "2"));
        await Expect(Id(india, "draft").Locator("li[data-kind]")).ToHaveCountAsync(16);
        await Screens(india, "composer-draft");

        await SubmitAndReady(india, 1);
        await SubmitAndReady(russia, 1);
        await Expect(Id(india, "outcome-turn")).ToContainTextAsync("Outcome of turn 1");
        string[] turnOne = ["SetTariff", "ThreatenSecondarySanctions", "ProposeAgreement", "AnswerProposal", "CounterProposal", "WithdrawFromAgreement",
            "OrderArms", "DecideDelivery", "BuyDiscountedCrude", "SetPriceCapStance", "HoldSummit", "MakeStatement", "Diversify", "Invest",
            "SetBlocMembership", "GiveAid"];
        foreach (var kind in turnOne)
        {
            await Expect(Id(india, $"verdict-{kind}")).ToHaveAttributeAsync("data-accepted", "true");
        }

        // Together with the sanction of turn 0, every kind of Core's catalogue was played through the page.
        Assert.Equal(Enum.GetNames<DiploSim.Core.MoveKind>().Order(StringComparer.Ordinal), turnOne.Append("SetSanction").Order(StringComparer.Ordinal));
        await Expect(Id(india, "draft").Locator("li[data-kind]")).ToHaveCountAsync(0);

        // Russia condemned India once: a turn on, the partnership was broken once and is kept again.
        await Expect(partnership).ToContainTextAsync("once, by Russia");
        await Expect(partnership).Not.ToContainTextAsync("still broken");
        await Screens(india, "outcome");
        await Expect(Id(teacher, "timeline")).ToContainTextAsync("turn 1 is over");
        await Screens(teacher, "teacher");
    }

    /// <summary>Picks a kind in the composer, fills its fields, waits for the model's preview and adds the move to the draft.</summary>
    private static async Task Compose(IPage page, string kind, params (string Field, string Value)[] fields)
    {
        var before = await page.Locator($"[data-testid='draft-{kind}']").CountAsync();
        await Id(page, "move-kind").SelectOptionAsync(kind);
        foreach (var (field, value) in fields)
        {
            var input = Id(page, $"field-{field}");
            if (field.StartsWith("Terms-", StringComparison.Ordinal) && !await input.IsVisibleAsync())
            {
                await Id(page, "terms").ClickAsync();
            }

            var tag = await input.EvaluateAsync<string>("e => e.tagName");
            if (tag == "SELECT")
            {
                // Choices are picked by the model's name for them (a country's code, an enum value) or, for a proposal, an
                // agreement or a delivery, by what the page shows (never its generated id).
                var byValue = input.Locator($"option[value='{value}']");
                var option = await byValue.CountAsync() > 0 ? value : await input.Locator("option", new() { HasText = value }).First.GetAttributeAsync("value");
                await input.SelectOptionAsync(option!);
            }
            else if (tag == "INPUT")
            {
                await input.FillAsync(value);
            }
            else
            {
                await Id(page, $"field-{field}-{value}").CheckAsync();
            }
        }

        await Expect(Id(page, "preview")).ToHaveAttributeAsync("data-cost", new Regex("^[0-9]+$"));
        await Expect(Id(page, "preview")).ToContainTextAsync("capital");
        await Id(page, "add-move").ClickAsync();
        await Expect(page.Locator($"[data-testid='draft-{kind}']")).ToHaveCountAsync(before + 1);
    }

    private static async Task SubmitAndReady(IPage page, int turn)
    {
        await Id(page, "submit").ClickAsync();
        // "Moves sent for turn 1", or for an empty plan "Sent for turn 1: no moves (your plan is empty)".
        await Expect(Id(page, "submit-status")).ToHaveTextAsync(new Regex($"^(Moves sent|Sent) for turn {turn}\\b"));
        await Id(page, "ready").ClickAsync();
    }

    /// <summary>
    /// Full-page screenshots at a laptop's and a phone's size, under TestResults/screens, to look at; or, when
    /// <paramref name="scrolledDown"/>, the window scrolled to the foot of the page (what sticks at its top shows).
    /// </summary>
    /// <summary>
    /// Sets the window's size and waits two frames for the page to draw at it: what a page measures in script (whether a
    /// wide table stacks, the sticky bars' heights) follows the window at the next frame, as a user sees it, and a check
    /// made before it would read the layout of the old size.
    /// </summary>
    private static async Task Resize(IPage page, int width, int height)
    {
        await page.SetViewportSizeAsync(width, height);
        await page.EvaluateAsync("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))");
    }

    private static async Task Screens(IPage page, string name, bool scrolledDown = false)
    {
        var folder = Repository.Path("TestResults/screens");
        Directory.CreateDirectory(folder);
        foreach (var (width, height) in new[] { (1366, 900), (390, 844) })
        {
            await Resize(page, width, height);
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");

            // Nothing is wider than the screen: a phone scrolls the page up and down only.
            // Charts follow the new width when their resize observers fire: wait for the page to settle, then name what sticks out.
            try
            {
                await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= window.innerWidth", null, new() { Timeout = 10_000 });
            }
            catch (TimeoutException)
            {
                var wider = await page.EvaluateAsync<string[]>("""
                    () => [...document.querySelectorAll('body *')]
                      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.scroll'))
                      .slice(0, 8).map((e) => `${e.tagName}.${e.className} ${(e.textContent ?? '').slice(0, 60)}`)
                    """);
                Assert.Fail($"{name} is wider than {width} px: {string.Join(" | ", wider)}");
            }

            if (scrolledDown)
            {
                await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
            }

            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{width}x{height}.png"), FullPage = !scrolledDown });
        }

        await Resize(page, 1280, 900);
    }

    [Fact]
    public async Task A_page_that_receives_a_push_it_cannot_read_asks_to_be_reloaded_and_greys_what_it_shows()
    {
        var passes = await server.CreateSession();
        var screen = await Open($"/screen#{Uri.EscapeDataString(passes.SpectatorPass!)}");
        var errors = new List<string>();
        screen.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("DiploSim", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        await Expect(Id(screen, "turn")).ToContainTextAsync("waiting to start");

        // A push that is not an event (a release of the server this page was not built for, or a fault) reaches the session's pages.
        var hub = server.Services.GetRequiredService<IHubContext<GameHub>>().Clients.Group(Connections.SessionGroup(passes.SessionId));
        await hub.SendAsync("Event", new { Sequence = "seven", Kind = "TurnResolved" });

        await Expect(Id(screen, "reload-notice")).ToContainTextAsync("please reload");
        await Expect(screen.Locator("body")).ToHaveClassAsync(new Regex("stale"));

        // A second one is not reported again; the page still hears a revocation, which comes after it.
        await hub.SendAsync("Event", new { Sequence = "eight" });
        await hub.SendAsync("Revoked", "this screen's pass was replaced");
        await Expect(Id(screen, "revoked")).ToHaveTextAsync("this screen's pass was replaced");
        Assert.Single(errors);
    }

    [GeneratedRegex("^[A-Z0-9]{4,}$")]
    private static partial Regex JoinCode();
}
