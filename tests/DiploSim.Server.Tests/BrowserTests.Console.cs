using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiploSim.Server.Tests;

/// <summary>The teacher's console during a class: who lost the connection, what was fired, how much time the clock got, and a clock that tells the truth.</summary>
public sealed partial class BrowserTests
{
    [Fact]
    public async Task The_console_says_when_a_student_s_page_closes_and_the_seat_stays_hers_until_she_is_back()
    {
        var passes = await server.CreateSession();
        var teacher = await Open($"/teach#{Uri.EscapeDataString(passes.TeacherPass)}");
        var india = await JoinAs(passes.JoinCode, "IND", "Ada", phone: true);
        await JoinAs(passes.JoinCode, "RUS", "Boris", phone: false);
        await Id(teacher, "start").ClickAsync();
        await Expect(Id(teacher, "phase")).ToHaveAttributeAsync("data-phase", "Running");
        await Expect(Id(teacher, "seat-IND")).ToContainTextAsync("Ada");
        await Expect(Id(teacher, "lost-IND")).ToHaveCountAsync(0);

        // Her phone's page closes (no Leave): the console says so in words, with when, and nobody else's seat.
        var address = india.Url;
        var phone = india.Context;
        await india.CloseAsync();
        await Expect(Id(teacher, "lost-IND")).ToHaveTextAsync(new Regex("^connection lost (just now|[0-9]+ s ago)$"));
        await Expect(Id(teacher, "lost-RUS")).ToHaveCountAsync(0);

        // The seat is still hers: the computer does not play it, and no event was written.
        var computer = Id(teacher, "seat-IND").Locator("td").Nth(3);
        await Expect(computer).ToHaveTextAsync(string.Empty);
        await Expect(Id(teacher, "timeline")).Not.ToContainTextAsync("left");
        await Screens(teacher, "console-connection-lost");

        // She opens her page again: back to normal.
        var again = await phone.NewPageAsync();
        await again.GotoAsync(address);
        await Expect(Id(again, "connection")).ToHaveTextAsync("connected");
        await Expect(Id(teacher, "lost-IND")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_event_fired_reads_as_fired_at_its_turn_and_the_timeline_says_how_much_time_the_clock_got()
    {
        var passes = await server.CreateSession();
        var teacher = await Open($"/teach#{Uri.EscapeDataString(passes.TeacherPass)}");
        await Id(teacher, "start").ClickAsync();
        await Expect(Id(teacher, "phase")).ToHaveAttributeAsync("data-phase", "Running");
        var ceasefire = Id(teacher, "inject").Locator("option[value='ceasefire']");
        await Expect(ceasefire).ToHaveTextAsync("Ceasefire announced");

        await Id(teacher, "fire-inject").ClickAsync();
        await Expect(Id(teacher, "notice")).ToHaveTextAsync("The news event “Ceasefire announced” is out.");

        // Fired in this turn: marked, and not offered again in it (the session takes it once a turn).
        await Expect(ceasefire).ToHaveTextAsync("Ceasefire announced — fired at turn 0");
        await Expect(ceasefire).ToHaveJSPropertyAsync("disabled", true);
        await Expect(Id(teacher, "fired-once")).ToContainTextAsync("once a turn");
        await Expect(Id(teacher, "fire-inject")).ToBeDisabledAsync();
        await Expect(Id(teacher, "fire-inject")).ToHaveAttributeAsync("title", "This event was fired in turn 0 already: it takes effect once, when the turn ends.");
        await Expect(Id(teacher, "inject-fired")).ToHaveTextAsync("This event was fired in turn 0 already: it takes effect once, when the turn ends.");

        await Id(teacher, "extend").ClickAsync();
        await Expect(Id(teacher, "timeline")).ToContainTextAsync("the clock got 1 more minute");
        await Screens(teacher, "console-fired-and-extended");

        // A turn later it can be fired again, and says when it was.
        await Id(teacher, "resolve").ClickAsync();
        await Expect(Id(teacher, "timeline")).ToContainTextAsync("turn 0 is over");
        await Expect(ceasefire).ToHaveJSPropertyAsync("disabled", false);
        await Expect(Id(teacher, "fire-inject")).ToBeEnabledAsync();
        await Expect(ceasefire).ToHaveTextAsync("Ceasefire announced — fired at turn 0");
        await Expect(Id(teacher, "inject-fired")).ToHaveTextAsync("Ceasefire announced — fired at turn 0");
        await Id(teacher, "fire-inject").ClickAsync();
        await Expect(ceasefire).ToHaveTextAsync("Ceasefire announced — fired at turns 0 & 1");
    }

    [Fact]
    public async Task A_page_opened_before_the_start_never_shows_more_than_the_turn_s_length()
    {
        var passes = await server.CreateSession(); // turns of an hour
        var teacher = await Open($"/teach#{Uri.EscapeDataString(passes.TeacherPass)}");
        var screen = await Open($"/screen#{Uri.EscapeDataString(passes.SpectatorPass!)}");
        await Expect(Id(screen, "turn")).ToContainTextAsync("waiting to start");

        // Every text the screen's clock shows, from its first draw.
        await screen.EvaluateAsync("""
            () => {
              window.shown = [];
              new MutationObserver(() => {
                const c = document.querySelector('[data-testid=countdown]');
                if (c) window.shown.push(c.textContent);
              }).observe(document.body, { subtree: true, childList: true, characterData: true });
            }
            """);

        // The class waits a few seconds in the lobby (the time a stale clock would add), then the teacher starts.
        await screen.WaitForTimeoutAsync(3_000);
        await Id(teacher, "start").ClickAsync();
        await Expect(Id(screen, "countdown")).ToHaveTextAsync(new Regex("^59:5[0-9]$"));

        var shown = await screen.EvaluateAsync<string[]>("() => window.shown");
        Assert.NotEmpty(shown);
        Assert.All(shown, s => Assert.True(Seconds(s) <= 3600, $"the screen showed {s} on a turn of 60:00 ({string.Join(", ", shown.Distinct())})"));

        // The console and the screen agree within a second.
        var (a, b) = (Seconds(await Id(teacher, "countdown").TextContentAsync()), Seconds(await Id(screen, "countdown").TextContentAsync()));
        Assert.InRange(Math.Abs(a - b), 0, 1);
    }

    private static int Seconds(string? clock)
    {
        var parts = clock!.Split(':');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 60) + int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
