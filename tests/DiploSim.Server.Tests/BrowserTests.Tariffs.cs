using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiploSim.Server.Tests;

/// <summary>The tariff form says what rate is in force, so a student knows a new rate's direction before sending it.</summary>
public sealed partial class BrowserTests
{
    [Fact]
    public async Task The_tariff_form_says_the_rate_in_force_on_the_partner_s_goods_and_whether_the_new_rate_raises_or_cuts_it()
    {
        var passes = await server.CreateSession();
        var india = await JoinAs(passes.JoinCode, "IND", "Ada", phone: false);
        var russia = await JoinAs(passes.JoinCode, "RUS", "Boris", phone: true);
        await using var hub = await server.Connect(passes.TeacherPass);
        Assert.Null((await hub.Call("Start")).Refusal);
        await Expect(Id(india, "turn")).ToContainTextAsync("playing");

        // Russia sends an empty plan: the line beside Send says it went in as no moves, not "Moves sent".
        await Id(russia, "submit").ClickAsync();
        await Expect(Id(russia, "submit-status")).ToHaveTextAsync("Sent for turn 0: no moves (your plan is empty).");
        await Screens(russia, "send-empty-plan");

        // India puts 35% on Russian energy; the next turn its form says that rate is in force, and that 10% would cut it.
        await Id(india, "move-kind").SelectOptionAsync("SetTariff");
        await Id(india, "field-Target").SelectOptionAsync("RUS");
        await Id(india, "field-Sector").SelectOptionAsync("Energy");
        await Id(india, "field-Rate").FillAsync("35");
        await Expect(Id(india, "tariff-now")).ToHaveTextAsync(new Regex("^Your tariff on energy from Russia now: [0-9.]+%\\. Setting 35% raises it by [0-9.]+ points\\.$"));
        await Expect(Id(india, "preview")).ToContainTextAsync("35% tariff");
        await Id(india, "add-move").ClickAsync();
        await Id(india, "submit").ClickAsync();
        await Expect(Id(india, "submit-status")).ToContainTextAsync("sent");
        Assert.Null((await hub.Call("ResolveNow", 0)).Refusal);
        await Expect(Id(india, "turn")).ToHaveTextAsync(new Regex("^Turn 1 "));

        await Id(india, "field-Target").SelectOptionAsync("RUS");
        await Id(india, "field-Sector").SelectOptionAsync("Energy");
        await Id(india, "field-Rate").FillAsync("10");
        await Expect(Id(india, "tariff-now")).ToHaveTextAsync("Your tariff on energy from Russia now: 35%. Setting 10% cuts it by 25 points.");
        // For all goods at once (the scenario's other rates on Russia are lower than 20%): some rise and energy falls.
        await Id(india, "field-Sector").SelectOptionAsync("");
        await Id(india, "field-Rate").FillAsync("20");
        await Expect(Id(india, "tariff-now")).ToContainTextAsync("% to 35%, by kind of goods. Setting 20% on all goods raises some and cuts others.");
        await Id(india, "field-Sector").SelectOptionAsync("Energy");

        // On a phone the line sits under the fields too, and under it what the partner charges on the seat's goods:
        // Russia, deciding whether to retaliate, reads India's new 35% on its energy.
        await Id(russia, "move-kind").SelectOptionAsync("SetTariff");
        await Id(russia, "field-Target").SelectOptionAsync("IND");
        await Expect(Id(russia, "tariff-now")).ToHaveTextAsync(new Regex("^Your tariff(s)? on (all )?goods from India now: "));
        await Expect(Id(russia, "tariff-theirs")).ToHaveTextAsync(new Regex("^India’s tariffs on your goods: [0-9.]+% to 35%, by kind of goods\\.$"));
        await Id(russia, "field-Sector").SelectOptionAsync("Energy");
        await Expect(Id(russia, "tariff-theirs")).ToHaveTextAsync("India’s tariff on your energy: 35%.");

        // The relations panel lists the tariffs both ways for every partner: India's row on Russia's phone (under the
        // Charts tab) has 35% at the top of what India charges, and India's page has the same range as its own rates on Russia.
        await Resize(russia, 390, 844);
        await Id(russia, "tab-charts").ClickAsync();
        var row = Id(russia, "tariffs").Locator("tbody tr", new() { HasText = "India" });
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync(new Regex("^[0-9.]+–35%$"));
        var theirs = await row.Locator("td").Nth(2).TextContentAsync();
        await Expect(Id(india, "tariffs").Locator("tbody tr", new() { HasText = "Russia" }).Locator("td").Nth(1)).ToHaveTextAsync(theirs!);
        await Screens(russia, "tariffs-both-ways-phone");
        await Resize(russia, 390, 844);
        await Id(russia, "tab-moves").ClickAsync();

        await Screens(india, "tariff-form");
        await Screens(russia, "tariff-form-phone");
        Assert.Null((await hub.Call("End")).Refusal);
    }

    [Fact]
    public async Task A_student_announces_a_tariff_two_turns_ahead_from_the_tariff_form_and_reads_when_it_lands_before_sending_it()
    {
        await using var game = await IndiaPlayingOnHerPhone();
        var (india, hub) = game;

        // Blank, the tariff is for this turn and the form says nothing more; with 2 turns, it says when it lands.
        await Id(india, "move-kind").SelectOptionAsync("SetTariff");
        await Id(india, "field-Target").SelectOptionAsync("RUS");
        await Id(india, "field-Sector").SelectOptionAsync("Energy");
        await Id(india, "field-Rate").FillAsync("35");
        await Expect(Id(india, "preview")).ToContainTextAsync("sets a 35% tariff");
        await Expect(Id(india, "tariff-announced")).ToHaveCountAsync(0);
        await Id(india, "field-InTurns").FillAsync("2");
        await Expect(Id(india, "tariff-announced")).ToHaveTextAsync("Announced now, it takes effect in 2 turns: until then importers buy ahead of it, and less for a while after.");
        await Expect(Id(india, "preview")).ToContainTextAsync("announces a 35% tariff on energy goods from Russia, to take effect in 2 turns");
        await Screens(india, "tariff-announced");

        // Further off than the model allows, the field says why and the move cannot be added.
        await Id(india, "field-InTurns").FillAsync("30");
        await Expect(Id(india, "error-InTurns")).ToHaveTextAsync("a tariff takes effect 0 to 20 turns on, not 30");
        await Expect(Id(india, "preview")).ToContainTextAsync("Turns until it takes effect");
        await Screens(india, "tariff-announced-too-far");
        await Expect(Id(india, "add-move")).ToBeDisabledAsync();
        await Expect(Id(india, "tariff-announced")).ToHaveCountAsync(0);

        await Id(india, "field-InTurns").FillAsync("2");
        await Expect(Id(india, "add-move")).ToBeEnabledAsync();
        await Id(india, "add-move").ClickAsync();
        await Id(india, "submit").ClickAsync();
        await Expect(Id(india, "submit-status")).ToContainTextAsync("sent");
        for (var turn = 0; turn < 3; turn++)
        {
            Assert.Null((await hub.Call("ResolveNow", turn)).Refusal);
            await Expect(Id(india, "turn")).ToHaveTextAsync(new Regex($"^Turn {turn + 1} "));
            await Id(india, "field-Target").SelectOptionAsync("RUS");
            await Id(india, "field-Sector").SelectOptionAsync("Energy");
            // Not in force in turns 1 and 2, while importers buy ahead; in force from turn 3, when it landed.
            if (turn < 2)
            {
                await Expect(Id(india, "tariff-now")).ToContainTextAsync("Your tariff on energy from Russia now: ");
                await Expect(Id(india, "tariff-now")).Not.ToContainTextAsync("now: 35%");
            }
        }

        await Expect(Id(india, "tariff-now")).ToContainTextAsync("Your tariff on energy from Russia now: 35%.");
        Assert.Null((await hub.Call("End")).Refusal);
    }
    [Fact]
    public async Task A_tariff_announced_from_the_form_is_read_by_the_taxed_country_s_student_on_a_phone_and_the_teacher_until_it_lands()
    {
        var passes = await server.CreateSession();
        var india = await JoinAs(passes.JoinCode, "IND", "Ada", phone: false);
        var russia = await JoinAs(passes.JoinCode, "RUS", "Boris", phone: true);
        var teacher = await Open($"/teach#{Uri.EscapeDataString(passes.TeacherPass)}");
        await using var hub = await server.Connect(passes.TeacherPass);
        Assert.Null((await hub.Call("Start")).Refusal);
        await Expect(Id(india, "turn")).ToContainTextAsync("playing");

        // India announces 40% on Russian technology, to take effect in 2 turns (turn 2).
        await Id(india, "move-kind").SelectOptionAsync("SetTariff");
        await Id(india, "field-Target").SelectOptionAsync("RUS");
        await Id(india, "field-Sector").SelectOptionAsync("Technology");
        await Id(india, "field-Rate").FillAsync("40");
        await Id(india, "field-InTurns").FillAsync("2");
        await Expect(Id(india, "tariff-pending")).ToHaveCountAsync(0);
        await Id(india, "add-move").ClickAsync();
        await Id(india, "submit").ClickAsync();
        await Expect(Id(india, "submit-status")).ToContainTextAsync("sent");
        Assert.Null((await hub.Call("ResolveNow", 0)).Refusal);
        await Expect(Id(russia, "turn")).ToHaveTextAsync(new Regex("^Turn 1 "));

        // Russia's student, on a phone: the Charts tab lists it under the tariffs, and the tariff form on India's
        // technology says it beside what India charges now.
        const string onRussia = "India has announced 40% on your technology from turn 2.";
        await Resize(russia, 390, 844);
        await Id(russia, "tab-charts").ClickAsync();
        await Expect(Id(russia, "announced").Locator("li", new() { HasText = "India" })).ToHaveTextAsync(onRussia);
        await Screens(russia, "tariff-announced-charts");
        await Resize(russia, 390, 844);
        var failures = new List<string>();
        async Task Axe(string name, IPage page) => failures.AddRange((await page.RunAxe()).Violations
            .Where(v => v.Impact is "critical" or "serious").Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help}"));
        await Axe("charts on a phone", russia);
        await Resize(russia, 390, 844);
        await Id(russia, "tab-moves").ClickAsync();
        await Id(russia, "move-kind").SelectOptionAsync("SetTariff");
        await Id(russia, "field-Target").SelectOptionAsync("IND");
        await Id(russia, "field-Sector").SelectOptionAsync("Technology");
        await Expect(Id(russia, "tariff-pending")).ToHaveTextAsync(onRussia);
        await Screens(russia, "tariff-announced-form-phone");

        // India's own form on the same goods says what it announced against the rate now; the teacher's console lists it.
        await Id(india, "field-Target").SelectOptionAsync("RUS");
        await Id(india, "field-Sector").SelectOptionAsync("Technology");
        await Expect(Id(india, "tariff-pending")).ToHaveTextAsync(new Regex("^Announced: 40% from turn 2 \\(now [0-9.]+%\\)\\. A tariff you set on these goods replaces it\\.$"));
        await Screens(india, "tariff-announced-own-form");
        await Expect(Id(teacher, "announced").Locator("li", new() { HasText = "India" })).ToHaveTextAsync("India has announced 40% on technology from Russia from turn 2.");
        await Screens(teacher, "tariff-announced-console");
        await Axe("tariff form on a phone", russia);
        await Axe("teacher", teacher);
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // Once it lands it is a tariff in force, no longer announced: the list and the form's line are gone.
        Assert.Null((await hub.Call("ResolveNow", 1)).Refusal);
        await Expect(Id(russia, "turn")).ToHaveTextAsync(new Regex("^Turn 2 "));
        await Id(russia, "field-Target").SelectOptionAsync("IND");
        await Id(russia, "field-Sector").SelectOptionAsync("Technology");
        await Expect(Id(russia, "tariff-pending")).ToHaveTextAsync(onRussia);
        Assert.Null((await hub.Call("ResolveNow", 2)).Refusal);
        await Expect(Id(russia, "turn")).ToHaveTextAsync(new Regex("^Turn 3 "));
        await Id(russia, "field-Target").SelectOptionAsync("IND");
        await Id(russia, "field-Sector").SelectOptionAsync("Technology");
        await Expect(Id(russia, "tariff-theirs")).ToHaveTextAsync("India’s tariff on your technology: 40%.");
        await Expect(Id(russia, "tariff-pending")).ToHaveCountAsync(0);
        await Expect(Id(teacher, "announced").Locator("li", new() { HasText = "India" })).ToHaveCountAsync(0);
        await Resize(russia, 390, 844);
        await Id(russia, "tab-charts").ClickAsync();
        await Expect(Id(russia, "tariffs")).ToBeVisibleAsync();
        await Expect(Id(russia, "announced").Locator("li", new() { HasText = "India" })).ToHaveCountAsync(0);
        Assert.Null((await hub.Call("End")).Refusal);
    }
}
