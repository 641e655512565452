using static Microsoft.Playwright.Assertions;

namespace DiploSim.Server.Tests;

/// <summary>The teachers' guide, which a teacher opens from the lobby in the browser.</summary>
public sealed partial class BrowserTests
{
    [Fact]
    public async Task The_lobby_links_to_the_teachers_guide_which_the_server_shows_as_a_page()
    {
        var lobby = await Open();
        await Expect(Id(lobby, "quick-start")).Not.ToContainTextAsync("docs/teaching.md");
        await Expect(Id(lobby, "teaching-guide")).ToHaveTextAsync("the teachers’ guide");
        await Screens(lobby, "lobby-guide-link");
        var guide = await lobby.RunAndWaitForPopupAsync(() => Id(lobby, "teaching-guide").ClickAsync());
        await Expect(guide.Locator("h1")).ToHaveTextAsync("Teaching with DiploSim");
        await Expect(guide.Locator("h2").First).ToHaveTextAsync("Before the class (15 minutes, once)");
        await Expect(guide.Locator("table").First).ToBeVisibleAsync();
        Assert.Equal("Teaching with DiploSim", await guide.TitleAsync());
        await Screens(guide, "teaching-guide");
    }
}
