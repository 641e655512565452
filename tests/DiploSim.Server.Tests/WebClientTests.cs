using System.Diagnostics;
using System.Text.RegularExpressions;
using DiploSim.Core;

namespace DiploSim.Server.Tests;

/// <summary>
/// The web client's own tests (vitest, one row per test file, so `dotnet test` and test.sh count and report them) and
/// the composer's coverage of the model's move catalogue.
/// </summary>
public sealed partial class WebClientTests
{
    private static readonly string WebClient = Repository.Path("src/DiploSim.Web");

    public static TheoryData<string> TestFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(WebClient, "src"), "*.test.ts", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(WebClient, file).Replace('\\', '/'));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(TestFiles))]
    public async Task The_web_client_unit_tests_pass(string file)
    {
        // The server's build ran npm ci, so vitest is installed; `npm test` is `vitest run`.
        var start = new ProcessStartInfo("npm", ["test", "--", "--reporter=verbose", file])
        {
            WorkingDirectory = WebClient,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["CI"] = "1", ["NO_COLOR"] = "1" },
        };
        using var npm = Process.Start(start)!;
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync();
        var text = await output + await errors;
        Assert.True(npm.ExitCode == 0, $"npm test {file} failed:\n{text}");
        Assert.Matches(PassedLine(), text);
    }

    [Fact]
    public void The_composer_offers_every_move_kind_of_the_core_catalogue()
    {
        // The composer's kind table, one `Kind: { label: ... }` line per kind it offers a form for.
        var source = File.ReadAllText(Path.Combine(WebClient, "src/moves/catalogue.ts"));
        var table = Table().Match(source);
        Assert.True(table.Success, "src/moves/catalogue.ts has no `export const catalogue ... = { ... };` table");
        var offered = Entry().Matches(table.Groups[1].Value).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToArray();
        var core = Enum.GetNames<MoveKind>().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(core, offered);
    }

    [Theory]
    [InlineData(AgreementKind.ConnectivityCorridor)]
    [InlineData(AgreementKind.EnergyContract)]
    public void The_composer_names_an_agreement_kind_in_the_words_the_news_uses(AgreementKind kind)
    {
        // The news (Core's AgreementKind.Describe: "China proposes a connectivity corridor") and the form a player
        // answers it with (the catalogue's AgreementKind words) say the same thing.
        var catalogue = File.ReadAllText(Path.Combine(WebClient, "src/i18n/en.ts"));
        var kinds = AgreementWords().Match(catalogue);
        Assert.True(kinds.Success, "src/i18n/en.ts has no `AgreementKind: { ... }` block");
        var said = Regex.Match(kinds.Groups[1].Value, $@"\b{kind}: '([^']*)'");
        Assert.True(said.Success, $"src/i18n/en.ts names no {kind}");
        Assert.Equal(kind.Describe(), said.Groups[1].Value);
    }

    [GeneratedRegex(@"Tests\s+\d+ passed")]
    private static partial Regex PassedLine();

    [GeneratedRegex(@"export const catalogue\b[^=]*=\s*\{(.*?)\n\};", RegexOptions.Singleline)]
    private static partial Regex Table();

    [GeneratedRegex(@"^\s{2}([A-Za-z]+):\s*\{\s*label:", RegexOptions.Multiline)]
    private static partial Regex Entry();

    [GeneratedRegex(@"AgreementKind: \{(.*?)\}", RegexOptions.Singleline)]
    private static partial Regex AgreementWords();
}
