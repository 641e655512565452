using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DiploSim.Scenarios;
using DiploSim.Server.Hub;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiploSim.Server.Tests;

/// <summary>The classroom screen on a projector: one screen, nothing to scroll during class.</summary>
public sealed partial class BrowserTests
{
    [Fact]
    public async Task The_classroom_screen_fits_its_table_map_tariffs_chart_and_news_on_one_projector_screen_from_1024x768_to_1920x1080_without_overlap_or_small_text()
    {
        var (screen, teacher) = await ScreenAfterATurnWithPrograms();
        await using var hub = teacher;
        await Expect(Id(screen, "indicators").Locator("tbody tr")).ToHaveCountAsync(5);
        await Expect(Id(screen, "network")).ToBeVisibleAsync();
        await Expect(screen.Locator("canvas[data-testid=chart-utility]")).ToBeVisibleAsync();
        await Expect(Id(screen, "ticker").Locator("span").First).ToBeVisibleAsync();
        // The baseline's tariffs in force of 15% or more (eight lines at its start): the three highest, and a count of the rest.
        await Expect(Id(screen, "screen-tariffs-in-force").Locator("li:not([data-testid=screen-tariffs-more])")).ToHaveCountAsync(3);
        await Expect(Id(screen, "screen-tariffs-more")).ToHaveTextAsync(new Regex("^… and [0-9]+ more of 15% or more\\.$"));

        foreach (var (width, height) in new[] { (1366, 900), (1920, 1080), (1024, 768) })
        {
            await Resize(screen, width, height);
            await screen.EvaluateAsync("() => window.scrollTo(0, 0)");
            // Wait for the chart to follow the new size (its resize observer), then measure.
            await screen.WaitForFunctionAsync("""
                () => { const c = document.querySelector('canvas[data-testid=chart-utility]'); const a = c.parentElement.getBoundingClientRect();
                        return Math.abs(c.getBoundingClientRect().height - a.height) < 2 && Math.abs(c.getBoundingClientRect().width - a.width) < 2; }
                """, null, new() { Timeout = 10_000 });
            var layout = await screen.EvaluateAsync<JsonElement>("""
                () => {
                  const box = (sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return { sel, top: r.top, left: r.left, bottom: r.bottom, right: r.right }; };
                  const boxes = [box('[data-testid=indicators]'), box('[data-testid=network]'), box('canvas[data-testid=chart-utility]'), box('[data-testid=screen-tariffs]'), box('[data-testid=ticker]'), box('[data-testid=turn]'), box('h1')];
                  // The smallest text the screen shows: every element with text of its own, and the chart's own font.
                  const sizes = [...document.querySelectorAll('main.screen *')]
                    .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '') && e.getClientRects().length > 0 && !e.closest('.sr-only, dialog'))
                    .map((e) => ({ text: e.textContent.trim().slice(0, 30), px: parseFloat(getComputedStyle(e).fontSize) }));
                  const svg = document.querySelector('[data-testid=network]');
                  const scale = Math.min(svg.getBoundingClientRect().width / svg.viewBox.baseVal.width, svg.getBoundingClientRect().height / svg.viewBox.baseVal.height);
                  for (const t of svg.querySelectorAll('text')) sizes.push({ text: t.textContent, px: parseFloat(t.getAttribute('font-size')) * scale });
                  sizes.push({ text: 'chart', px: Number(document.querySelector('canvas[data-testid=chart-utility]').dataset.font) });
                  sizes.sort((a, b) => a.px - b.px);
                  return { boxes, smallest: sizes[0], scrollHeight: document.documentElement.scrollHeight, scrollWidth: document.documentElement.scrollWidth };
                }
                """);
            var boxes = layout.GetProperty("boxes").EnumerateArray().Select(b => (
                Sel: b.GetProperty("sel").GetString()!, Top: b.GetProperty("top").GetDouble(), Left: b.GetProperty("left").GetDouble(),
                Bottom: b.GetProperty("bottom").GetDouble(), Right: b.GetProperty("right").GetDouble())).ToList();
            var shot = Path.Combine(Repository.Path("TestResults/screens"), $"screen-window-{width}x{height}.png");
            await screen.ScreenshotAsync(new() { Path = shot });

            // The map and the chart (and the table, the news and the turn) lie inside the window: nothing below the fold.
            foreach (var b in boxes)
            {
                Assert.True(b.Top >= 0 && b.Left >= 0 && b.Bottom <= height + 0.5 && b.Right <= width + 0.5,
                    $"At {width}x{height} {b.Sel} spans ({b.Left:0},{b.Top:0})–({b.Right:0},{b.Bottom:0}), outside the window");
            }

            Assert.True(layout.GetProperty("scrollHeight").GetDouble() <= height, $"At {width}x{height} the page scrolls to {layout.GetProperty("scrollHeight")} px");
            Assert.True(layout.GetProperty("scrollWidth").GetDouble() <= width, $"At {width}x{height} the page is {layout.GetProperty("scrollWidth")} px wide");

            // The tariffs above the chart leave it room to be read: a chart squeezed to a strip would pass every other check.
            var chart = boxes.Single(b => b.Sel.StartsWith("canvas", StringComparison.Ordinal));
            Assert.True(chart.Bottom - chart.Top >= 120, $"At {width}x{height} the score chart is {chart.Bottom - chart.Top:0} px tall");

            // No two of them overlap.
            for (var i = 0; i < boxes.Count; i++)
            {
                for (var j = i + 1; j < boxes.Count; j++)
                {
                    var (a, b) = (boxes[i], boxes[j]);
                    var overlap = a.Left < b.Right - 0.5 && b.Left < a.Right - 0.5 && a.Top < b.Bottom - 0.5 && b.Top < a.Bottom - 0.5;
                    Assert.False(overlap, $"At {width}x{height} {a.Sel} and {b.Sel} overlap");
                }
            }

            // Read from the back of the room: no text under 14 px, the map's names included.
            var smallest = layout.GetProperty("smallest");
            Assert.True(smallest.GetProperty("px").GetDouble() >= 14, $"At {width}x{height} \"{smallest.GetProperty("text")}\" is {smallest.GetProperty("px").GetDouble():0.#} px");
        }

        // On a phone the screen is one column that scrolls up and down, never sideways.
        await Screens(screen, "screen-fits");
        Assert.Null((await hub.Call("End")).Refusal);
    }

    [Fact]
    public async Task The_classroom_screen_lists_a_tariff_a_student_announces_until_it_lands_and_then_among_the_highest_in_force()
    {
        var passes = await server.CreateSession();
        var india = await JoinAs(passes.JoinCode, "IND", "Ada", phone: true);
        var screen = await Open($"/screen#{Uri.EscapeDataString(passes.SpectatorPass!)}");
        await using var hub = await server.Connect(passes.TeacherPass);
        Assert.Null((await hub.Call("Start")).Refusal);
        await Expect(Id(india, "turn")).ToContainTextAsync("playing");
        var inForce = Id(screen, "screen-tariffs-in-force");
        const string landed = "India on Russia’s technology: 40%";
        await Expect(inForce.Locator("li").First).ToHaveTextAsync("United States on India’s farm goods, industrial goods & other goods: 50%");
        await Expect(Id(screen, "screen-tariffs-announced")).ToHaveCountAsync(0);

        // On her phone India's student reads the turns the field takes before typing any, and announces 40% on Russian
        // technology to take effect in 2 turns (turn 2).
        await Id(india, "move-kind").SelectOptionAsync("SetTariff");
        await Id(india, "field-Target").SelectOptionAsync("RUS");
        await Id(india, "field-Sector").SelectOptionAsync("Technology");
        await Id(india, "field-Rate").FillAsync("40");
        await Expect(Id(india, "field-InTurns")).ToHaveAttributeAsync("placeholder", "0 (this turn) to 20");
        await Screens(india, "tariff-form-turns-hint");
        // Outside that range the field says why, whichever way it is out.
        foreach (var (typed, shown) in new[] { ("-1", "-1"), ("1e9", "1000000000") })
        {
            await Id(india, "field-InTurns").FillAsync(typed);
            await Expect(Id(india, "error-InTurns")).ToHaveTextAsync($"a tariff takes effect 0 to 20 turns on, not {shown}");
        }

        await Id(india, "field-InTurns").FillAsync("2");
        await Id(india, "add-move").ClickAsync();
        await Id(india, "submit").ClickAsync();
        await Expect(Id(india, "submit-status")).ToContainTextAsync("sent");
        Assert.Null((await hub.Call("ResolveNow", 0)).Refusal);

        // The classroom screen lists it as announced, with the turn it lands, and not yet among the rates in force.
        await Expect(Id(screen, "turn")).ToContainTextAsync("Turn 1 ");
        await Expect(Id(screen, "screen-tariffs-announced").Locator("li", new() { HasText = "India" })).ToHaveTextAsync("India on Russia’s technology: 40% from turn 2");
        await Expect(inForce.Locator("li", new() { HasText = landed })).ToHaveCountAsync(0);
        await Screens(screen, "screen-tariff-announced");

        // It lands in turn 2: the line moves from the announced to the rates in force, among the three highest.
        Assert.Null((await hub.Call("ResolveNow", 1)).Refusal);
        await Expect(Id(screen, "turn")).ToContainTextAsync("Turn 2 ");
        await Expect(Id(screen, "screen-tariffs-announced").Locator("li", new() { HasText = "India" })).ToHaveCountAsync(1);
        Assert.Null((await hub.Call("ResolveNow", 2)).Refusal);
        await Expect(Id(screen, "turn")).ToContainTextAsync("Turn 3 ");
        await Expect(inForce.Locator("li", new() { HasText = landed })).ToHaveTextAsync(landed);
        await Expect(screen.Locator("[data-testid=screen-tariffs-announced] li", new() { HasText = "India" })).ToHaveCountAsync(0);
        await Screens(screen, "screen-tariff-in-force");
        Assert.Null((await hub.Call("End")).Refusal);
    }

    /// <summary>
    /// The classroom screen of a session of five countries after a turn (figures, a score chart with a line, news), two
    /// of them played by programs (the longest marks in its table: India by a remote agent, the United States by the
    /// rule agent), the others by students and the computer; with the teacher's hub, which ends the session.
    /// </summary>
    private async Task<(IPage Screen, GameClient Hub)> ScreenAfterATurnWithPrograms()
    {
        var response = await server.Http.PostAsJsonAsync("/api/sessions", new { ScenarioId = BaselineScenario.Id, TurnSeconds = 3600, HumanSeats = new[] { "IND", "RUS", "USA" }, Press = "Open", Seed = 21UL });
        var passes = (await response.Content.ReadFromJsonAsync<SessionPassesDto>())!;
        var india = await server.Join(passes.JoinCode, "IND", "Lab team");
        await Agent(HttpMethod.Get, "/api/agent/game", india.Pass);
        await Agent(HttpMethod.Post, "/api/agent/seats", passes.TeacherPass, """{"country":"USA","agent":"rule"}""");
        var hub = await server.Connect(passes.TeacherPass);
        Assert.Null((await hub.Call("Start")).Refusal);
        Assert.Null((await hub.Call("ResolveNow", 0)).Refusal);

        var screen = await Open($"/screen#{Uri.EscapeDataString(passes.SpectatorPass!)}");
        await Expect(Id(screen, "turn")).ToContainTextAsync("Turn 1 ");
        await Expect(Id(screen, "agent-USA")).ToHaveTextAsync("⚙ played by agent rule");
        await Expect(Id(screen, "agent-IND")).ToHaveTextAsync("⚙ played by a remote agent");
        return (screen, hub);
    }
}
