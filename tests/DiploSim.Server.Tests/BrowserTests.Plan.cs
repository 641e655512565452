using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace DiploSim.Server.Tests;

/// <summary>A student's plan on her phone: no move leaves it without the page saying so.</summary>
public sealed partial class BrowserTests
{
    [Fact]
    public async Task A_move_left_unsent_when_the_turn_clock_runs_out_is_named_to_the_student_who_can_put_it_back_in_her_next_plan()
    {
        // A class walk-through's steps on a phone: India puts 25% on American goods, then reads the weapons form for a
        // while; the turn's clock runs out before she sends her plan.
        var passes = await server.CreateSession(TestScenarios.WithInjects, turnSeconds: 20);
        var india = await JoinAs(passes.JoinCode, "IND", "Ada", phone: true);
        await using var hub = await server.Connect(passes.TeacherPass);
        Assert.Null((await hub.Call("Start")).Refusal);
        await Expect(Id(india, "turn")).ToContainTextAsync("playing");
        await Compose(india, "SetTariff", ("Target", "USA"), ("Rate", "25"));
        await Expect(Id(india, "draft-SetTariff")).ToContainTextAsync("25%");

        // The clock ends turn 0 on its own: the tariff was never sent, so it was not played.
        await Expect(Id(india, "turn")).ToContainTextAsync("Turn 1", new() { Timeout = 60_000 });
        // Turn 1 gets an hour, so the rest of the test is not itself overtaken by the clock.
        Assert.Null((await hub.Call("ExtendDeadline", 1, 3600, "plan-test")).Refusal);
        await Expect(Id(india, "draft-SetTariff")).ToHaveCountAsync(0);
        await Id(india, "move-kind").SelectOptionAsync("OrderArms");
        await Id(india, "field-Target").SelectOptionAsync("RUS");
        await Id(india, "field-System").FillAsync("Su-30 fighters");
        await Id(india, "field-Value").FillAsync("3");
        await Id(india, "field-DeliveryTurns").FillAsync("4");
        await Expect(Id(india, "preview")).ToContainTextAsync("already in your plan: 0");

        // The page says which move was not played and why, beside the plan, and it stays there while she carries on
        // (the notice at the top of the page is soon taken by "Added to your plan").
        var dropped = Id(india, "draft-dropped");
        await Expect(dropped).ToContainTextAsync("Not played: turn 0 ended before you sent your plan");
        await Expect(dropped).ToContainTextAsync("25% tariff");
        await Screens(india, "plan-dropped-at-deadline");
        await Id(india, "add-move").ClickAsync();
        await Expect(Id(india, "draft-OrderArms")).ToHaveCountAsync(1);
        await Expect(dropped).ToContainTextAsync("25% tariff");

        // One tap puts the tariff back, previewed again for the new turn, after the weapons order.
        await Id(india, "put-back").ClickAsync();
        await Expect(Id(india, "draft-SetTariff")).ToContainTextAsync("25%");
        await Expect(Id(india, "draft-SetTariff")).Not.ToContainTextAsync("?");
        await Expect(dropped).ToHaveCountAsync(0);
        await Compose(india, "ProposeAgreement", ("Partners", "USA"), ("Agreement", "FreeTrade"));
        await Expect(Id(india, "draft").Locator("li[data-kind]")).ToHaveCountAsync(3);

        // The plan the server keeps holds all three: a reload shows them.
        await india.ReloadAsync();
        await Expect(Id(india, "connection")).ToHaveTextAsync("connected");
        await Expect(Id(india, "draft").Locator("li[data-kind]")).ToHaveCountAsync(3);
        Assert.Null((await hub.Call("End")).Refusal);
    }
}
