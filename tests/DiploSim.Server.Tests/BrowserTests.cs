using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiploSim.Server.Tests;

/// <summary>
/// The real web client in headless Chromium (Debian's, at /usr/bin/chromium) against the real server. Every step waits
/// for what a page shows, never for a fixed time.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class BrowserTests(ServerFixture server) : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        SetDefaultExpectTimeout(30_000);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>A page in its own context, so each person has their own storage, as on their own device.</summary>
    private async Task<IPage> Open(string path = "/", bool phone = false)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }

    private static ILocator Id(IPage page, string testId) => page.GetByTestId(testId);

    private async Task<IPage> JoinAs(string code, string country, string name, bool phone)
    {
        var page = await Open("/", phone);
        await Id(page, "join-code-input").FillAsync(code);
        await Id(page, "player-name").FillAsync(name);
        await Id(page, "find").ClickAsync();
        await Id(page, $"join-{country}").ClickAsync();
        await Expect(Id(page, "country")).ToContainTextAsync($"({country})");
        await Expect(Id(page, "connection")).ToHaveTextAsync("connected");
        return page;
    }

    [Fact]
    public async Task A_class_plays_a_session_in_the_browser()
    {
        // The teacher creates a session from the lobby.
        var teacher = await Open();
        await Id(teacher, "scenario").SelectOptionAsync(TestScenarios.WithInjects);
        await Id(teacher, "create").ClickAsync();
        await Expect(Id(teacher, "join-code")).ToHaveTextAsync(JoinCode());
        var code = await Id(teacher, "join-code").TextContentAsync();

        // Two players join on their own pages, one of them on a phone.
        var india = await JoinAs(code!, "IND", "Ada", phone: false);
        var russia = await JoinAs(code!, "RUS", "Boris", phone: true);
        await Expect(Id(teacher, "seat-IND")).ToContainTextAsync("Ada");
        await Expect(Id(teacher, "seat-RUS")).ToContainTextAsync("Boris");

        await Id(teacher, "start").ClickAsync();
        await Expect(Id(teacher, "phase")).ToContainTextAsync("Running");
        await Expect(Id(india, "turn")).ToContainTextAsync("Running");

        // The dashboard shows deliveries, agreements and their compliance, the energy bill and the relations network, on a phone too.
        await Expect(Id(india, "deliveries")).ToContainTextAsync("S-400 regiment 4");
        await Expect(Id(india, "agreements")).ToContainTextAsync("brahmos");
        await Expect(Id(india, "arms-suppliers")).ToContainTextAsync("RUS");
        await Expect(Id(india, "stat-energy-bill")).ToContainTextAsync("bn/yr");
        await Expect(Id(india, "link-IND-RUS")).ToHaveCountAsync(1);
        await Expect(Id(russia, "deliveries")).ToContainTextAsync("RUS → IND");
        await Expect(Id(russia, "network")).ToBeVisibleAsync();

        // The composer previews a tariff's direct effect before anything is committed.
        await Id(india, "move-kind").SelectOptionAsync("SetTariff");
        await Id(india, "field-Target").SelectOptionAsync("RUS");
        await Id(india, "field-Rate").FillAsync("60");
        await Expect(Id(india, "preview")).ToContainTextAsync("60% tariff");
        await Expect(Id(india, "preview-effect")).ToContainTextAsync("RUS's trust in you");
        await Expect(Id(india, "effect-tradeWithTarget")).ToHaveTextAsync(new Regex("^-"));

        // They negotiate in private.
        await Id(india, "channel-RUS").ClickAsync();
        await Id(india, "message-input").FillAsync("Free trade, Boris?");
        await Id(india, "send").ClickAsync();
        await Id(russia, "channel-IND").ClickAsync();
        await Expect(Id(russia, "thread")).ToContainTextAsync("Free trade, Boris?");

        // India proposes an agreement; the composer shows its cost.
        await Id(india, "move-kind").SelectOptionAsync("ProposeAgreement");
        await Id(india, "field-Partners-RUS").CheckAsync();
        await Id(india, "field-Agreement").SelectOptionAsync("FreeTrade");
        await Expect(Id(india, "preview")).ToContainTextAsync("costs 1 capital");
        await Id(india, "add-move").ClickAsync();
        await Expect(Id(india, "draft-ProposeAgreement")).ToContainTextAsync("IND proposes a free-trade agreement to RUS");
        await Id(india, "submit").ClickAsync();
        await Expect(Id(india, "notice")).ToContainTextAsync("Moves submitted for turn 0");

        // Both mark ready: the turn resolves and every page shows the outcome.
        await Id(india, "ready").ClickAsync();
        await Expect(Id(teacher, "ready-IND")).ToHaveTextAsync("✓");
        await Id(russia, "ready").ClickAsync();
        foreach (var page in new[] { india, russia })
        {
            await Expect(Id(page, "outcome-turn")).ToContainTextAsync("Outcome of turn 0");
        }

        await Expect(Id(teacher, "timeline")).ToContainTextAsync("turn 0 resolved (AllReady)");
        await Expect(Id(india, "outcome")).ToContainTextAsync("✓");

        // Russia accepts the proposal and submits.
        var accept = russia.Locator("[data-testid^='accept-IND-']");
        await accept.ClickAsync();
        await Expect(Id(russia, "draft-AnswerProposal")).ToContainTextAsync("RUS accepts proposal IND-0-");
        await Id(russia, "submit").ClickAsync();
        await Expect(Id(russia, "notice")).ToContainTextAsync("Moves submitted for turn 1");

        // India's connection drops; while it is away the teacher fires an inject and resolves the turn.
        await india.EvaluateAsync("() => window.diplosim.conn.stop()");
        await Id(teacher, "inject").SelectOptionAsync("ceasefire");
        await Id(teacher, "fire-inject").ClickAsync();
        await Expect(Id(teacher, "notice")).ToHaveTextAsync("FireInject: done");
        await Id(teacher, "resolve").ClickAsync();
        await Expect(Id(russia, "outcome-turn")).ToContainTextAsync("Outcome of turn 1");
        await Expect(Id(russia, "news")).ToContainTextAsync("Ceasefire announced");
        await Expect(Id(russia, "outcome")).ToContainTextAsync("accepts");

        // India reconnects by itself and catches up.
        await Expect(Id(india, "connection")).ToHaveTextAsync("connected");
        await Expect(Id(india, "outcome-turn")).ToContainTextAsync("Outcome of turn 1");
        await Expect(Id(india, "news")).ToContainTextAsync("Ceasefire announced");

        // The classroom screen shows the clock and the headlines.
        var screen = await teacher.RunAndWaitForPopupAsync(() => Id(teacher, "screen-link").ClickAsync());
        await Expect(Id(screen, "turn")).ToContainTextAsync("Turn 2");
        await Expect(Id(screen, "ticker")).ToContainTextAsync("Ceasefire announced");
        await Expect(Id(screen, "link-IND-RUS")).ToHaveCountAsync(1);

        // The teacher makes a new screen link: the open screen says so, and the new link shows the session.
        var oldLink = await Id(teacher, "screen-link").GetAttributeAsync("href");
        teacher.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Id(teacher, "rotate-screen").ClickAsync();
        await Expect(Id(screen, "revoked")).ToContainTextAsync("link was replaced");
        await Expect(Id(teacher, "screen-link")).Not.ToHaveAttributeAsync("href", oldLink!);
        var newScreen = await teacher.RunAndWaitForPopupAsync(() => Id(teacher, "screen-link").ClickAsync());
        await Expect(Id(newScreen, "turn")).ToContainTextAsync("Turn 2");

        // The teacher forks a what-if branch at turn 1.
        await Id(teacher, "turn-input").FillAsync("1");
        await Id(teacher, "fork").ClickAsync();
        await Expect(Id(teacher, "fork-code")).ToHaveTextAsync(JoinCode());

        // The debrief opens and shows its charts.
        var debrief = await teacher.RunAndWaitForPopupAsync(() => Id(teacher, "debrief-link").ClickAsync());
        await Expect(debrief.Locator("h1")).ToContainTextAsync("Debrief");
        await Expect(debrief.Locator("figure.chart")).ToHaveCountAsync(3);
        await Expect(debrief.Locator("figure.chart polyline").First).ToBeVisibleAsync();
        await Expect(debrief.Locator("body")).ToContainTextAsync("Free trade, Boris?");
    }

    [GeneratedRegex("^[A-Z0-9]{4,}$")]
    private static partial Regex JoinCode();
}
