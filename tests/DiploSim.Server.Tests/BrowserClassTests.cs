using System.Text.RegularExpressions;
using DiploSim.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiploSim.Server.Tests;

/// <summary>A class period as a teacher, a student on a laptop, a student on a phone and the classroom screen live it.</summary>
public sealed partial class BrowserTests
{
    [Fact]
    public async Task A_class_plays_three_turns_where_Ready_sends_drafted_moves_a_student_returns_in_one_click_and_rollback_and_fork_ask_first()
    {
        // The teacher's browser is in India's time zone (UTC+5:30), so the debrief must use it to show the console's times.
        var teacher = await Open(timezone: "Asia/Kolkata");
        var asked = new List<string>();
        teacher.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        await Id(teacher, "scenario").SelectOptionAsync(TestScenarios.WithInjects);
        await Id(teacher, "create").ClickAsync();
        await Expect(Id(teacher, "join-code")).ToHaveTextAsync(JoinCode());
        var code = await Id(teacher, "join-code").TextContentAsync();
        var india = await JoinAs(code!, "IND", "Ada", phone: false);
        var russia = await JoinAs(code!, "RUS", "Boris", phone: true, timezone: "Asia/Kolkata");
        var screen = await teacher.RunAndWaitForPopupAsync(() => Id(teacher, "screen-link").ClickAsync());

        // Before anything is said, the notice line is blank, not an empty yellow strip.
        foreach (var page in new[] { teacher, russia })
        {
            await Expect(Id(page, "notice")).ToBeEmptyAsync();
            Assert.Equal("rgba(0, 0, 0, 0)", await Id(page, "notice").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        }

        // A seat open to students that nobody has taken says so, beside the tick that the computer plays it meanwhile:
        // not a bare "open" a teacher reads as "the computer has it".
        await Expect(Id(teacher, "seat-CHN").Locator("td.player")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*no student yet\s*$"));
        await Expect(Id(teacher, "seat-IND").Locator("td.player")).ToContainTextAsync("Ada");

        // Before the first turn is played the console's and the screen's tables show where each country starts, as its
        // briefing says, not a column of dashes: India's GDP in billions of dollars, its stability out of 100.
        using (var briefing = System.Text.Json.JsonDocument.Parse(await server.Http.GetStringAsync($"/api/scenarios/{TestScenarios.WithInjects}/briefing")))
        {
            var ind = briefing.RootElement.GetProperty("Countries").EnumerateArray().First(x => x.GetProperty("Country").GetString() == "IND");
            var gdp = ind.GetProperty("Gdp").GetDouble().ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
            var stability = ind.GetProperty("Stability").GetDouble().ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
            await Expect(Id(teacher, "seat-IND").Locator("td.figures")).ToHaveTextAsync(gdp);
            var row = Id(screen, "indicators").Locator("tr", new() { HasText = "India" });
            await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(gdp);
            await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(stability);
        }

        await Screens(screen, "class-screen-before-start");
        await Id(teacher, "start").ClickAsync();
        await Expect(Id(india, "turn")).ToContainTextAsync("playing");

        // Turn 0: India drafts a proposal and clicks Ready without Submit: the draft goes in, and the page says so beside Ready.
        await Compose(india, "ProposeAgreement", ("Partners", "RUS"), ("Agreement", "FreeTrade"));

        // A private message marks its thread on the other page until it is opened.
        await Id(india, "channel-RUS").ClickAsync();
        await Id(india, "message-input").FillAsync("Free trade, Boris?");
        await Id(india, "send").ClickAsync();
        await Expect(Id(russia, "unread-IND")).ToHaveTextAsync("1");
        await Id(russia, "channel-IND").ClickAsync();
        await Expect(Id(russia, "thread")).ToContainTextAsync("Free trade, Boris?");
        await Expect(Id(russia, "unread-IND")).ToHaveCountAsync(0);

        // The message carries its time on the 24-hour clock, as the console's timeline writes it (both pages are in UTC+5:30).
        var wrote = await Id(teacher, "timeline").Locator("li", new() { HasText = "India wrote to Russia" }).TextContentAsync();
        await Expect(Id(russia, "thread").Locator("time").First).ToHaveTextAsync(wrote![..8]);

        await Id(india, "ready").ClickAsync();
        await Expect(Id(india, "ready-status")).ToContainTextAsync("Sent your 1 drafted move");
        await Expect(Id(teacher, "ready-IND")).ToHaveTextAsync("✓");
        // Ready names whom the turn still waits for: the other student, not the countries the computer plays.
        await Expect(Id(india, "waiting-for")).ToHaveTextAsync("Waiting for Russia.");
        await Screens(india, "class-ready-waiting");
        await Id(russia, "ready").ClickAsync();
        await Expect(Id(india, "outcome-turn")).ToContainTextAsync("Outcome of turn 0");
        await Expect(Id(india, "verdict-ProposeAgreement")).ToHaveAttributeAsync("data-accepted", "true");
        await Screens(russia, "class-turn-0-outcome");

        // Turn 1: Russia accepts on the proposal itself, which shows the answer; Submit answers beside the button.
        var proposal = russia.Locator("[data-testid^='proposal-IND-']");
        await russia.Locator("[data-testid^='accept-IND-']").ClickAsync();
        await Expect(proposal.Locator("[data-testid^='answer-']")).ToContainTextAsync("You accept");
        await Expect(proposal).ToHaveClassAsync(new Regex("accepted"));
        await Id(russia, "submit").ClickAsync();
        await Expect(Id(russia, "submit-status")).ToContainTextAsync("Moves sent for turn 1");
        var button = await Id(russia, "submit").BoundingBoxAsync();
        var said = await Id(russia, "submit-status").BoundingBoxAsync();
        Assert.InRange(said!.Y - button!.Y, -100, 100);
        await Screens(russia, "class-turn-1-answered");

        // The teacher fires the scenario's inject and an ad hoc shock, then resolves: each appears once in the news.
        await Id(teacher, "inject").SelectOptionAsync("ceasefire");
        await Id(teacher, "fire-inject").ClickAsync();
        await Id(teacher, "shock-headline").FillAsync("Monsoon fails");
        await Id(teacher, "shock-country").SelectOptionAsync("IND");
        await Id(teacher, "fire-shock").ClickAsync();
        await Expect(Id(teacher, "timeline")).ToContainTextAsync("Monsoon fails");

        // The class reads them the moment they are fired, on the projector and in the news, before the turn that plays them ends.
        await Expect(Id(screen, "ticker")).ToContainTextAsync("Ceasefire announced");
        await Expect(Id(screen, "ticker")).ToContainTextAsync("Monsoon fails");
        await Expect(Id(russia, "news").Locator("li", new() { HasText = "Ceasefire announced" })).ToHaveCountAsync(1);
        await Expect(Id(russia, "news").Locator("li", new() { HasText = "Monsoon fails" })).ToHaveCountAsync(1);
        await Screens(screen, "class-screen-news-flash");
        await Id(teacher, "resolve").ClickAsync();
        await Expect(Id(russia, "outcome-turn")).ToContainTextAsync("Outcome of turn 1");
        await Expect(Id(russia, "news").Locator("li", new() { HasText = "Ceasefire announced" })).ToHaveCountAsync(1);

        // India's free-trade agreement is now in force: its moves panel opens on a fresh form, not on a refusal of last turn's proposal.
        await Expect(Id(india, "outcome-turn")).ToContainTextAsync("Outcome of turn 1");
        await Expect(Id(india, "move-kind")).ToHaveValueAsync("SetTariff");
        await Expect(Id(india, "preview")).ToContainTextAsync("capital");
        await Expect(Id(india, "preview")).Not.ToHaveClassAsync(new Regex("error"));
        await Expect(Id(screen, "turn")).ToContainTextAsync("Turn 2");
        var over = await Id(teacher, "timeline").Locator("li", new() { HasText = "turn 1 is over" }).TextContentAsync();
        await Expect(Id(screen, "ticker").Locator("time").First).ToHaveTextAsync(over![..8]);
        await Expect(Id(russia, "news").Locator("time").First).ToHaveTextAsync(over[..8]);

        // Russia closes the tab; reopening the site on the same phone offers the seat back in one click.
        var context = russia.Context;
        await russia.CloseAsync();
        russia = await context.NewPageAsync();
        await russia.GotoAsync("/");
        await Expect(Id(russia, "continue")).ToHaveTextAsync("Continue as Russia");
        await Screens(russia, "class-rejoin-lobby");
        await Id(russia, "continue").ClickAsync();
        await Expect(Id(russia, "country")).ToHaveAttributeAsync("data-country", "RUS");
        await Expect(Id(russia, "connection")).ToHaveTextAsync("connected");

        // Turn 2 resolves; the teacher rolls it back after confirming, and the students' pages say so.
        await Id(teacher, "resolve").ClickAsync();
        await Expect(Id(india, "notice")).ToHaveTextAsync("Turn 2 is over: see what happened.");
        // The picker offers the last turn played, not the start of the game; a turn the teacher types there holds for
        // the rollback and the fork after it (no turn is resolved between them).
        await Expect(Id(teacher, "turn-input")).ToHaveValueAsync("2");
        await Id(teacher, "turn-input").FillAsync("2");
        await Id(teacher, "rollback").ClickAsync();
        await Expect(Id(india, "notice")).ToHaveTextAsync("The teacher took the game back to turn 2; it is paused until the teacher carries it on.");
        await Expect(Id(russia, "turn")).ToContainTextAsync("Turn 2");
        Assert.Contains(asked, m => m.Contains("back to turn 2", StringComparison.Ordinal));

        // A fork asks first too, and its console line links to its own classroom screen.
        await Id(teacher, "fork").ClickAsync();
        await Expect(Id(teacher, "fork-screen-link")).ToHaveAttributeAsync("href", new Regex("^/screen#."));
        Assert.Contains(asked, m => m.Contains("branches off at turn 2", StringComparison.Ordinal));
        await Screens(teacher, "class-teacher-after-fork");

        // The debrief tells the ad hoc shock once, not its headline twice; the site has an icon.
        var debriefTab = await teacher.RunAndWaitForPopupAsync(() => Id(teacher, "debrief-link").ClickAsync());
        await Expect(debriefTab.Locator("h1")).ToContainTextAsync("Debrief");
        Assert.DoesNotContain("pass", debriefTab.Url, StringComparison.Ordinal);
        var html = await debriefTab.ContentAsync();

        // Its charts have a turn axis and round, readable numbers up the side; its times are the console's, on the 24-hour clock.
        await Expect(debriefTab.Locator("figure.chart .x-axis:visible")).ToHaveCountAsync(3);
        await Expect(debriefTab.Locator("figure.chart .x-axis:visible").First).ToContainTextAsync("Turn");
        Assert.DoesNotContain("E+", html, StringComparison.Ordinal);
        var consoleLine = await Id(teacher, "timeline").Locator("li", new() { HasText = "Monsoon fails" }).TextContentAsync();
        var debriefTime = Regex.Match(html, @"<li>(\d\d:\d\d:\d\d) <b>[^<]*</b>: [^<]*Monsoon fails").Groups[1].Value;
        Assert.Matches(@"^\d\d:\d\d:\d\d ", consoleLine);
        Assert.Equal(consoleLine![..8], debriefTime);
        Assert.Matches($@"<li>Turn 0, {Regex.Escape(wrote[..8])}, India → Russia: Free trade, Boris\?</li>", html);
        AssertPlain("the debrief", WebUtilityText(html));
        await Resize(debriefTab, 1366, 900);
        await debriefTab.ScreenshotAsync(new() { Path = Path.Combine(Repository.Path("TestResults/screens"), "class-debrief-1366x900.png"), FullPage = true });
        await Resize(debriefTab, 390, 844);
        await debriefTab.ScreenshotAsync(new() { Path = Path.Combine(Repository.Path("TestResults/screens"), "class-debrief-390x844.png"), FullPage = true });
        // On a phone the debrief scrolls up and down only: the state hash wraps, and the scores table scrolls in its own box.
        Assert.Equal(390, await debriefTab.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
        Assert.Contains("Monsoon fails", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Monsoon fails Monsoon fails", WebUtilityText(html), StringComparison.Ordinal);
        var icon = await teacher.APIRequest.GetAsync("/favicon.ico");
        Assert.Equal(200, icon.Status);
        Assert.Equal("image/x-icon", icon.Headers["content-type"]);

        // The teacher ends the game: every page shows the final summary and the game's controls no longer work.
        await Id(teacher, "end").ClickAsync();
        foreach (var page in new[] { teacher, india, russia, screen })
        {
            await Expect(Id(page, "end-summary")).ToContainTextAsync("The game is over");
            await Expect(Id(page, "end-scores")).ToContainTextAsync("India");
            await Expect(Id(page, "end-turning-points")).ToContainTextAsync("Ceasefire announced");
        }

        // The header says once that the game is over, with the last quarter played, not the quarter after it.
        foreach (var page in new[] { india, russia, screen })
        {
            await Expect(Id(page, "turn")).ToContainTextAsync("Game over after");
            await Expect(Id(page, "countdown")).ToHaveCountAsync(0);
        }

        var lastPlayed = (await Id(india, "end-summary").InnerTextAsync()).Split("up to ")[1].Split('.')[0];
        await Expect(Id(india, "turn")).ToContainTextAsync($"the last was {lastPlayed}");
        await Expect(Id(teacher, "phase")).ToContainTextAsync("Game over after");
        await Expect(Id(india, "end-agreements")).ToContainTextAsync("sign");
        await Expect(Id(russia, "ready")).ToBeDisabledAsync();
        await Expect(Id(russia, "submit")).ToBeDisabledAsync();
        await Expect(Id(teacher, "resolve")).ToBeDisabledAsync();
        await Expect(Id(teacher, "fork")).ToBeEnabledAsync();
        // Nothing that changes the game stays enabled; what reads it (the glossary, the tabs, the threads, the exports) still works.
        Assert.Empty(await ChangingControls(russia));
        Assert.Empty(await ChangingControls(india));
        Assert.Equal(["fork", "rotate-pass", "rotate-screen", "turn-input"], await ChangingControls(teacher));
        await Expect(Id(teacher, "free-IND")).ToBeDisabledAsync();
        await Expect(russia.Locator(".term").First).ToBeEnabledAsync();
        await Expect(Id(russia, "channel-IND")).ToBeEnabledAsync();

        // On a phone the summary comes first and what can no longer change (the moves, the last outcome, the talks, the
        // news) waits folded under it: the page is a few screens long, not a dozen (it was about 3,900 px).
        await Resize(russia, 390, 844);
        await Expect(Id(russia, "after-game")).ToBeVisibleAsync();
        await Expect(Id(russia, "composer")).Not.ToBeVisibleAsync();
        await Expect(Id(russia, "outcome")).Not.ToBeVisibleAsync();
        var summaryTop = (await Id(russia, "end-summary").BoundingBoxAsync())!.Y;
        var pageHeight = await russia.EvaluateAsync<double>("() => document.documentElement.scrollHeight");
        Assert.True(summaryTop < 200 && pageHeight < 2000, $"on a phone the summary starts {summaryTop} px down a page {pageHeight} px long");
        await Id(russia, "after-game").Locator("summary").ClickAsync();
        await Expect(Id(russia, "outcome")).ToContainTextAsync("Outcome of turn");
        await Id(russia, "after-game").Locator("summary").ClickAsync();
        await Expect(Id(russia, "outcome")).Not.ToBeVisibleAsync();
        await Screens(russia, "class-end-student");
        await Screens(teacher, "class-end-teacher");
        await Screens(screen, "class-end-screen");
    }

    /// <summary>
    /// The enabled inputs, selects and buttons of a page other than those that only read it (glossary terms, tabs,
    /// thread channels, export links), by test id or text, sorted.
    /// </summary>
    private static async Task<string[]> ChangingControls(IPage page) =>
        await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input, select, textarea, button')]
              .filter((e) => e.matches(':enabled') && !e.closest('dialog') && !e.matches('.term, .tab, .link, .glossary-open, [data-testid=hide-guide]'))
              .map((e) => e.dataset.testid || e.textContent.trim()).sort()
            """);

    /// <summary>A new session's console on a laptop, its game started: where the teacher's surprise events are fired.</summary>
    private async Task<(DiploSim.Server.Hub.SessionPassesDto Passes, IPage Teacher)> StartedConsole()
    {
        var passes = await server.CreateSession();
        var teacher = await Open($"/teach#{Uri.EscapeDataString(passes.TeacherPass)}");
        await Expect(Id(teacher, "join-code")).ToHaveTextAsync(JoinCode());
        await Id(teacher, "start").ClickAsync();
        await Expect(Id(teacher, "timeline")).ToContainTextAsync("the game started");
        return (passes, teacher);
    }

    /// <summary>The debrief's text without its tags, as a reader sees it.</summary>
    private static string WebUtilityText(string html) => Regex.Replace(Regex.Replace(html, "<[^>]+>", ""), @"\s+", " ");

    [Fact]
    public async Task A_teacher_halts_a_country_s_purchases_from_another_and_the_turn_applies_it_as_written()
    {
        var (passes, teacher) = await StartedConsole();

        // A halt asks for a buyer, a seller other than the buyer, the goods, the share and how long.
        await Id(teacher, "shock-kind").SelectOptionAsync("PurchaseHalt");
        await Id(teacher, "shock-country").SelectOptionAsync("CHN");
        await Expect(Id(teacher, "shock-seller").Locator("option[value=CHN]")).ToHaveCountAsync(0);
        await Id(teacher, "shock-seller").SelectOptionAsync("USA");
        await Id(teacher, "shock-sector").SelectOptionAsync("Agriculture");
        await Id(teacher, "shock-share").FillAsync("60");
        await Id(teacher, "shock-turns").FillAsync("2");
        await Id(teacher, "shock-headline").FillAsync("State buyers told to stop buying American soybeans");
        await Screens(teacher, "teacher-purchase-halt");
        await Id(teacher, "fire-shock").ClickAsync();
        await Expect(Id(teacher, "timeline")).ToContainTextAsync("State buyers told to stop buying American soybeans");
        await Id(teacher, "resolve").ClickAsync();
        await Expect(Id(teacher, "timeline")).ToContainTextAsync("turn 0 is over");

        var turn = Assert.Single(await server.Services.GetRequiredService<IClusterClient>().GetGrain<ISessionGrain>(passes.SessionId).GetHistory(fromTurn: 0));
        Assert.Empty(Assert.Single(turn.Shocks).Notes);
        Assert.Contains(turn.News, n => n.Body == "China’s state buyers stop buying 60% of the farm goods they buy from the United States, for 2 turns; the trade comes back as soon as they return.");
    }

    [Fact]
    public async Task A_teacher_announces_a_tariff_two_turns_ahead_and_it_lands_two_turns_later_after_importers_bought_ahead()
    {
        var (passes, teacher) = await StartedConsole();

        // A tariff asks for the country that taxes, whose goods, which goods, the rate and when it takes effect.
        await Id(teacher, "shock-kind").SelectOptionAsync("Tariff");
        await Id(teacher, "shock-country").SelectOptionAsync("USA");
        await Expect(Id(teacher, "shock-seller").Locator("option[value=USA]")).ToHaveCountAsync(0);
        await Id(teacher, "shock-seller").SelectOptionAsync("CHN");
        await Id(teacher, "shock-sector").SelectOptionAsync("Technology");
        await Id(teacher, "shock-rate").FillAsync("25");
        await Id(teacher, "shock-in-turns").FillAsync("2");
        await Id(teacher, "shock-headline").FillAsync("Washington announces a tariff on Chinese electronics");
        await Screens(teacher, "teacher-announced-tariff");
        await Id(teacher, "fire-shock").ClickAsync();
        await Expect(Id(teacher, "timeline")).ToContainTextAsync("Washington announces a tariff on Chinese electronics");
        for (var turn = 0; turn < 3; turn++)
        {
            await Id(teacher, "resolve").ClickAsync();
            await Expect(Id(teacher, "timeline")).ToContainTextAsync($"turn {turn} is over");
        }

        var history = (await server.Services.GetRequiredService<IClusterClient>().GetGrain<ISessionGrain>(passes.SessionId).GetHistory(fromTurn: 0)).ToArray();
        Assert.Equal(3, history.Length);
        Assert.Empty(Assert.Single(history[0].Shocks).Notes);
        Assert.Contains(history[0].News, n => n.Body == "The United States announces a 25% tariff on technology from China, to take effect in 2 turns: importers buy ahead of it until then, and less for a while after.");
        Assert.DoesNotContain(history[0].News.Concat(history[1].News), n => n.Headline.StartsWith("Announced tariff takes effect", StringComparison.Ordinal));
        Assert.Contains(history[2].News, n => n.Headline.StartsWith("Announced tariff takes effect", StringComparison.Ordinal) && n.Headline.Contains("25%", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("OilOutlook", "shock-oil", "Agency expects Russian output shut in", "Markets expect 3 million barrels a day of oil supply to be lost, and the price rises before any is.", "teacher-oil-outlook")]
    [InlineData("OilDemand", "shock-demand", "Economies reopen faster than producers planned", "World demand for oil runs 3 million barrels a day ahead of supply, and the price rises until producers catch up.", "teacher-oil-demand")]
    public async Task A_teacher_fires_an_oil_shock_and_the_turn_prices_it_in(string kind, string field, string headline, string body, string screen)
    {
        var (passes, teacher) = await StartedConsole();

        // The kind of event decides what the form asks: an oil shock needs no country, only the barrels.
        await Id(teacher, "shock-kind").SelectOptionAsync(kind);
        await Expect(Id(teacher, "shock-country")).ToHaveCountAsync(0);
        await Id(teacher, "shock-headline").FillAsync(headline);
        await Id(teacher, field).FillAsync("3");
        await Screens(teacher, screen);
        await Id(teacher, "fire-shock").ClickAsync();
        await Expect(Id(teacher, "timeline")).ToContainTextAsync(headline);
        await Id(teacher, "resolve").ClickAsync();
        await Expect(Id(teacher, "timeline")).ToContainTextAsync("turn 0 is over");

        var turn = Assert.Single(await server.Services.GetRequiredService<IClusterClient>().GetGrain<ISessionGrain>(passes.SessionId).GetHistory(fromTurn: 0));
        Assert.Empty(Assert.Single(turn.Shocks).Notes);
        Assert.Contains(turn.News, n => n.Body == body);
        var oil = Assert.Single(turn.Changes, c => c.Indicator == "oilPrice");
        Assert.True(oil.After > oil.Before * 1.05, $"oil went from {oil.Before:0.0} to {oil.After:0.0}");
    }

    [Fact]
    public async Task The_teacher_s_surprise_event_form_stacks_its_fields_inside_its_card_and_labels_every_one_on_a_phone_and_on_a_laptop_for_every_kind_of_event()
    {
        var passes = await server.CreateSession();
        var teacher = await Open($"/teach#{Uri.EscapeDataString(passes.TeacherPass)}", phone: true);
        await Expect(Id(teacher, "join-code")).ToHaveTextAsync(JoinCode());
        await Id(teacher, "shock-headline").FillAsync("State buyers told to stop buying American soybeans");

        // Each field has its own line, one under the other, inside its card and the screen; the headline and the kind of
        // event are as wide as the form, so the headline shows more than its last words. Every field has a label on the
        // page, the headline and the kind of event too (a placeholder goes when the teacher types).
        foreach (var (width, height) in new[] { (390, 844), (1366, 900) })
        {
            await Resize(teacher, width, height);
            foreach (var kind in new[] { "Gdp", "OilOutlook", "OilDemand", "PurchaseHalt", "Tariff" })
            {
                await Id(teacher, "shock-kind").SelectOptionAsync(kind);
                var problems = await Id(teacher, "surprise-event").EvaluateAsync<string[]>("""
                    (form) => {
                      const name = (e) => e.dataset.testid ?? e.querySelector('[data-testid]')?.dataset.testid ?? e.tagName;
                      const card = form.closest('.card').getBoundingClientRect(), line = form.getBoundingClientRect();
                      const problems = [];
                      for (const e of form.querySelectorAll('input, select, button')) {
                        const r = e.getBoundingClientRect();
                        if (r.left < 0 || r.right > window.innerWidth) problems.push(`${name(e)} runs from ${Math.round(r.left)} to ${Math.round(r.right)} px on a ${window.innerWidth} px screen`);
                        else if (r.left < card.left || r.right > card.right) problems.push(`${name(e)} runs from ${Math.round(r.left)} to ${Math.round(r.right)} px, past the card's ${Math.round(card.left)} to ${Math.round(card.right)} px`);
                      }
                      const fields = [...form.children];
                      fields.slice(1).forEach((e, i) => {
                        if (e.getBoundingClientRect().top < fields[i].getBoundingClientRect().bottom - 1) problems.push(`${name(e)} is beside ${name(fields[i])}, not under it`);
                      });
                      for (const e of form.querySelectorAll('input, select')) {
                        const shown = [...e.labels].filter((l) => l.checkVisibility() && l.getBoundingClientRect().width > 1 && l.innerText.trim() !== '');
                        if (shown.length === 0) problems.push(`${name(e)} has no label on the page`);
                      }
                      for (const id of ['shock-headline', 'shock-kind']) {
                        const r = form.querySelector(`[data-testid=${id}]`).getBoundingClientRect();
                        if (r.width < line.width - 1) problems.push(`${id} is ${Math.round(r.width)} px wide in a ${Math.round(line.width)} px form`);
                      }
                      return problems;
                    }
                    """);
                Assert.True(problems.Length == 0, $"{kind} at {width} px: {string.Join("; ", problems)}");
            }
        }

        await Screens(teacher, "teacher-surprise-event");
    }
}
