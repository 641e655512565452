using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using DiploSim.Scenarios;
using DiploSim.Server.Hub;
using static Microsoft.Playwright.Assertions;

namespace DiploSim.Server.Tests;

/// <summary>Seats played by programs (docs/agents.md), as the classroom sees them.</summary>
public sealed partial class BrowserTests
{
    [Fact]
    public async Task The_console_the_screen_and_a_players_page_mark_the_seats_agents_play_and_the_console_shows_their_negotiation_round()
    {
        var response = await server.Http.PostAsJsonAsync("/api/sessions", new { ScenarioId = BaselineScenario.Id, TurnSeconds = 3600, HumanSeats = new[] { "IND", "RUS", "USA" }, Press = "Open", Seed = 21UL, NegotiationRounds = 1 });
        var passes = (await response.Content.ReadFromJsonAsync<SessionPassesDto>())!;
        var india = await server.Join(passes.JoinCode, "IND", "Lab team");
        var usa = await server.Join(passes.JoinCode, "USA", "Grace");
        var teacher = await Open($"/teach#{Uri.EscapeDataString(passes.TeacherPass)}");
        await Expect(Id(teacher, "seat-IND")).ToContainTextAsync("Lab team");
        await Expect(Id(teacher, "agent-IND")).ToHaveCountAsync(0);

        // India's pass speaks the protocol over HTTP, and the teacher hands Russia to the server's rule agent: the open
        // console marks both as they happen.
        await Agent(HttpMethod.Get, "/api/agent/game", india.Pass);
        await Agent(HttpMethod.Post, "/api/agent/seats", passes.TeacherPass, """{"country":"RUS","agent":"rule"}""");
        await Expect(Id(teacher, "agent-IND")).ToHaveTextAsync("⚙ played by a remote agent");
        await Expect(Id(teacher, "seat-IND")).ToContainTextAsync("Lab team");
        await Expect(Id(teacher, "agent-RUS")).ToHaveTextAsync("⚙ played by agent rule");
        await Expect(Id(teacher, "agent-USA")).ToHaveCountAsync(0);
        await Expect(Id(teacher, "timeline")).ToContainTextAsync("Russia is now played by the agent “rule”");

        var screen = await Open($"/screen#{Uri.EscapeDataString(passes.SpectatorPass!)}");
        await Expect(Id(screen, "agent-RUS")).ToHaveTextAsync("⚙ played by agent rule");
        await Expect(Id(screen, "agent-IND")).ToHaveTextAsync("⚙ played by a remote agent");

        // The American student sees, where she writes to them, that India and Russia are programs.
        var player = await Open($"/play#{Uri.EscapeDataString(usa.Pass)}");
        await Expect(Id(player, "agent-RUS")).ToHaveAttributeAsync("aria-label", "played by agent rule");
        await Expect(Id(player, "channel-RUS")).ToContainTextAsync("agent");
        await Expect(Id(player, "agent-CHN")).ToHaveCountAsync(0);

        await Screens(teacher, "agent-seats-console");
        await Screens(screen, "agent-seats-screen");

        // Started, the turn waits in its negotiation round for India's program (Russia's answers at once); India answers
        // and the console says the programs move.
        await using var hub = await server.Connect(passes.TeacherPass);
        await Expect(Id(teacher, "round")).ToHaveCountAsync(0);
        Assert.Null((await hub.Call("Start")).Refusal);
        await Expect(Id(teacher, "round")).ToHaveTextAsync("programs negotiate: round 1 of 1");
        await Agent(HttpMethod.Post, "/api/agent/action", india.Pass, """{"type":"action","decision":1,"messages":[{"to":"RUS","text":"Talk?"}]}""");
        await Expect(Id(teacher, "round")).ToHaveTextAsync("programs move (negotiation over)");

        Assert.Null((await hub.Call("End")).Refusal);
    }

    [Fact]
    public async Task The_classroom_screen_shows_every_column_of_its_countries_table_without_scrolling_sideways_on_a_1366_and_a_1920_projector()
    {
        // Five countries, two of them marked as played by programs (the longest names and marks), after a turn (the
        // longest figures).
        var (screen, teacher) = await ScreenAfterATurnWithPrograms();
        await using var hub = teacher;
        foreach (var (width, height) in new[] { (1366, 900), (1920, 1080) })
        {
            await Resize(screen, width, height);
            // The table is no wider than its box (nothing in a sideways scroll), and its last column ends inside the window.
            try
            {
                await screen.WaitForFunctionAsync("""
                    () => { const t = document.querySelector('[data-testid=indicators]');
                            return t.scrollWidth <= t.parentElement.clientWidth + 1 && t.getBoundingClientRect().right <= window.innerWidth; }
                    """, null, new() { Timeout = 10_000 });
            }
            catch (TimeoutException)
            {
                var sizes = await screen.EvaluateAsync<string>("() => { const t = document.querySelector('[data-testid=indicators]'); return `${t.scrollWidth} px in a box of ${t.parentElement.clientWidth} px`; }");
                Assert.Fail($"At {width}x{height} the screen's table is cut off: {sizes}");
            }

            foreach (var head in new[] { "Stability", "Score", "Ready" })
            {
                await Expect(Id(screen, "indicators").Locator("th", new() { HasText = head })).ToBeInViewportAsync(new() { Ratio = 1 });
            }

            await screen.ScreenshotAsync(new() { Path = Path.Combine(Repository.Path("TestResults/screens"), $"screen-table-{width}x{height}.png"), FullPage = true });
        }

        Assert.Null((await hub.Call("End")).Refusal);
    }

    private async Task Agent(HttpMethod method, string path, string pass, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", pass);
        using var answer = await server.Http.SendAsync(request);
        answer.EnsureSuccessStatusCode();
    }
}
