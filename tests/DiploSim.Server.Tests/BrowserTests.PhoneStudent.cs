using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiploSim.Server.Tests;

/// <summary>
/// A student on a phone (and on a laptop) does not miss what happens: the teacher's notices and the clock wherever the
/// page is scrolled, the field a refusal is about, why Ready waits, and the debrief's charts in text that can be read.
/// </summary>
public sealed partial class BrowserTests
{
    [Fact]
    public async Task The_turn_line_reads_once_on_a_phone_and_on_a_laptop_and_stays_in_view_when_the_page_is_scrolled()
    {
        await using var game = await IndiaPlayingOnHerPhone();
        var (india, hub) = game;

        // How many elements the student sees that say which turn it is ("Turn 0 (turns 0–39) …", or a shorter "Turn 0 · …"), and whether one is on screen.
        async Task<string> TurnLines() => await india.EvaluateAsync<string>(@"() => {
            const shown = [...document.querySelectorAll('body *')].filter((e) => e.checkVisibility() && [...e.childNodes]
                .some((n) => n.nodeType === 3 && /^Turn 0 [(·]/.test(n.textContent.trim())));
            const onScreen = shown.some((e) => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; });
            return `${shown.length} shown, on screen: ${onScreen}`;
        }");

        foreach (var (w, h) in new[] { (390, 844), (1366, 900) })
        {
            await Resize(india, w, h);
            await india.EvaluateAsync("() => window.scrollTo(0, 0)");
            Assert.Equal("1 shown, on screen: true", await TurnLines());
            await india.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
            await india.EvaluateAsync("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
            Assert.Equal("1 shown, on screen: true", await TurnLines());
        }
        await Resize(india, 390, 844);
        await india.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Screens(india, "turn-line-once");
    }

    [Fact]
    public async Task A_student_scrolled_down_the_page_on_a_phone_or_a_laptop_sees_the_teacher_pause_fire_an_event_and_roll_back_and_the_clock_without_losing_focus()
    {
        await using var game = await IndiaPlayingOnHerPhone();
        var (india, hub) = game;

        // The student is at the foot of the page, writing to Russia.
        async Task ScrolledDownWriting()
        {
            await Id(india, "channel-RUS").ClickAsync();
            await Id(india, "message-input").FocusAsync();
            await india.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
            Assert.True(await india.EvaluateAsync<double>("() => window.scrollY") > 400, "the page is scrolled well down");
        }

        async Task Sees(string what, Regex text)
        {
            await Expect(Id(india, "notice")).ToHaveTextAsync(text);
            await InView(india, "notice", what);
            // One live region says it, once: the sticky bar does not repeat it to a screen reader.
            var regions = await india.EvaluateAsync<int>(
                "(t) => [...document.querySelectorAll('[role=status],[role=alert],[aria-live]')].filter((e) => e.textContent.includes(t)).length",
                await Id(india, "notice").TextContentAsync());
            Assert.True(regions == 1, $"{what}: {regions} live regions say the notice");
            Assert.Equal("message-input", await india.EvaluateAsync<string?>("() => document.activeElement?.dataset.testid"));
        }

        // On a phone the header is not sticky: the clock, a pause and an event must reach the student all the same.
        await Resize(india, 390, 844);
        await ScrolledDownWriting();
        await InView(india, "now-clock", "the clock on a phone");
        Assert.Null((await hub.Call("Pause", 0)).Refusal);
        await Sees("a pause on a phone", new Regex("paused"));
        await Expect(Id(india, "now")).ToContainTextAsync("paused");
        await Screens(india, "phone-paused-scrolled", scrolledDown: true);
        await Resize(india, 390, 844);
        await ScrolledDownWriting();
        Assert.Null((await hub.Call("FireInject", "ceasefire")).Refusal);
        await Sees("an event on a phone", new Regex("Ceasefire"));
        Assert.Null((await hub.Call("Resume", 0)).Refusal);
        await Sees("the game going on, on a phone", new Regex("goes on"));
        await InView(india, "now-clock", "the clock again on a phone");

        // On a laptop the header (with the clock) sticks at the top, and the notice with it.
        await Resize(india, 1366, 900);
        await ScrolledDownWriting();
        await InView(india, "countdown", "the clock on a laptop");
        Assert.Null((await hub.Call("ResolveNow", 0)).Refusal);
        await Sees("a resolved turn on a laptop", new Regex("Turn 0 is over"));
        Assert.Null((await hub.Call("RollBack", 0, "back-to-0")).Refusal);
        await Sees("a rollback on a laptop", new Regex("took the game back to turn 0"));
        await Screens(india, "laptop-rolled-back-scrolled", scrolledDown: true);
    }

    [Fact]
    public async Task On_a_phone_a_move_refused_for_a_field_above_the_screen_brings_that_field_into_view_focused_and_marked_with_the_reason()
    {
        await using var game = await IndiaPlayingOnHerPhone();
        var (india, hub) = game;

        await Id(india, "move-kind").SelectOptionAsync("SetTariff");
        await Id(india, "field-Target").SelectOptionAsync("RUS");
        var rate = Id(india, "field-Rate");
        await rate.FillAsync("5000");
        await Expect(Id(india, "preview")).ToContainTextAsync("Not allowed: see");

        // The field says it is wrong, and why, to a screen reader as well as in red.
        await Expect(rate).ToHaveAttributeAsync("aria-invalid", "true");
        var describedBy = await rate.GetAttributeAsync("aria-describedby");
        Assert.False(string.IsNullOrEmpty(describedBy));
        var reason = await india.Locator($"[id='{describedBy}']").TextContentAsync();
        Assert.Equal(await Id(india, "error-Rate").TextContentAsync(), reason);
        Assert.Contains("rate", reason, StringComparison.OrdinalIgnoreCase);

        // The student scrolls down to the plan: the field is above the screen's edge.
        await india.EvaluateAsync("() => { window.scrollBy(0, document.querySelector('[data-testid=field-Rate]').getBoundingClientRect().bottom + 40); document.activeElement?.blur(); }");
        Assert.True(await rate.EvaluateAsync<double>("(e) => e.getBoundingClientRect().bottom") < 0, "the rate is above the screen");

        // The refusal's line names the field; tapping the name brings it back, focused (without Playwright's own scrolling).
        await Id(india, "refused-field").EvaluateAsync("(b) => b.click()");
        await Expect(rate).ToBeFocusedAsync();
        await InView(india, "field-Rate", "the refused field");
        Directory.CreateDirectory(Repository.Path("TestResults/screens"));
        await india.ScreenshotAsync(new() { Path = Repository.Path("TestResults/screens/refused-field-390x844.png") });

        // On a laptop too: scrolled down to the foot of the page, the name brings the field back under the sticky header.
        await Resize(india, 1366, 900);
        await india.EvaluateAsync("() => { window.scrollTo(0, document.documentElement.scrollHeight); document.activeElement?.blur(); }");
        Assert.True(await rate.EvaluateAsync<double>("(e) => e.getBoundingClientRect().bottom") < 0, "the rate is above the laptop's window");
        await Id(india, "refused-field").EvaluateAsync("(b) => b.click()");
        await Expect(rate).ToBeFocusedAsync();
        await InView(india, "field-Rate", "the refused field on a laptop");
        await india.ScreenshotAsync(new() { Path = Repository.Path("TestResults/screens/refused-field-1366x900.png") });
        await Resize(india, 390, 844);

        // A fitting rate clears the mark.
        await rate.FillAsync("50");
        await Expect(Id(india, "preview")).ToContainTextAsync("50% tariff");
        await Expect(rate).Not.ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task On_a_laptop_scrolled_down_with_no_notice_the_page_shows_through_the_notice_bar_and_takes_its_clicks()
    {
        var passes = await server.CreateSession();
        var india = await JoinAs(passes.JoinCode, "IND", "Ada", phone: false);
        await Expect(Id(india, "turn")).ToContainTextAsync("waiting to start");
        await Resize(india, 1366, 900);
        await Expect(Id(india, "notice")).ToBeEmptyAsync();
        await india.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");

        // The bar keeps its place under the header (nothing moves when a notice comes) but is no blank band.
        var bar = await india.EvaluateAsync<string[]>("() => { const s = getComputedStyle(document.querySelector('.now-bar')); return [s.position, s.backgroundColor, s.pointerEvents]; }");
        Assert.Equal(["sticky", "rgba(0, 0, 0, 0)", "none"], bar);
        await Screens(india, "laptop-no-notice-scrolled", scrolledDown: true);

        // With a notice it is the yellow strip again, above what scrolls under it.
        await using var hub = await server.Connect(passes.TeacherPass);
        Assert.Null((await hub.Call("Start")).Refusal);
        Assert.Null((await hub.Call("Pause", 0)).Refusal);
        await Expect(Id(india, "notice")).ToContainTextAsync("paused");
        Assert.Equal("auto", await india.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.now-bar')).pointerEvents"));
    }

    [Fact]
    public async Task Before_the_teacher_starts_the_game_I_m_ready_is_disabled_and_says_why_beside_it()
    {
        var passes = await server.CreateSession();
        var india = await JoinAs(passes.JoinCode, "IND", "Ada", phone: true);
        // A second student, so India's Ready does not end the turn at once.
        await JoinAs(passes.JoinCode, "RUS", "Boris", phone: false);
        await Expect(Id(india, "turn")).ToContainTextAsync("waiting to start");
        await Expect(Id(india, "ready")).ToBeDisabledAsync();
        await Expect(Id(india, "ready-why")).ToHaveTextAsync("The game has not started yet.");
        await Expect(Id(india, "ready")).ToHaveAttributeAsync("aria-describedby", (await Id(india, "ready-why").GetAttributeAsync("id"))!);
        await Screens(india, "phone-ready-before-start");

        await using var hub = await server.Connect(passes.TeacherPass);
        Assert.Null((await hub.Call("Start")).Refusal);
        await Expect(Id(india, "ready")).ToBeEnabledAsync();
        await Expect(Id(india, "ready-why")).ToHaveCountAsync(0);
        await Id(india, "ready").ClickAsync();
        await Expect(Id(india, "ready")).ToContainTextAsync("Ready ✓");
        await Expect(Id(india, "waiting-for")).ToHaveTextAsync("Waiting for Russia.");
    }

    [Fact]
    public async Task On_a_phone_the_debrief_s_charts_write_their_axes_and_country_names_at_12_px_or_more()
    {
        var passes = await server.CreateSession();
        var teacher = await Open($"/teach#{Uri.EscapeDataString(passes.TeacherPass)}");
        await JoinAs(passes.JoinCode, "IND", "Ada", phone: true);
        await using var hub = await server.Connect(passes.TeacherPass);
        Assert.Null((await hub.Call("Start")).Refusal);
        Assert.Null((await hub.Call("ResolveNow", 0)).Refusal);
        Assert.Null((await hub.Call("ResolveNow", 1)).Refusal);
        await Expect(Id(teacher, "timeline")).ToContainTextAsync("turn 1 is over");
        var debrief = await teacher.RunAndWaitForPopupAsync(() => Id(teacher, "debrief-link").ClickAsync());
        await Expect(debrief.Locator("h1")).ToContainTextAsync("Debrief");

        foreach (var (width, height) in new[] { (390, 844), (360, 740), (320, 568), (1366, 900) })
        {
            await Resize(debrief, width, height);
            // Each text the charts draw, as the screen shows it: its font size times the scale its SVG is drawn at, and
            // whether it stays inside its chart's box.
            var texts = await debrief.EvaluateAsync<ChartText[]>("""
                () => [...document.querySelectorAll('figure.chart svg')].filter((s) => s.getClientRects().length > 0).flatMap((svg) => {
                  const box = svg.getBoundingClientRect();
                  const scale = svg.clientWidth / svg.viewBox.baseVal.width; // inside its border
                  return [...svg.querySelectorAll('text')].map((t) => {
                    const r = t.getBoundingClientRect();
                    return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
                      inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5 };
                  });
                })
                """);
            Assert.True(texts.Length >= 3 * 5, $"at {width} px the charts draw {texts.Length} texts");
            Assert.All(texts, t => Assert.True(t.Px >= 12, $"at {width} px “{t.Text}” is {t.Px:F1} px"));
            Assert.All(texts, t => Assert.True(t.Inside, $"at {width} px “{t.Text}” runs out of its chart"));
            Assert.Contains(texts, t => t.Text == "India");
            // Three charts, each shown once.
            Assert.Equal(3, await debrief.EvaluateAsync<int>("() => [...document.querySelectorAll('figure.chart svg')].filter((s) => s.getClientRects().length > 0).length"));
        }

        await Screens(debrief, "debrief-charts");
        await Resize(debrief, 320, 568);
        await debrief.ScreenshotAsync(new() { Path = Repository.Path("TestResults/screens/debrief-charts-320x568.png"), FullPage = true });
    }

    /// <summary>A text a debrief chart draws: its words, its size on the screen in px, and whether it stays inside its chart.</summary>
    private sealed class ChartText
    {
        public string Text { get; set; } = string.Empty;

        public double Px { get; set; }

        public bool Inside { get; set; }
    }

    /// <summary>Waits until the element is wholly inside the window and on top at its middle (no sticky bar over it).</summary>
    private static async Task InView(IPage page, string testId, string what)
    {
        try
        {
            await page.WaitForFunctionAsync("""
                (id) => {
                  const e = [...document.querySelectorAll(`[data-testid="${id}"]`)].find((x) => x.getClientRects().length > 0);
                  if (!e) return false;
                  const r = e.getBoundingClientRect();
                  if (r.top < 0 || r.bottom > window.innerHeight || r.height === 0) return false;
                  const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + r.height / 2);
                  return !!hit && (hit === e || e.contains(hit));
                }
                """, testId, new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            var where = await page.EvaluateAsync<string>("""
                (id) => { const e = document.querySelector(`[data-testid="${id}"]`); if (!e) return 'not on the page';
                  const r = e.getBoundingClientRect(); return `top ${r.top}, bottom ${r.bottom} of ${window.innerHeight}, scrolled ${window.scrollY}`; }
                """, testId);
            Assert.Fail($"{what}: {testId} is not in view ({where})");
        }
    }
}
