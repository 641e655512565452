using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiploSim.Server.Tests;

/// <summary>A player's or a teacher's phone: every page scrolls up and down only, and no card's content runs past its edge.</summary>
public sealed partial class BrowserTests
{
    [Fact]
    public async Task On_a_phone_the_lobby_a_busy_students_page_the_console_the_classroom_screen_and_the_debrief_scroll_only_up_and_down_and_no_card_or_table_runs_past_its_box()
    {
        var teacher = await Open();
        await Id(teacher, "scenario").SelectOptionAsync(TestScenarios.EveryMove);
        await Id(teacher, "create").ClickAsync();
        await Expect(Id(teacher, "join-code")).ToHaveTextAsync(JoinCode());
        var code = await Id(teacher, "join-code").TextContentAsync();
        var lobby = await Open("/", phone: true);
        await Expect(Id(lobby, "quick-start")).ToBeVisibleAsync();
        var india = await JoinAs(code!, "IND", "Ada", phone: true);
        var russia = await JoinAs(code!, "RUS", "Boris", phone: false);
        await Id(teacher, "start").ClickAsync();
        await Expect(Id(india, "turn")).ToContainTextAsync("playing");

        // Turn 0: tariffs both ways, weapons ordered both ways, two proposals to India and a word in private.
        await Compose(india, "SetTariff", ("Target", "RUS"), ("Rate", "25"));
        await Compose(india, "OrderArms", ("Target", "RUS"), ("System", "Su-30 fighters"), ("Value", "3"), ("DeliveryTurns", "4"));
        await Compose(russia, "SetTariff", ("Target", "IND"), ("Rate", "15"));
        await Compose(russia, "OrderArms", ("Target", "IND"), ("System", "BrahMos battery"), ("Value", "2"), ("DeliveryTurns", "3"));
        await Compose(russia, "ProposeAgreement", ("Partners", "IND"), ("Agreement", "VisaFacilitation"));
        await Compose(russia, "ProposeAgreement", ("Partners", "IND"), ("Agreement", "CivilNuclear"));
        await Id(russia, "channel-IND").ClickAsync();
        await Id(russia, "message-input").FillAsync("Shall we build the reactors together, Ada?");
        await Id(russia, "send").ClickAsync();
        await SubmitAndReady(india, 0);
        await SubmitAndReady(russia, 0);
        await Expect(Id(india, "outcome-turn")).ToContainTextAsync("Outcome of turn 0");
        await Id(india, "channel-RUS").ClickAsync();
        await Expect(Id(india, "thread")).ToContainTextAsync("build the reactors");
        await Expect(Id(india, "proposals")).ToContainTextAsync("civil nuclear deal");
        await Expect(Id(india, "news")).Not.ToBeEmptyAsync();
        await Expect(Id(india, "deliveries")).ToContainTextAsync("Su-30 fighters");
        await Expect(Id(india, "deliveries")).ToContainTextAsync("BrahMos battery");
        await Expect(Id(india, "agreements").Locator("tbody tr")).Not.ToHaveCountAsync(0);
        await Expect(Id(india, "tariffs")).ToContainTextAsync("25%");
        await Expect(Id(india, "tariffs")).ToContainTextAsync("15%");

        var screen = await teacher.RunAndWaitForPopupAsync(() => Id(teacher, "screen-link").ClickAsync());
        await Expect(Id(screen, "turn")).ToContainTextAsync("Turn 1");
        await Expect(Id(screen, "indicators").Locator("tbody tr")).Not.ToHaveCountAsync(0);
        var debrief = await teacher.RunAndWaitForPopupAsync(() => Id(teacher, "debrief-link").ClickAsync());
        await Expect(debrief.Locator("h1")).ToContainTextAsync("Debrief");

        var failures = new List<string>();
        // A phone first, then a laptop, whose layout must not get worse.
        foreach (var (width, height) in new[] { (390, 844), (1366, 900) })
        {
            foreach (var (name, page) in new[] { ("lobby", lobby), ("student", india), ("teacher", teacher), ("classroom screen", screen), ("debrief", debrief) })
            {
                failures.AddRange(await Overflows(page, name, width, height));
                if (page == india && width < 700)
                {
                    // The charts' tab shows the other half of a student's cards: the weapons on order, the agreements, the tariffs.
                    await Id(india, "tab-charts").ClickAsync();
                    await Expect(Id(india, "deliveries")).ToBeVisibleAsync();
                    failures.AddRange(await Overflows(page, "student, charts tab", width, height));
                    await Id(india, "tab-moves").ClickAsync();
                }
            }
        }

        // Pictures to look at, at a laptop's and a phone's size: the student's both tabs (the weapons on order under Charts) and the screen.
        await Screens(india, "phone-student-busy");
        await Resize(india, 390, 844);
        await Id(india, "tab-charts").ClickAsync();
        await Screens(india, "phone-student-busy-charts");
        await Screens(screen, "phone-screen");
        await Screens(debrief, "phone-debrief");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// At <paramref name="width"/>x<paramref name="height"/>: whether the document is wider than the window, and each card,
    /// section, figure, table and table's scrolling box whose content is wider than its box (it scrolls or runs out sideways),
    /// named with its test id, class or label and how far it runs over.
    /// </summary>
    private static async Task<string[]> Overflows(IPage page, string name, int width, int height)
    {
        await Resize(page, width, height);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        // Charts follow the new width when their resize observers fire: give the page a moment to settle before measuring.
        try
        {
            await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= window.innerWidth", null, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // Reported below with what sticks out.
        }

        return await page.EvaluateAsync<string[]>("""
            ([name, width]) => {
              const out = [];
              const doc = document.documentElement;
              if (doc.scrollWidth > window.innerWidth) out.push(`${name} at ${width} px: the page is ${doc.scrollWidth} px wide and scrolls sideways`);
              const label = (e) => {
                const id = e.getAttribute('data-testid') ?? e.getAttribute('data-section') ?? e.getAttribute('aria-label');
                const cls = typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/).join('.')}` : '';
                const inner = e.querySelector('[data-testid]')?.getAttribute('data-testid');
                return `${e.tagName.toLowerCase()}${cls}${id ? `[${id}]` : ''}${inner ? ` (holding ${inner})` : ''} “${(e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}”`;
              };
              const boxes = document.querySelectorAll('body, main, header, section, article, details, figure, table, .card, .dash, .scroll, .cards, .charts, .ticker, .screen-grid > *');
              for (const e of boxes) {
                if (e.getClientRects().length === 0 || e.closest('.sr-only')) continue;
                const over = e.scrollWidth - e.clientWidth;
                if (over > 1) out.push(`${name} at ${width} px: ${label(e)} runs ${over} px past its ${e.clientWidth} px box`);
              }
              return out;
            }
            """, new object[] { name, width });
    }
}
