using System.Buffers.Text;
using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using DiploSim.Contracts;
using DiploSim.Server.Hub;

namespace DiploSim.Server.Tests;

/// <summary>The teacher's exports over HTTP: the debrief's timeline and what the exports leave out.</summary>
[Collection(ServerCollection.Name)]
public sealed class DebriefTests(ServerFixture server)
{
    [Fact]
    public async Task The_timeline_lists_replaced_passes_and_no_export_holds_a_pass_or_its_token()
    {
        var first = await server.CreateSession();
        var screen = await Replace("spectator", first.TeacherPass);
        var teacher = await Replace("teacher", first.TeacherPass);

        var html = await Export("html", teacher.TeacherPass);
        var timeline = html[html.IndexOf("<ol class=\"timeline\">", StringComparison.Ordinal)..];
        timeline = timeline[..timeline.IndexOf("</ol>", StringComparison.Ordinal)];
        var screenLine = timeline.IndexOf("the classroom screen&#39;s pass was replaced", StringComparison.Ordinal);
        var teacherLine = timeline.IndexOf("the teacher&#39;s pass was replaced", StringComparison.Ordinal);
        Assert.True(screenLine >= 0 && teacherLine > screenLine, $"both replacements, in order, in the timeline: {timeline}");

        var exports = html + await Export("json", teacher.TeacherPass) + await Export("csv", teacher.TeacherPass);
        foreach (var pass in new[] { first.TeacherPass, first.SpectatorPass!, screen.SpectatorPass!, teacher.TeacherPass })
        {
            Assert.DoesNotContain(pass, exports, StringComparison.Ordinal);
            Assert.DoesNotContain(Token(pass), exports, StringComparison.Ordinal);
        }
    }

    private async Task<SessionPassesDto> Replace(string holder, string teacherPass)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/passes/{holder}", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", teacherPass);
        using var reply = await server.Http.SendAsync(request);
        reply.EnsureSuccessStatusCode();
        return (await reply.Content.ReadFromJsonAsync<SessionPassesDto>())!;
    }

    private async Task<string> Export(string format, string teacherPass)
    {
        using var reply = await server.Export(format, teacherPass);
        reply.EnsureSuccessStatusCode();
        return await reply.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_debrief_takes_every_heading_and_label_from_the_words_it_is_given()
    {
        var session = await server.CreateSession();
        using var reply = await server.Export("json", session.TeacherPass);
        var record = (await reply.Content.ReadFromJsonAsync<DiploSim.Server.Api.SessionRecord>(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } }))!;
        var french = DiploSim.Server.Api.DebriefWords.English with
        {
            Language = "fr", Title = "Bilan — {0}", Charts = "Graphiques", FinalScores = "Scores finaux", Timeline = "Chronologie",
            TimelineNote = "Heures sur 24 heures ({0}).", TurnAxis = "Tour", ScoresHead = ["Pays", "Prospérité", "Sécurité", "Énergie", "Autonomie", "Influence", "Objectifs", "Utilité"],
            NoScores = "Aucun : un pays n'est noté qu'à la fin d'un tour.", Summary = "Scénario {0} · tours joués : {1} · empreinte {2}",
        };

        // The session has played no turn: its scores are a sentence, not an empty table.
        var html = System.Net.WebUtility.HtmlDecode(record.Html(TimeZoneInfo.Utc, french));
        foreach (var said in new[] { "<html lang=\"fr\">", "Bilan — ", "<h2>Graphiques</h2>", "<h2>Scores finaux</h2>", "<h2>Chronologie</h2>", "Heures sur 24 heures (UTC).", "Aucun : un pays n'est noté qu'à la fin d'un tour.", "tours joués : 0" })
        {
            Assert.Contains(said, html, StringComparison.Ordinal);
        }

        foreach (var english in new[] { "Debrief", "Final scores", "Timeline", "24-hour clock", "None: countries", "turns played", "<th>" })
        {
            Assert.DoesNotContain(english, html, StringComparison.Ordinal);
        }

        // Once a turn is played, the scores are a table with the given heads.
        var played = record with { History = [new TurnSummary(0, "2025-Q4", "h0", [], [], [], [], [new ScoreLine("IND", 50, 50, 50, 50, 50, 50, 61)], [], [])] };
        var scored = System.Net.WebUtility.HtmlDecode(played.Html(TimeZoneInfo.Utc, french));
        Assert.Contains("<th>Prospérité</th>", scored, StringComparison.Ordinal);
        Assert.Contains("tours joués : 1", scored, StringComparison.Ordinal);
        Assert.DoesNotContain("Aucun : un pays", scored, StringComparison.Ordinal);
    }

    [Fact]
    public void The_agreements_kept_and_broken_come_from_the_outcomes_and_every_country_is_named()
    {
        // News worded otherwise than the model's English: the section must not depend on it.
        static NewsReport Agreement(int turn, string headline) => new(turn, headline, headline, ["IND", "RUS"], "agreement");
        static TurnSummary Turn(int turn, ImmutableArray<NewsReport> news, ImmutableArray<SigningNote> signed, ImmutableArray<BreachNote> breaches) =>
            new(turn, $"2026-Q{turn + 1}", $"h{turn}", [], [], news, [], [new ScoreLine("IND", 50, 50, 50, 50, 50, 50, 61), new ScoreLine("RUS", 50, 50, 50, 50, 50, 50, 58)], signed, breaches);
        var status = new StatusDto("s1", "test", "A test", "CODE", SessionPhase.Ended, 3, 8, "2026-Q3", null, 0, "h2", [], null, 0, []);
        var record = new DiploSim.Server.Api.SessionRecord(
            status,
            [
                Turn(0, [Agreement(0, "A deal at last")], [new SigningNote("fta", "FreeTrade", ["IND", "RUS"])], []),
                Turn(1, [Agreement(1, "IND raises a tariff on proposal RUS-0-ab12c")], [], [new BreachNote("fta", "FreeTrade", "IND", ["IND", "RUS"])]),
                Turn(2, [Agreement(2, "IND breaches the free-trade agreement")], [], []),
            ],
            [new EventDto(1, 0, "IND", "MessageSent", "IND wrote to RUS", Turn: 0, Country: "IND", To: "RUS", Message: "Deal?")],
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("IND", "India"), new("RUS", "Russia")]));

        var html = System.Net.WebUtility.HtmlDecode(record.Html());
        var section = html[html.IndexOf("<ul data-section=\"agreements\">", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</ul>", StringComparison.Ordinal)];
        Assert.Equal(
            ["<li class=\"kept\">Turn 0: India and Russia sign a free-trade agreement</li>", "<li class=\"broken\">Turn 1: India breaks the free-trade agreement with Russia</li>"],
            Regex.Matches(section, "<li[^>]*>[^<]*</li>").Select(m => m.Value));

        // Scores, charts, news, the timeline and the messages name countries; a generated proposal id reads as words.
        var text = Regex.Replace(html, "<[^>]+>", " ");
        Assert.DoesNotMatch(@"\b(IND|RUS)\b", text);
        Assert.Contains("Russia’s proposal", text, StringComparison.Ordinal);
        Assert.Contains("India → Russia: Deal?", text, StringComparison.Ordinal);
        Assert.Contains("<title>India</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_debrief_with_no_agreement_says_so_and_heads_its_scores_with_the_pages_words()
    {
        var status = new StatusDto("s1", "test", "A test", "CODE", SessionPhase.Ended, 1, 8, "2026-Q2", null, 0, "h0", [], null, 0, []);
        var record = new DiploSim.Server.Api.SessionRecord(
            status, [new TurnSummary(0, "2026-Q1", "h0", [], [], [], [], [new ScoreLine("IND", 50, 50, 50, 50, 50, 50, 61)], [], [])], []);

        var html = System.Net.WebUtility.HtmlDecode(record.Html());
        var section = html[html.IndexOf("<ul data-section=\"agreements\">", StringComparison.Ordinal)..];
        Assert.StartsWith("<ul data-section=\"agreements\"><li>No agreement was signed.</li></ul>", section, StringComparison.Ordinal);

        // The pages call these energy security, independence, relationship goals and the score: the debrief does too.
        Assert.Contains("<th>Energy security</th><th>Independence</th><th>Influence</th><th>Relationship goals</th><th>Score</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Utility", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_debrief_opens_with_the_game_s_title_and_scenario_and_leaves_its_session_id_and_state_hash_to_its_last_line()
    {
        var status = new StatusDto("s8f3a2c91d0", "test", "A test", "CODE", SessionPhase.Ended, 1, 8, "2026-Q2", null, 0, "9c1e7f0a4b", [], null, 0, []);
        var record = new DiploSim.Server.Api.SessionRecord(
            status, [new TurnSummary(0, "2026-Q1", "9c1e7f0a4b", [], [], [], [], [new ScoreLine("IND", 50, 50, 50, 50, 50, 50, 61)], [], [])], []);

        var html = System.Net.WebUtility.HtmlDecode(record.Html());
        var top = html[..html.IndexOf("<h2>", StringComparison.Ordinal)];
        Assert.Contains("<h1>Debrief — A test</h1>", top, StringComparison.Ordinal);
        Assert.Contains("Scenario test · turns played: 1", top, StringComparison.Ordinal);
        Assert.DoesNotContain("s8f3a2c91d0", top, StringComparison.Ordinal);
        Assert.DoesNotContain("9c1e7f0a4b", top, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", top, StringComparison.Ordinal);

        var last = html[html.LastIndexOf("<p class=\"reproduce\"", StringComparison.Ordinal)..];
        Assert.StartsWith("<p class=\"reproduce\" data-section=\"reproduce\">Session s8f3a2c91d0 · state hash 9c1e7f0a4b: the same scenario, seed and moves give the same hash.</p></body>", last, StringComparison.Ordinal);
    }

    [Fact]
    public void The_debrief_draws_each_country_of_the_colour_table_in_its_colour_and_any_other_in_a_spare_one()
    {
        // The table is CountryColours, which the pages' table is generated from (WebContractTests checks it is current).
        string[] countries = [.. CountryColours.Fixed.Select(c => c.Key), "ROW", "SAU", "BRA"];
        var status = new StatusDto("s1", "test", "A test", "CODE", SessionPhase.Ended, 1, 8, "2026-Q2", null, 0, "h0", [], null, 0, []);
        var turn = new TurnSummary(
            0, "2026-Q1", "h0", [], [], [], [.. countries.Select(c => new IndicatorShift(c, "gdp", 100, 101))],
            [.. countries.Select(c => new ScoreLine(c, 50, 50, 50, 50, 50, 50, 60))], [], []);
        var html = new DiploSim.Server.Api.SessionRecord(status, [turn], []).Html();

        var drawn = Regex.Matches(html, "<polyline fill=\"none\" stroke=\"(?<colour>#[0-9a-f]{6})\"[^>]*><title>(?<country>[^<]*)</title>")
            .Select(m => (Country: m.Groups["country"].Value, Colour: m.Groups["colour"].Value))
            .Distinct()
            .ToList();
        Assert.Equal(countries.Select(c => (Country: c, Colour: CountryColours.Of(c))).Order(), drawn.Order());
        foreach (var (code, colour) in CountryColours.Fixed)
        {
            Assert.Equal(colour, CountryColours.Of(code));
        }

        Assert.All(["ROW", "SAU", "BRA"], c => Assert.Contains(CountryColours.Of(c), CountryColours.Spare));
    }

    [Fact]
    public void The_debrief_s_charts_number_the_turns_and_colour_the_countries_as_the_pages_do()
    {
        // Two turns played: a chart has three points, the start and the end of turns 0 and 1, as on the console's charts.
        static TurnSummary Turn(int turn) => new(
            turn, $"2026-Q{turn + 1}", $"h{turn}", [], [], [], [new IndicatorShift("IND", "gdp", 100 + turn, 101 + turn), new IndicatorShift("SAU", "gdp", 50, 50)],
            [new ScoreLine("IND", 50, 50, 50, 50, 50, 50, 61), new ScoreLine("SAU", 50, 50, 50, 50, 50, 50, 55)], [], []);
        var status = new StatusDto("s1", "test", "A test", "CODE", SessionPhase.Ended, 2, 8, "2026-Q3", null, 0, "h1", [], null, 0, []);
        var html = new DiploSim.Server.Api.SessionRecord(status, [Turn(0), Turn(1)], []).Html();

        var axis = html[html.IndexOf("<g class=\"x-axis\">", StringComparison.Ordinal)..];
        axis = axis[..axis.IndexOf("</g>", StringComparison.Ordinal)];
        Assert.Equal(["start", "0", "1", "Turn"], Regex.Matches(axis, "<text[^>]*>([^<]*)</text>").Select(m => m.Groups[1].Value));

        // India is orange and an unnamed code takes the spare colour the hash gives it (CountryColours.Of: '#0969da' for SAU).
        Assert.Contains("<polyline fill=\"none\" stroke=\"#d55e00\"", html, StringComparison.Ordinal);
        Assert.Contains("<polyline fill=\"none\" stroke=\"#0969da\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("#cf222e\" stroke-width", html, StringComparison.Ordinal);

        // The score chart has no empty start point (a world is scored when a turn resolves): it opens at turn 0.
        var scores = html[html.LastIndexOf("<figure class=\"chart\">", StringComparison.Ordinal)..];
        var scoreAxis = scores[scores.IndexOf("<g class=\"x-axis\">", StringComparison.Ordinal)..];
        scoreAxis = scoreAxis[..scoreAxis.IndexOf("</g>", StringComparison.Ordinal)];
        Assert.Equal(["0", "1", "Turn"], Regex.Matches(scoreAxis, "<text[^>]*>([^<]*)</text>").Select(m => m.Groups[1].Value));

        // After one turn it has one point a country, a dot in the middle of the chart, not at its right edge.
        var oneTurn = new DiploSim.Server.Api.SessionRecord(status, [Turn(0)], []).Html();
        var scoreChart = oneTurn[oneTurn.LastIndexOf("<figure class=\"chart\">", StringComparison.Ordinal)..];
        // Drawn for a laptop, a phone and a small phone (one of them shown): two dots in each, in the middle of its plot.
        Assert.Equal(["wide", "narrow", "small"], Regex.Matches(scoreChart, "<svg class=\"(\\w+)\"").Select(m => m.Groups[1].Value));
        var shapes = scoreChart.Split("</svg>")[..3];
        Assert.Equal(["294.0", "294.0"], Regex.Matches(shapes[0], "<circle cx=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.Equal(["189.0", "189.0"], Regex.Matches(shapes[1], "<circle cx=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.Equal(["163.0", "163.0"], Regex.Matches(shapes[2], "<circle cx=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.Empty(Regex.Matches(html, "<circle "));
    }

    [Fact]
    public void An_event_the_teacher_set_off_and_a_what_if_copy_read_in_the_timeline_in_words_not_ids()
    {
        var status = new StatusDto("s1", "test", "A test", "CODE", SessionPhase.Ended, 1, 8, "2026-Q2", null, 0, "h0", [], null, 0, []);
        var record = new DiploSim.Server.Api.SessionRecord(
            status,
            [new TurnSummary(0, "2026-Q1", "h0", [], [new ShockNote("gulf-ceasefire", "A ceasefire holds in the Gulf", [])], [], [], [], [], [])],
            [
                new EventDto(1, 0, "teacher", "InjectFired", "inject fired: gulf-ceasefire", Turn: 0, ShockId: "gulf-ceasefire"),
                new EventDto(2, 0, "teacher", "InjectFired", "inject fired: Monsoon fails", Turn: 0, ShockId: "adhoc-1"),
                new EventDto(3, 0, "teacher", "ForkedInto", "forked at turn 1 into s0a1b2c3d4e", Turn: 1, SessionId: "s0a1b2c3d4e"),
            ]);

        var text = System.Net.WebUtility.HtmlDecode(Regex.Replace(record.Html(), "<[^>]+>", " "));
        Assert.Contains("News flash: A ceasefire holds in the Gulf", text, StringComparison.Ordinal);
        Assert.Contains("News flash: Monsoon fails", text, StringComparison.Ordinal);
        Assert.DoesNotContain("gulf-ceasefire", text, StringComparison.Ordinal);
        Assert.DoesNotContain("inject", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("A what-if copy of the game was made at turn 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s0a1b2c3d4e", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_with_the_teacher_pass_in_its_address_is_refused()
    {
        var session = await server.CreateSession();
        using var reply = await server.Http.GetAsync(new Uri($"/api/export/json?pass={Uri.EscapeDataString(session.TeacherPass)}", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, reply.StatusCode);
        Assert.Contains("{", await Export("json", session.TeacherPass), StringComparison.Ordinal);
    }

    /// <summary>The session's token a pass carries (<c>role|session|country|token|mac</c>).</summary>
    private static string Token(string pass) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(pass)).Split('|')[3];
}
