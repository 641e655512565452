using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiploSim.Server.Tests;

/// <summary>The console's controls in each phase of a session, as a teacher in front of a class sees them.</summary>
public sealed partial class BrowserTests
{
    [Fact]
    public async Task The_console_offers_only_the_controls_that_act_in_the_session_s_phase_and_says_why_the_others_do_not()
    {
        var teacher = await Open();
        await Id(teacher, "scenario").SelectOptionAsync(TestScenarios.WithInjects);
        await Id(teacher, "create").ClickAsync();
        await Expect(Id(teacher, "phase")).ToHaveAttributeAsync("data-phase", "Lobby");

        // In the lobby the game can be started (or ended), not paused, resumed, resolved, extended or rolled back.
        await Expect(Id(teacher, "start")).ToBeEnabledAsync();
        await Expect(Id(teacher, "end")).ToBeEnabledAsync();
        foreach (var id in new[] { "pause", "resume", "resolve", "extend", "rollback" })
        {
            await Expect(Id(teacher, id)).ToBeDisabledAsync();
        }

        await Expect(Id(teacher, "pause")).ToHaveAccessibleDescriptionAsync("The game has not started yet: Start begins it.");
        await Expect(Id(teacher, "controls-now")).ToHaveTextAsync("The game has not started: Start begins it when the class is ready.");

        // Once it runs, Start is greyed out and says the game has started, beside the notice that it did, in a sentence
        // about the game rather than the button's name; Pause works.
        await Id(teacher, "start").ClickAsync();
        await Expect(Id(teacher, "phase")).ToHaveAttributeAsync("data-phase", "Running");
        await Expect(Id(teacher, "notice")).ToHaveTextAsync("The game has started.");

        // Turns count from the session's first, 0, in the header as in the picker of the turn to go back to or branch
        // from, which offers the turns played and the one under way: the last of the 40 turns is turn 39, not "40".
        await Expect(Id(teacher, "phase")).ToContainTextAsync("turn 0 (turns 0–39)");
        await Expect(Id(teacher, "turn-input")).ToHaveValueAsync("0");
        await Expect(Id(teacher, "turn-input")).ToHaveAttributeAsync("min", "0");
        await Expect(Id(teacher, "turn-input")).ToHaveAttributeAsync("max", "0");
        await Expect(Id(teacher, "start")).ToBeDisabledAsync();
        await Expect(Id(teacher, "start")).ToHaveAttributeAsync("title", "The game has already started.");
        await Expect(Id(teacher, "start")).ToHaveAccessibleDescriptionAsync("The game has already started.");
        await Expect(Id(teacher, "resume")).ToBeDisabledAsync();
        await Expect(Id(teacher, "resume")).ToHaveAccessibleDescriptionAsync("The game is running: there is nothing to resume.");
        await Expect(Id(teacher, "rollback")).ToBeDisabledAsync();
        await Expect(Id(teacher, "rollback")).ToHaveAccessibleDescriptionAsync("No turn has been played yet, so there is none to go back to.");
        foreach (var id in new[] { "pause", "resolve", "extend", "end", "fire-inject", "fire-shock", "fork" })
        {
            await Expect(Id(teacher, id)).ToBeEnabledAsync();
            await Expect(Id(teacher, id)).Not.ToHaveAttributeAsync("title", new Regex("."));
        }

        // A phone or a tablet never shows a greyed-out button's title: a line with the buttons says what they can do now,
        // in view without scrolling on a phone and on a laptop.
        await Expect(Id(teacher, "controls-now")).ToHaveTextAsync("The game is running: Pause stops the clock, Resolve now ends the turn at once.");
        await InViewAtOnce(teacher, "controls-now");
        await Screens(teacher, "controls-running");

        // Paused: Resume works and Pause does not; the turn can still be resolved, but a stopped clock is not extended.
        await Id(teacher, "pause").ClickAsync();
        await Expect(Id(teacher, "phase")).ToHaveAttributeAsync("data-phase", "Paused");
        await Expect(Id(teacher, "notice")).ToHaveTextAsync("The game is paused.");
        await Expect(Id(teacher, "resume")).ToBeEnabledAsync();
        await Expect(Id(teacher, "pause")).ToBeDisabledAsync();
        await Expect(Id(teacher, "pause")).ToHaveAccessibleDescriptionAsync("The game is already paused.");
        await Expect(Id(teacher, "start")).ToHaveAccessibleDescriptionAsync("The game has already started and is paused: Resume carries it on.");
        await Expect(Id(teacher, "resolve")).ToBeEnabledAsync();
        await Expect(Id(teacher, "extend")).ToBeDisabledAsync();
        await Expect(Id(teacher, "controls-now")).ToHaveTextAsync("The game is paused: Resume carries it on, Resolve now still ends the turn.");
        await InViewAtOnce(teacher, "controls-now");
        await Screens(teacher, "controls-paused");

        // Resume runs the game again, with its clock; once a turn is played it can be rolled back.
        await Id(teacher, "resume").ClickAsync();
        await Expect(Id(teacher, "phase")).ToHaveAttributeAsync("data-phase", "Running");
        await Expect(Id(teacher, "notice")).ToHaveTextAsync("The game goes on.");
        await Expect(Id(teacher, "pause")).ToBeEnabledAsync();
        await Expect(Id(teacher, "resume")).ToBeDisabledAsync();
        await Expect(Id(teacher, "extend")).ToBeEnabledAsync();
        await Id(teacher, "resolve").ClickAsync();
        await Expect(Id(teacher, "timeline")).ToContainTextAsync("turn 0 is over");
        await Expect(Id(teacher, "notice")).ToHaveTextAsync("Turn 0 is over.");
        await Expect(Id(teacher, "phase")).ToContainTextAsync("turn 1 (turns 0–39)");
        await Expect(Id(teacher, "turn-input")).ToHaveAttributeAsync("max", "1");
        await Expect(Id(teacher, "rollback")).ToBeEnabledAsync();

        // Going back pauses the game, and the notice says so and what starts its clock again: the clock has gone from the
        // header and a teacher should not have to guess why. Resolve now plays the turn again.
        teacher.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Id(teacher, "turn-input").FillAsync("0");
        await Id(teacher, "rollback").ClickAsync();
        await Expect(Id(teacher, "phase")).ToHaveAttributeAsync("data-phase", "Paused");
        await Expect(Id(teacher, "notice")).ToHaveTextAsync("The game went back to turn 0 and is paused: Resume starts its clock again.");
        await Id(teacher, "resolve").ClickAsync();
        await Expect(Id(teacher, "notice")).ToHaveTextAsync("Turn 0 is over.");

        // Once it is over, only a fork and the passes are left, and each other control says the game is over.
        await Id(teacher, "end").ClickAsync();
        await Expect(Id(teacher, "phase")).ToHaveAttributeAsync("data-phase", "Ended");
        await Expect(Id(teacher, "notice")).ToHaveTextAsync("The game is over: its summary is below.");
        await Expect(Id(teacher, "phase")).ToContainTextAsync("Game over after 1 turn · it was");
        await Expect(Id(teacher, "end-summary")).ToContainTextAsync("One turn was played, in");
        foreach (var id in new[] { "start", "pause", "resume", "resolve", "extend", "fire-inject", "fire-shock", "rollback" })
        {
            await Expect(Id(teacher, id)).ToBeDisabledAsync();
            await Expect(Id(teacher, id)).ToHaveAccessibleDescriptionAsync("The game is over.");
        }

        await Expect(Id(teacher, "end")).ToHaveAccessibleDescriptionAsync("The game is already over.");
        await Expect(Id(teacher, "controls-now")).ToHaveTextAsync("The game is over: a fork still starts a what-if game from any turn.");
        foreach (var id in new[] { "fork", "rotate-pass", "rotate-screen" })
        {
            await Expect(Id(teacher, id)).ToBeEnabledAsync();
        }

        await Screens(teacher, "controls-ended");
    }

    [Fact]
    public async Task A_game_ended_before_its_first_turn_says_it_has_no_scores_and_a_fork_starts_from_its_beginning()
    {
        var passes = await server.CreateSession();
        var teacher = await Open($"/teach#{Uri.EscapeDataString(passes.TeacherPass)}");
        await Expect(Id(teacher, "phase")).ToHaveAttributeAsync("data-phase", "Lobby");
        teacher.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Id(teacher, "end").ClickAsync();
        await Expect(Id(teacher, "phase")).ToHaveAttributeAsync("data-phase", "Ended");

        var summary = Id(teacher, "end-summary");
        await Expect(summary).ToContainTextAsync("No turn was played.");
        await Expect(Id(teacher, "end-no-scores")).ToHaveTextAsync("None: countries are only scored when a turn ends.");
        await Expect(Id(teacher, "end-scores")).ToHaveCountAsync(0);
        await Expect(summary).Not.ToContainTextAsync("Both out of 100.");

        // No turn was played, so a fork cannot start from "any turn": only from the beginning, as it still can.
        await Expect(Id(teacher, "controls-now")).ToHaveTextAsync("The game is over before any turn was played: a fork still starts it anew from turn 0.");
        await Expect(Id(teacher, "fork")).ToBeEnabledAsync();
        await Screens(teacher, "ended-without-turns");
    }

    [Fact]
    public async Task The_console_s_list_of_news_events_stays_inside_its_card_however_long_an_event_s_headline()
    {
        var teacher = await Open();
        await Id(teacher, "scenario").SelectOptionAsync(TestScenarios.WithInjects);
        await Id(teacher, "create").ClickAsync();
        await Expect(Id(teacher, "inject")).ToBeVisibleAsync();

        // The summit scenario's longest headline, in place of the test scenario's short one: a list is as wide as its longest entry.
        await Id(teacher, "inject").EvaluateAsync("s => { s.options[0].text = 'India and the Eurasian Economic Union sign a free-trade agreement'; }");
        foreach (var (width, height) in new[] { (1366, 900), (1024, 768), (390, 844) })
        {
            await Resize(teacher, width, height);
            var over = await Id(teacher, "inject").EvaluateAsync<double>("s => s.getBoundingClientRect().right - s.closest('.card').getBoundingClientRect().right");
            Assert.True(over <= 0, $"At {width}x{height} the list of news events runs {over:0} px past the right edge of its card");
        }

        await Screens(teacher, "console-long-event");
    }

    /// <summary>The element is on the first screen, without scrolling, of a phone (390x844) and of a laptop (1366x900).</summary>
    private static async Task InViewAtOnce(IPage page, string id)
    {
        foreach (var (width, height) in new[] { (390, 844), (1366, 900) })
        {
            await Resize(page, width, height);
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            var box = (await Id(page, id).BoundingBoxAsync())!;
            Assert.True(box.Y >= 0 && box.Y + box.Height <= height && box.X >= 0 && box.X + box.Width <= width,
                $"at {width}x{height} {id} is at ({box.X:0}, {box.Y:0}) and {box.Width:0}x{box.Height:0} px");
        }

        await Resize(page, 1280, 900);
    }
}
