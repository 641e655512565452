using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using DiploSim.Scenarios;
using DiploSim.Server.Hub;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiploSim.Server.Tests;

/// <summary>
/// What students and teachers read: plain words from the catalogue, country names, the glossary, the first-turn guide
/// and the briefings, the phone layout, readable charts, and axe-core's accessibility rules on every page.
/// </summary>
public sealed partial class BrowserTests
{
    /// <summary>Names of the model's and the session's enums that are not plain words (StrategicPartnership, SetTariff, InForce...).</summary>
    private static readonly string[] EnumNames =
    [
        .. typeof(DiploSim.Core.MoveKind).Assembly.GetTypes().Concat(typeof(DiploSim.Contracts.SessionPhase).Assembly.GetTypes())
            .Where(t => t.IsEnum && t.IsPublic)
            .SelectMany(Enum.GetNames)
            .Where(n => CamelCase().IsMatch(n))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>Everything a page says, shown or not: its text (both tabs of a phone, tables for screen readers, options) and the labels, titles and placeholders of its elements.</summary>
    private static Task<string> EverythingSaid(IPage page) => page.EvaluateAsync<string>("""
        () => [document.body.textContent ?? '',
          ...[...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')].flatMap((e) => ['aria-label', 'title', 'placeholder', 'alt'].map((a) => e.getAttribute(a) ?? '')),
          ...[...document.querySelectorAll('svg title')].map((t) => t.textContent ?? '')].join('\n')
        """);

    /// <summary>Fails naming each enum name, country code, generated proposal id or session id <paramref name="text"/> shows.</summary>
    private static void AssertPlain(string page, string text, params string[] internalIds)
    {
        var found = EnumNames.Where(n => Regex.IsMatch(text, $@"\b{n}\b"))
            .Concat(CountryCode().Matches(text).Select(m => m.Value))
            .Concat(ProposalId().Matches(text).Select(m => m.Value))
            .Concat(internalIds.Where(id => text.Contains(id, StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal).ToArray();
        var where = found.Select(f => text.IndexOf(f, StringComparison.Ordinal)).Where(i => i >= 0)
            .Select(i => text.Substring(Math.Max(0, i - 60), Math.Min(120, text.Length - Math.Max(0, i - 60))).ReplaceLineEndings(" "));
        Assert.True(found.Length == 0, $"{page} shows internal names: {string.Join(", ", found)} in: {string.Join(" | ", where)}");
    }

    [Fact]
    public async Task Students_read_country_names_and_plain_words_from_the_catalogue_and_no_enum_name_or_internal_id_after_three_turns()
    {
        Assert.Contains("StrategicPartnership", EnumNames);
        Assert.Contains("SetTariff", EnumNames);
        var passes = await server.CreateSession();
        var teacher = await Open($"/teach#{Uri.EscapeDataString(passes.TeacherPass)}");
        var india = await JoinAs(passes.JoinCode, "IND", "Ada", phone: false);
        var russia = await JoinAs(passes.JoinCode, "RUS", "Boris", phone: true);
        var screen = await Open($"/screen#{Uri.EscapeDataString(passes.SpectatorPass!)}");
        await Resize(screen, 1920, 1080);

        // Before turn 1: the three steps and the country's briefing (its goals, red lines and starting position).
        await Expect(Id(india, "country")).ToHaveTextAsync(new Regex("India"));
        await Expect(Id(india, "guide")).ToContainTextAsync("Send my moves");
        await Expect(Id(india, "briefing-IND")).ToContainTextAsync("Red lines");
        await Expect(Id(india, "briefing-IND")).ToContainTextAsync("Your trust in Russia");
        await Expect(Id(india, "chart-gdp")).ToContainTextAsync("after the first turn");
        await Screens(india, "first-turn");

        // Every number opens the glossary: what it means and how the model computes it.
        await Id(india, "term-capital").ClickAsync();
        await Expect(Id(india, "glossary")).ToBeVisibleAsync();
        await Expect(Id(india, "glossary-capital")).ToContainTextAsync("5 more each turn");
        await Id(india, "glossary-close").ClickAsync();
        await Expect(Id(india, "glossary")).Not.ToBeVisibleAsync();
        foreach (var term in new[] { "gdp", "growth", "stability", "utility", "moves", "trust" })
        {
            await Expect(Id(india, $"term-{term}")).Not.ToHaveCountAsync(0);
        }

        // ...in the briefing's figures, the move preview's rows and the classroom screen's table too.
        foreach (var term in new[] { "gdp", "growth", "stability", "capital", "trust", "military" })
        {
            await Expect(Id(india, "briefing-IND").GetByTestId($"term-{term}-briefing").First).ToBeVisibleAsync();
        }

        await Id(india, "briefing-IND").GetByTestId("term-military-briefing").ClickAsync();
        await Expect(Id(india, "glossary-military")).ToContainTextAsync("Military strength");
        await Expect(Id(india, "glossary-military")).ToContainTextAsync("weapons delivery");
        await Id(india, "glossary-close").ClickAsync();

        await Expect(Id(india, "effect-table").GetByTestId("term-stability-preview")).ToBeVisibleAsync();
        await Expect(Id(india, "effect-table").GetByTestId("term-utility-preview")).ToBeVisibleAsync();
        await Id(screen, "term-growth-screen").ClickAsync();
        await Expect(Id(screen, "glossary-growth")).ToBeVisibleAsync();
        await Id(screen, "glossary-close").ClickAsync();

        await Id(teacher, "start").ClickAsync();
        await Expect(Id(india, "turn")).ToHaveAttributeAsync("data-phase", "Running");

        // Turn 0: India proposes an easier-visas deal; Russia sees it in words, not as an enum name or an id.
        await Compose(india, "ProposeAgreement", ("Partners", "RUS"), ("Agreement", "VisaFacilitation"));
        await SubmitAndReady(india, 0);
        await SubmitAndReady(russia, 0);
        await Expect(Id(india, "outcome-turn")).ToContainTextAsync("Outcome of turn 0");
        await Expect(Id(russia, "proposals")).ToContainTextAsync("India proposes: easier-visas deal with Russia");

        // Turn 1: Russia accepts; turn 2: the teacher fires an inject, which students read as its headline.
        await russia.Locator("[data-testid^='accept-IND-']").ClickAsync();
        await Expect(Id(russia, "draft-AnswerProposal")).ToContainTextAsync("Russia accepts India’s proposal");

        // India sends a tariff, takes it out of the plan again and clicks Ready: the empty plan goes in (the tariff is
        // not played) and Ready says so beside itself. Russia is ready next, so the turn ends.
        await Compose(india, "SetTariff");
        await Id(india, "submit").ClickAsync();
        await Expect(Id(india, "submit-status")).ToContainTextAsync("Moves sent for turn 1");
        await Id(india, "draft-SetTariff").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(Id(india, "draft-SetTariff")).ToHaveCountAsync(0);
        await Id(india, "ready").ClickAsync();
        await Expect(Id(india, "ready-status")).ToHaveTextAsync(new Regex("^Ready with no moves this turn"));
        foreach (var (width, height) in new[] { (1366, 900), (390, 844) })
        {
            // The answer is beside the button: to its right, or just under it, never at the other end of the bar.
            await Resize(india, width, height);
            var button = (await Id(india, "ready").BoundingBoxAsync())!;
            var said = (await Id(india, "ready-status").BoundingBoxAsync())!;
            Assert.True(Math.Abs(said.Y - button.Y) < 80 && said.X >= button.X - 1 && said.X - (button.X + button.Width) < 40,
                $"at {width} px Ready is at ({button.X}, {button.Y}) and what it said at ({said.X}, {said.Y})");
        }

        await Screens(india, "words-ready-no-moves");
        await SubmitAndReady(russia, 1);
        await Expect(Id(india, "outcome-turn")).ToContainTextAsync("Outcome of turn 1");
        await Expect(Id(india, "verdict-SetTariff")).ToHaveCountAsync(0);
        await Id(teacher, "inject").SelectOptionAsync("ceasefire");
        await Expect(Id(teacher, "inject").Locator("option[value='ceasefire']")).ToHaveTextAsync("Ceasefire announced");
        await Id(teacher, "fire-inject").ClickAsync();
        await Expect(Id(india, "notice")).ToContainTextAsync("News flash: Ceasefire announced");
        await Id(teacher, "resolve").ClickAsync();
        await Expect(Id(india, "outcome-turn")).ToContainTextAsync("Outcome of turn 2");
        await Expect(Id(india, "agreements")).ToContainTextAsync("easier-visas deal");

        // Charts: GDP indexed to the start (its table for screen readers starts at 100), growth in percent, the
        // classroom screen's text at 24 px.
        await Expect(Id(india, "chart-gdp")).ToHaveAttributeAsync("data-font", "13");
        var gdpTable = india.Locator("figure.chart", new() { Has = Id(india, "chart-gdp") }).GetByTestId("chart-table");
        await Expect(gdpTable.Locator("tbody tr").First.Locator("td")).ToHaveTextAsync(new Regex("^100( |$)"));
        await Expect(gdpTable.Locator("thead")).ToContainTextAsync("Turn");
        await Expect(Id(screen, "chart-utility")).ToHaveAttributeAsync("data-font", "24");
        await Expect(Id(screen, "indicators")).ToContainTextAsync("Russia");

        // Nothing any of these pages says is an enum name, a country code, a proposal id or the session's id.
        var ids = new[] { passes.SessionId, "ceasefire" };
        AssertPlain("India's page", await EverythingSaid(india), ids);
        await Id(russia, "tab-charts").ClickAsync();
        AssertPlain("Russia's phone", await EverythingSaid(russia), ids);
        AssertPlain("the classroom screen", await EverythingSaid(screen), ids);
        AssertPlain("the teacher's console", await EverythingSaid(teacher), ids);
        await Screens(india, "words-player");
        await Screens(russia, "words-phone-charts");
        await screen.ScreenshotAsync(new() { Path = Path.Combine(Repository.Path("TestResults/screens"), "words-screen-1920x1080.png") });
    }

    [Fact]
    public async Task The_console_fits_a_laptop_numbers_every_timeline_line_in_view_says_in_words_who_an_agent_is_and_explains_a_scenario_without_events()
    {
        var response = await server.Http.PostAsJsonAsync("/api/sessions", new { ScenarioId = BaselineScenario.Id, TurnSeconds = 3600, HumanSeats = new[] { "IND", "RUS", "USA" }, Press = "Open", Seed = 5UL });
        var passes = (await response.Content.ReadFromJsonAsync<SessionPassesDto>())!;
        await server.Join(passes.JoinCode, "IND", "Ada");
        var teacher = await Open($"/teach#{Uri.EscapeDataString(passes.TeacherPass)}");
        await Resize(teacher, 1366, 900);
        var timeline = Id(teacher, "timeline");

        // A seat handed to the server's rule agent reads as words, never as the player name the server gives it.
        await Agent(HttpMethod.Post, "/api/agent/seats", passes.TeacherPass, """{"country":"RUS","agent":"rule"}""");
        await Expect(timeline).ToContainTextAsync("Russia was handed to the agent “rule”");
        await Expect(timeline).ToContainTextAsync("Russia is now played by the agent “rule”");
        await Expect(timeline).Not.ToContainTextAsync("agent:");

        // This scenario has no prepared events: the console says so instead of showing an empty list, and a surprise event still fires.
        await Expect(Id(teacher, "inject")).ToHaveCountAsync(0);
        await Expect(Id(teacher, "fire-inject")).ToHaveCountAsync(0);
        await Expect(Id(teacher, "no-injects")).ToContainTextAsync("no prepared news events");
        await Id(teacher, "start").ClickAsync();
        await Id(teacher, "shock-headline").FillAsync("Monsoon fails");
        await Id(teacher, "fire-shock").ClickAsync();
        await Expect(timeline).ToContainTextAsync("Monsoon fails");
        await Id(teacher, "resolve").ClickAsync();
        await Expect(timeline).ToContainTextAsync("turn 0 is over");

        // More than nine lines: each one's number is inside the list's scrolling box, which clips what sticks out of it.
        while (await timeline.Locator("li").CountAsync() < 12)
        {
            var before = await timeline.Locator("li").CountAsync();
            await Id(teacher, "extend").ClickAsync();
            await teacher.WaitForFunctionAsync($"() => document.querySelectorAll('[data-testid=timeline] li').length > {before}");
        }

        var clipped = await timeline.EvaluateAsync<string[]>("""
            (ol) => {
              const room = parseFloat(getComputedStyle(ol).paddingLeft);
              const pen = document.createElement('canvas').getContext('2d');
              return [...ol.children].flatMap((li, i) => {
                const s = getComputedStyle(li);
                pen.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
                const width = pen.measureText(`${i + 1}.`).width;
                return width > room ? [`${i + 1}. needs ${width.toFixed(1)} px, has ${room} px`] : [];
              });
            }
            """);
        Assert.True(clipped.Length == 0, string.Join("; ", clipped));

        // The world table fits a 1366 px laptop: nothing scrolls sideways, the score column included.
        await Expect(Id(teacher, "seats").Locator("tbody tr")).ToHaveCountAsync(5);
        await Screens(teacher, "console-timeline-and-world");
        await Resize(teacher, 1366, 900);
        var fit = await Id(teacher, "seats").EvaluateAsync<double[]>("(t) => [t.parentElement.scrollWidth, t.parentElement.clientWidth, document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(fit[0] <= fit[1] && fit[2] <= fit[3], $"at 1366 px the world table is {fit[0]} px wide in {fit[1]} px, the page {fit[2]} px in {fit[3]} px");
    }

    [Fact]
    public async Task A_teacher_sees_the_whole_world_table_under_the_turn_s_controls_on_a_laptop_s_first_screen_and_reads_each_country_as_a_block_on_a_phone()
    {
        var response = await server.Http.PostAsJsonAsync("/api/sessions", new { ScenarioId = BaselineScenario.Id, TurnSeconds = 3600, HumanSeats = new[] { "IND", "RUS", "USA" }, Press = "Open", Seed = 5UL });
        var passes = (await response.Content.ReadFromJsonAsync<SessionPassesDto>())!;
        await server.Join(passes.JoinCode, "IND", "Ada");
        var teacher = await Open($"/teach#{Uri.EscapeDataString(passes.TeacherPass)}");
        await Id(teacher, "start").ClickAsync();
        await Id(teacher, "resolve").ClickAsync();
        await Expect(Id(teacher, "timeline")).ToContainTextAsync("turn 0 is over");
        var seats = Id(teacher, "seats");
        await Expect(seats.Locator("tbody tr")).ToHaveCountAsync(5);

        // On a laptop the first screen holds the join code, the turn's controls with the line that says what they can do now, and all five countries' figures.
        await Resize(teacher, 1366, 900);
        await teacher.EvaluateAsync("() => window.scrollTo(0, 0)");
        foreach (var id in new[] { "join-code", "start", "pause", "resume", "resolve", "extend", "end", "controls-now", "seats", "free-IND" })
        {
            var box = (await Id(teacher, id).BoundingBoxAsync())!;
            Assert.True(box.Y >= 0 && box.Y + box.Height <= 900, $"at 1366x900 {id} runs from {box.Y:0} to {box.Y + box.Height:0} px down the page");
        }

        // At no width from a phone's to a laptop's does the world table scroll sideways inside its card.
        foreach (var width in new[] { 1366, 1024, 768, 390, 360 })
        {
            await Resize(teacher, width, 844);
            var fit = await seats.EvaluateAsync<double[]>("(t) => [t.parentElement.scrollWidth, t.parentElement.clientWidth, t.scrollWidth, t.clientWidth]");
            Assert.True(fit[0] <= fit[1] && fit[2] <= fit[3], $"at {width} px the world table is {fit[2]} px wide in {fit[3]} px, its box {fit[0]} px in {fit[1]} px");
        }

        // On a phone each country is a block: its name on a line of its own, then each figure under its column's
        // heading; a tick that is off is left out, and the heading row is not drawn.
        await Resize(teacher, 390, 844);
        await Expect(seats.Locator("thead")).Not.ToBeVisibleAsync();
        var blocks = await seats.EvaluateAsync<string[]>("""
            (t) => [...t.tBodies[0].rows].flatMap((row) => {
              const name = row.querySelector('th'), box = name.getBoundingClientRect();
              const shown = [...row.cells].filter((c) => c !== name && c.getClientRects().length > 0);
              const problems = shown.flatMap((c) => {
                const label = getComputedStyle(c, '::before').content, r = c.getBoundingClientRect();
                return [
                  ...(c.dataset.label && label !== JSON.stringify(c.dataset.label) ? [`${name.textContent.trim()}: a cell shows the label ${label}, not "${c.dataset.label}"`] : []),
                  ...(r.top < box.bottom - 1 ? [`${name.textContent.trim()}: ${c.dataset.label} is beside the country's name, not under it`] : []),
                  ...(c.textContent.trim() === '' ? [`${name.textContent.trim()}: ${c.dataset.label} is shown empty`] : []),
                ];
              });
              const hidden = [...row.cells].slice(5, 11).filter((c) => c.getClientRects().length === 0).map((c) => c.dataset.label);
              return hidden.length > 0 ? [`${name.textContent.trim()} hides ${hidden.join(', ')}`, ...problems] : problems;
            })
            """);
        Assert.True(blocks.Length == 0, string.Join("; ", blocks));
        var gdpLeft = await seats.EvaluateAsync<double[]>("(t) => [...t.tBodies[0].rows].map((r) => Math.round(r.cells[5].getBoundingClientRect().left))");
        Assert.True(gdpLeft.Distinct().Count() == 1, $"each country's GDP should stand under the one above it, at {string.Join(", ", gdpLeft)} px");
        await Expect(Id(teacher, "seat-IND")).ToContainTextAsync("Ada");
        await Expect(Id(teacher, "free-IND")).ToBeVisibleAsync();
        await Screens(teacher, "teacher-world");
    }

    [Fact]
    public async Task China_s_briefing_says_in_plain_words_that_it_moves_a_tariff_only_to_answer_a_move()
    {
        var briefings = await Open($"/briefings?scenario={TestScenarios.WithInjects}");
        var china = Id(briefings, "briefing-CHN");
        // The red lines are the government's doctrine, which binds the computer's play only: the student is told so.
        await Expect(china.Locator("h3", new() { HasText = "Red lines" })).ToHaveTextAsync("Red lines: what the government of China will never do");
        await Expect(Id(briefings, "red-lines-note-CHN")).ToHaveTextAsync("The computer keeps to these when it plays China. As its player you are free to decide otherwise.");
        await Expect(china).ToContainTextAsync("further from where it started than the other country has moved its tariffs on you, up or down");
        await Expect(Id(briefings, "briefing-IND")).Not.ToContainTextAsync("than the other country has moved its tariffs on you");
        await china.ScrollIntoViewIfNeededAsync();
        await Screens(briefings, "briefing-china");
    }

    [Fact]
    public async Task India_s_briefing_says_its_free_trade_agreements_leave_out_its_farm_goods_and_China_s_says_nothing_of_the_kind()
    {
        var briefings = await Open($"/briefings?scenario={TestScenarios.WithInjects}");
        await Expect(Id(briefings, "kept-out-IND")).ToHaveTextAsync("Your free-trade agreements leave out farm goods: signing one does not lower your tariffs on them.");
        await Expect(Id(briefings, "kept-out-CHN")).ToHaveCountAsync(0);
        await Id(briefings, "kept-out-IND").ScrollIntoViewIfNeededAsync();
        await Screens(briefings, "briefing-india");
    }

    [Fact]
    public async Task A_briefing_names_the_routes_a_country_can_build_a_corridor_on_and_the_United_States_that_it_has_none()
    {
        var briefings = await Open($"/briefings?scenario={TestScenarios.WithInjects}");
        await Expect(Id(briefings, "routes-IND")).ToHaveTextAsync(
            "You can build a connectivity corridor only along the Chennai–Vladivostok Maritime Corridor (with Russia), "
            + "the India–Middle East–Europe Economic Corridor (with the European Union) & the International North–South Transport Corridor (with Russia).");
        await Expect(Id(briefings, "routes-CHN")).ToHaveTextAsync("You can build a connectivity corridor only along the Northern Sea Route (with Russia).");
        await Expect(Id(briefings, "routes-USA")).ToHaveTextAsync("No connectivity corridor route reaches your country in this scenario, so you cannot build one.");
        // Inside a sentence the names that take "the" have it.
        await Expect(Id(briefings, "briefing-USA")).ToContainTextAsync("What matters to the United States");
        await Expect(Id(briefings, "briefing-CHN")).ToContainTextAsync("Your trust in the United States: aim for");
        await Id(briefings, "routes-IND").ScrollIntoViewIfNeededAsync();
        await Screens(briefings, "briefing-routes");
    }

    [Fact]
    public async Task A_corridor_off_the_scenario_s_routes_is_refused_beside_its_partners_in_plain_words()
    {
        var passes = await server.CreateSession();
        var india = await JoinAs(passes.JoinCode, "IND", "Ada", phone: true);
        await Id(india, "tab-moves").ClickAsync();
        await Id(india, "move-kind").SelectOptionAsync("ProposeAgreement");
        await Id(india, "field-Agreement").SelectOptionAsync("ConnectivityCorridor");
        await Id(india, "field-Partners-USA").CheckAsync();
        await Expect(Id(india, "error-Partners")).ToContainTextAsync("no corridor route links India and the United States in this scenario; its routes: ");
        await Expect(Id(india, "error-Partners")).ToContainTextAsync("India–Middle East–Europe Economic Corridor (European Union, India)");
        await Screens(india, "corridor-off-route");

        // Along a route, the same proposal is a move like any other.
        await Id(india, "field-Partners-USA").UncheckAsync();
        await Id(india, "field-Partners-EU").CheckAsync();
        await Expect(Id(india, "preview")).ToContainTextAsync("costs 1 capital");
        await Expect(Id(india, "error-Partners")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_United_States_briefing_says_in_plain_words_that_it_never_lowers_a_tariff_of_its_own_accord_nor_proposes_or_accepts_easier_visas()
    {
        var briefings = await Open($"/briefings?scenario={TestScenarios.WithInjects}");
        var usa = Id(briefings, "briefing-USA");
        await Expect(usa.Locator("li", new() { HasTextRegex = new Regex("^Lower or remove a tariff \\(tax on imports\\)$") })).ToHaveCountAsync(1);
        await Expect(Id(briefings, "briefing-CHN")).Not.ToContainTextAsync("Lower or remove a tariff");

        // A line on one kind of agreement names the kind, and does not read as a bar on every proposal or answer.
        await Expect(usa.Locator("li", new() { HasTextRegex = new Regex("^Propose any easier-visas deal$") })).ToHaveCountAsync(1);
        await Expect(usa.Locator("li", new() { HasTextRegex = new Regex("^Accept any easier-visas deal$") })).ToHaveCountAsync(1);
        await Expect(usa).Not.ToContainTextAsync("Propose an agreement");
        await Expect(usa).Not.ToContainTextAsync("Answer a proposal");
        await Expect(Id(briefings, "briefing-IND")).Not.ToContainTextAsync("easier-visas deal");
        await usa.ScrollIntoViewIfNeededAsync();
        await Screens(briefings, "briefing-usa");
    }

    [Fact]
    public async Task A_student_reads_the_title_of_their_country_s_briefing_once_on_the_fold_that_opens_and_closes_it()
    {
        var passes = await server.CreateSession();
        var india = await JoinAs(passes.JoinCode, "IND", "Ada", phone: false);
        var russia = await JoinAs(passes.JoinCode, "RUS", "Boris", phone: true);

        // A laptop opens the briefing, a phone keeps it folded under its title. Either way the page says "Briefing: X"
        // once (shown or not), as the heading on the fold, and the briefing under it still has its goals and red lines.
        foreach (var (page, country, name, open) in new[] { (india, "IND", "India", true), (russia, "RUS", "Russia", false) })
        {
            var title = $"Briefing: {name}";
            var fold = Id(page, "my-briefing").Locator("summary");
            await Expect(fold.GetByRole(AriaRole.Heading, new() { Name = title, Level = 2 })).ToBeVisibleAsync();
            await Expect(fold.Locator(".swatch")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToHaveCountAsync(1);
            var said = await EverythingSaid(page);
            Assert.True(Regex.Count(said, Regex.Escape(title)) == 1, $"{name}'s page says “{title}” {Regex.Count(said, Regex.Escape(title))} times");
            if (open)
            {
                await Expect(Id(page, $"briefing-{country}")).ToBeVisibleAsync();
            }
            else
            {
                await Expect(Id(page, $"briefing-{country}")).Not.ToBeVisibleAsync();
                await fold.ClickAsync();
            }

            await Expect(Id(page, $"briefing-{country}")).ToContainTextAsync("Red lines");
            await Expect(Id(page, $"briefing-{country}")).ToContainTextAsync("Goals");
        }

        await Screens(india, "student-briefing");
        await russia.Locator("[data-testid=my-briefing] summary").ClickAsync();
        await Expect(Id(russia, "briefing-RUS")).Not.ToBeVisibleAsync();
        await Screens(russia, "student-briefing-phone-folded");
    }

    [Fact]
    public async Task The_lobby_student_pages_teacher_console_classroom_screen_briefings_and_debrief_have_no_critical_or_serious_accessibility_violation()
    {
        var passes = await server.CreateSession();
        var lobby = await Open();
        await Expect(Id(lobby, "quick-start")).ToBeVisibleAsync();
        var teacher = await Open($"/teach#{Uri.EscapeDataString(passes.TeacherPass)}");
        var india = await JoinAs(passes.JoinCode, "IND", "Ada", phone: false);
        var russia = await JoinAs(passes.JoinCode, "RUS", "Boris", phone: true);
        var screen = await Open($"/screen#{Uri.EscapeDataString(passes.SpectatorPass!)}");
        await Resize(screen, 1920, 1080);
        await Id(teacher, "start").ClickAsync();
        await Id(teacher, "resolve").ClickAsync();
        await Expect(Id(india, "outcome-turn")).ToContainTextAsync("Outcome of turn 0");
        await Expect(Id(screen, "turn")).ToContainTextAsync("Turn 1");
        var debrief = await teacher.RunAndWaitForPopupAsync(() => Id(teacher, "debrief-link").ClickAsync());
        await Expect(debrief.Locator("h1")).ToContainTextAsync("Debrief");
        var briefings = await Open($"/briefings?scenario={TestScenarios.WithInjects}");
        await Expect(Id(briefings, "briefing-IND")).ToBeVisibleAsync();

        var failures = new List<string>();
        foreach (var (name, page) in new[] { ("lobby", lobby), ("student", india), ("student on a phone", russia), ("teacher", teacher), ("classroom screen", screen), ("debrief", debrief), ("briefings", briefings) })
        {
            var result = await page.RunAxe();
            failures.AddRange(result.Violations.Where(v => v.Impact is "critical" or "serious")
                .Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }

        // The phone's other tab, and the glossary open.
        await Id(russia, "tab-charts").ClickAsync();
        await Id(india, "term-capital").ClickAsync();
        foreach (var (name, page) in new[] { ("student on a phone, charts", russia), ("student with the glossary", india) })
        {
            var result = await page.RunAxe();
            failures.AddRange(result.Violations.Where(v => v.Impact is "critical" or "serious").Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task On_a_phone_the_moves_come_first_nothing_scrolls_sideways_at_360_px_and_every_control_is_at_least_44_px_tall()
    {
        var passes = await server.CreateSession();
        var phone = await JoinAs(passes.JoinCode, "IND", "Ada", phone: true);
        await Expect(Id(phone, "composer")).ToBeVisibleAsync();

        // The moves and the proposals are on the first screens; the charts wait behind their tab.
        var composer = await Id(phone, "composer").BoundingBoxAsync();
        Assert.True(composer!.Y < 1500, $"the moves start {composer.Y} px down the phone's page");
        await Expect(Id(phone, "chart-growth")).Not.ToBeVisibleAsync();
        await Id(phone, "tab-charts").ClickAsync();
        await Expect(Id(phone, "network")).ToBeVisibleAsync();
        await Expect(Id(phone, "composer")).Not.ToBeVisibleAsync();
        await Id(phone, "tab-moves").ClickAsync();

        foreach (var width in new[] { 360, 390 })
        {
            await Resize(phone, width, 844);
            await phone.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= window.innerWidth");
            var small = await phone.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('button, select, input:not([type=checkbox]):not([type=radio]), summary, .chip, .seat')]
                  .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
                  .filter((e) => e.getBoundingClientRect().height < 43.5)
                  .map((e) => `${e.tagName}[${e.getAttribute('data-testid') ?? e.className}] ${Math.round(e.getBoundingClientRect().height)} px`)
                """);
            Assert.True(small.Length == 0, $"at {width} px these controls are under 44 px tall: {string.Join(", ", small)}");
        }

        await Screens(phone, "words-phone-moves");
    }

    [Fact]
    public async Task The_country_briefings_print_one_country_a_page_without_the_page_controls()
    {
        var page = await Open($"/briefings?scenario={BaselineScenario.Id}");
        await Expect(Id(page, "briefing-EU")).ToContainTextAsync("Red lines");
        await Expect(Id(page, "briefing-IND")).ToContainTextAsync("farm goods");

        // A line that bars only easing says what easing is for that move, not a phrase that fits no move in particular.
        var india = Id(page, "briefing-IND");
        await Expect(india.Locator("li", new() { HasTextRegex = new Regex("^Lower or remove a tariff \\(tax on imports\\) on farm goods$") })).ToHaveCountAsync(1);
        await Expect(india.Locator("li", new() { HasTextRegex = new Regex("^Lower or remove a tariff \\(tax on imports\\)$") })).ToHaveCountAsync(1);
        await Expect(india.Locator("li", new() { HasTextRegex = new Regex("^Leave a group of countries$") })).ToHaveCountAsync(1);
        await Expect(Id(page, "briefing-EU").Locator("li", new() { HasTextRegex = new Regex("^Ease or lift sanctions against Russia$") })).ToHaveCountAsync(1);
        await Expect(Id(page, "briefing-EU").Locator("li", new() { HasTextRegex = new Regex("^Leave or defy the oil price cap$") })).ToHaveCountAsync(1);
        await Expect(page.Locator("main")).Not.ToContainTextAsync("to lower or lift it");
        await Expect(Id(page, "print")).ToBeVisibleAsync();

        // A printed page says whose briefing it is: each country's carries its own title.
        await Expect(page.Locator(".briefing > h2")).ToHaveCountAsync(5);
        await Expect(Id(page, "briefing-IND").Locator("h2")).ToHaveTextAsync("Briefing: India");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(Id(page, "print")).Not.ToBeVisibleAsync();
        var breaks = await page.Locator(".briefing").EvaluateAllAsync<string[]>("(all) => all.map((e) => getComputedStyle(e).breakAfter)");
        Assert.Equal(5, breaks.Length);
        Assert.All(breaks, b => Assert.Equal("page", b));

        var folder = Repository.Path("TestResults/screens");
        Directory.CreateDirectory(folder);
        var pdf = await page.PdfAsync(new() { Path = Path.Combine(folder, "briefings.pdf"), Format = "A4" });
        var pages = Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b").Count;
        Assert.InRange(pages, 5, 10);
    }

    [GeneratedRegex("[a-z][A-Z]")]
    private static partial Regex CamelCase();

    [GeneratedRegex(@"\b(IND|RUS|CHN|USA|EU)\b")]
    private static partial Regex CountryCode();

    [GeneratedRegex(@"\b[A-Z]{2,3}-\d+-[a-z0-9]{3,8}\b")]
    private static partial Regex ProposalId();
}
