using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DiploSim.Contracts;
using DiploSim.Server.Hub;

namespace DiploSim.Server.Api;

/// <summary>
/// A session's record for the debrief: per-turn series, the timeline, agreements and scores. <paramref name="Names"/>
/// gives each country's name by its code (the scenario's); the debrief writes names, never codes.
/// </summary>
public sealed partial record SessionRecord(StatusDto Status, ImmutableArray<TurnSummary> History, ImmutableArray<EventDto> Log, ImmutableSortedDictionary<string, string>? Names = null)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A country's name for its code (the code itself when the scenario does not name it).</summary>
    public string Name(string? code) => code is null ? string.Empty : Names?.GetValueOrDefault(code) ?? code;

    /// <summary>
    /// Text the server wrote (a news line, a timeline entry) with names for country codes and, for a generated proposal
    /// id ('IND-0-o873', 'EU-IND-VisaFacilitation-1'), the words <paramref name="proposal"/> with its proposer's name.
    /// </summary>
    public string Plain(string? text, string proposal)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        text = ProposalId().Replace(text, m => string.Format(Inv, proposal, Name(m.Groups[1].Value)));
        return CountryCode().Replace(text, m => Names?.GetValueOrDefault(m.Value) ?? m.Value);
    }

    /// <summary>How the wire's timeline text starts for an event the teacher set off (<c>Wire</c>), before its headline.</summary>
    private const string InjectPrefix = "inject fired: ";

    [GeneratedRegex(@"\b(?:proposal )?([A-Z]{2,3})-(?:\d+-[a-z0-9]{3,8}|[A-Z]{2,3}-[A-Za-z]+-\d+)\b")]
    private static partial Regex ProposalId();

    [GeneratedRegex(@"\b[A-Z]{2,3}\b")]
    private static partial Regex CountryCode();

    /// <summary>Names joined as a sentence lists them: 'India, Russia and China'.</summary>
    private string List(IEnumerable<string> codes, string and)
    {
        var names = codes.Select(Name).ToList();
        return names.Count <= 1 ? string.Concat(names) : $"{string.Join(", ", names[..^1])}{and}{names[^1]}";
    }

    /// <summary>The countries, in the order the final scores list them.</summary>
    public string[] Countries => History.Length > 0 ? [.. History[^1].Scores.Select(s => s.Actor)] : [.. Status.Seats.Select(s => s.Country)];

    /// <summary>An indicator's value after each turn (index 0: before the first), carried forward where it did not move; null where never seen.</summary>
    public double?[] Series(string actor, string indicator)
    {
        var values = new double?[History.Length + 1];
        double? last = null;
        for (var i = 0; i < History.Length; i++)
        {
            var change = History[i].Changes.FirstOrDefault(c => c.Subject == actor && c.Indicator == indicator);
            if (change is not null)
            {
                last ??= change.Before;
                for (var j = 0; j <= i; j++)
                {
                    values[j] ??= change.Before;
                }
            }

            values[i + 1] = change?.After ?? last;
            last = values[i + 1];
        }

        return values;
    }

    /// <summary>An actor's utility after each turn: none before the first (a world is scored when a turn resolves), so no empty start point.</summary>
    public double?[] Utility(string actor) =>
        [.. History.Select(t => t.Scores.FirstOrDefault(s => s.Actor == actor)?.Utility)];

    /// <summary>One row per turn and country: the scores and the main indicators.</summary>
    public string Csv()
    {
        var sb = new StringBuilder("session,turn,date,country,gdp,growth,stability,capital,prosperity,security,energy_security,autonomy,influence,goals,utility\n");
        foreach (var country in Countries)
        {
            var (gdp, growth, stability, capital) = (Series(country, "gdp"), Series(country, "growth"), Series(country, "stability"), Series(country, "capital"));
            for (var i = 0; i < History.Length; i++)
            {
                var t = History[i];
                var s = t.Scores.FirstOrDefault(x => x.Actor == country);
                sb.Append(Inv, $"{Status.SessionId},{t.Turn},{t.Date},{country},{N(gdp[i + 1])},{N(growth[i + 1])},{N(stability[i + 1])},{N(capital[i + 1])},")
                  .Append(Inv, $"{N(s?.Prosperity)},{N(s?.Security)},{N(s?.EnergySecurity)},{N(s?.Autonomy)},{N(s?.Influence)},{N(s?.Goals)},{N(s?.Utility)}\n");
            }
        }

        return sb.ToString();
    }

    private static string N(double? v) => v is { } x ? x.ToString("R", Inv) : string.Empty;

    /// <summary>
    /// A self-contained HTML report: inline SVG charts, no scripts, nothing fetched. Times are on the 24-hour clock in
    /// <paramref name="zone"/> (the teacher's, so they match the console's timeline), UTC when none is given. Its headings
    /// and labels are <paramref name="words"/>, <see cref="DebriefWords.English"/> when none are given.
    /// </summary>
    public string Html(TimeZoneInfo? zone = null, DebriefWords? words = null)
    {
        zone ??= TimeZoneInfo.Utc;
        words ??= DebriefWords.English;
        string Say(string template, params object?[] values) => WebUtility.HtmlEncode(string.Format(Inv, template, values));
        string Clock(long atMs) => TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(atMs), zone).ToString("HH:mm:ss", Inv);
        var title = Say(words.Title, Status.Title, Status.SessionId);
        var sb = new StringBuilder();
        sb.Append(Inv, $$"""
            <!doctype html><html lang="{{WebUtility.HtmlEncode(words.Language)}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>{{title}}</title><style>
            body{font:16px/1.4 system-ui,sans-serif;margin:1rem auto;max-width:70rem;padding:0 1rem;color:#1b1f24}
            h1{font-size:1.6rem} figure{display:inline-block;margin:.5rem 0;vertical-align:top;max-width:100%} svg{background:#fafbfc;border:1px solid #d0d7de;max-width:100%;height:auto}
            p{overflow-wrap:anywhere} table{border-collapse:collapse;display:block;max-width:100%;overflow-x:auto} td,th{border:1px solid #d0d7de;padding:.2rem .5rem;text-align:left} .kept{color:#1a7f37} .broken{color:#cf222e} .reproduce{margin-top:2rem;color:#57606a;font-size:.875rem}
            svg{box-sizing:border-box} svg.narrow,svg.small{display:none} @media (max-width:42rem){svg.wide{display:none} svg.narrow{display:block} } @media (max-width:22.5rem){svg.narrow{display:none} svg.small{display:block} }
            @media (max-width:40rem){table,tbody,tr,td{display:block} thead{display:none} tr{display:grid;grid-template-columns:repeat(auto-fill,minmax(7rem,1fr));gap:.3rem .75rem;padding:.5rem 0;border-bottom:1px solid #d0d7de} td{border:0;padding:0} td:first-child{grid-column:1/-1;font-weight:600} td:not(:first-child)::before{content:attr(data-label);display:block;font-size:.875em;color:#57606a} }
            </style></head><body><h1>{{title}}</h1>
            <p>{{Say(words.Summary, Status.ScenarioId, History.Length, Status.StateHash)}}</p>
            <h2>{{Say(words.Charts)}}</h2>
            """);
        sb.Append(Chart(words, words.Gdp, words.GdpUnit, c => Series(c, "gdp")));
        sb.Append(Chart(words, words.Stability, words.OutOf100, c => Series(c, "stability")));
        sb.Append(Chart(words, words.Score, words.OutOf100, Utility, fromStart: false));
        sb.Append(Inv, $"<h2>{Say(words.FinalScores)}</h2>");
        if (History.IsDefaultOrEmpty)
        {
            sb.Append(Inv, $"<p data-section=\"scores\">{Say(words.NoScores)}</p>");
        }
        else
        {
            // On a phone each country's scores stack, each under its heading (the cell's data-label).
            var head = words.ScoresHead.Select(h => Say(h)).ToList();
            sb.Append(Inv, $"<table data-section=\"scores\"><thead><tr>{string.Concat(head.Select(h => $"<th>{h}</th>"))}</tr></thead><tbody>");
            foreach (var s in History[^1].Scores)
            {
                string[] cells = [WebUtility.HtmlEncode(Name(s.Actor)), .. new[] { s.Prosperity, s.Security, s.EnergySecurity, s.Autonomy, s.Influence, s.Goals, s.Utility }.Select(v => v.ToString("F2", Inv))];
                sb.Append(Inv, $"<tr>{string.Concat(cells.Select((c, i) => $"<td data-label=\"{head.ElementAtOrDefault(i)}\">{c}</td>"))}</tr>");
            }

            sb.Append("</tbody></table>");
        }

        // Agreements as the model recorded them in each turn's outcome: each one signed, and each breach of one (not the proposals).
        sb.Append(Inv, $"<h2>{Say(words.Agreements)}</h2><ul data-section=\"agreements\">");
        string Kind(string kind) => words.AgreementKinds.GetValueOrDefault(kind) ?? kind;
        foreach (var t in History)
        {
            foreach (var a in t.Signed)
            {
                sb.Append(Inv, $"<li class=\"kept\">{Say(words.TurnLine, t.Turn)}: {Say(words.Signed, List(a.Parties, words.And), Kind(a.Kind))}</li>");
            }

            foreach (var b in t.Breaches)
            {
                sb.Append(Inv, $"<li class=\"broken\">{Say(words.TurnLine, t.Turn)}: {Say(words.Broken, Name(b.Breacher), Kind(b.Kind), List(b.Parties.Where(p => p != b.Breacher), words.And))}</li>");
            }
        }

        if (History.All(t => t.Signed.IsDefaultOrEmpty && t.Breaches.IsDefaultOrEmpty))
        {
            sb.Append(Inv, $"<li>{Say(words.NoAgreements)}</li>");
        }

        // Messages have their own list below; pass replacements are in, since their text names the holder, never a token.
        sb.Append(Inv, $"</ul><h2>{Say(words.Timeline)}</h2><p>{Say(words.TimelineNote, zone.Id)}</p><ol class=\"timeline\">");
        // An event the teacher set off reads as its headline (the shock notes of the turns played carry it), not its id.
        var headlines = History.SelectMany(t => t.Shocks).GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Headline, StringComparer.Ordinal);
        foreach (var e in Log.Where(e => e.Kind is not "ReadinessChanged" and not "MessageSent"))
        {
            var text = e.Kind switch
            {
                "InjectFired" => string.Format(Inv, words.InjectFired, e.ShockId is { } shock && headlines.TryGetValue(shock, out var headline) ? headline : e.Text.Replace(InjectPrefix, string.Empty, StringComparison.Ordinal)),
                "ForkedInto" => string.Format(Inv, words.ForkedInto, e.Turn),
                "ForkedFrom" => string.Format(Inv, words.ForkedFrom, e.Turn),
                _ => e.Text,
            };
            sb.Append(Inv, $"<li>{Clock(e.AtMs)} <b>{WebUtility.HtmlEncode(Plain(e.By, words.Proposal))}</b>: {WebUtility.HtmlEncode(Plain(text, words.Proposal))}</li>");
        }

        sb.Append(Inv, $"</ol><h2>{Say(words.News)}</h2><ul>");
        foreach (var n in History.SelectMany(t => t.News))
        {
            var body = n.Body == n.Headline ? string.Empty : WebUtility.HtmlEncode(Plain(n.Body, words.Proposal));
            sb.Append(Inv, $"<li>{Say(words.TurnLine, n.Turn)}: <b>{WebUtility.HtmlEncode(Plain(n.Headline, words.Proposal))}</b> {body}</li>");
        }

        sb.Append(Inv, $"</ul><h2>{Say(words.Messages)}</h2><ul>");
        foreach (var m in Log.Where(e => e.Kind == "MessageSent"))
        {
            sb.Append(Inv, $"<li>{Say(words.TurnLine, m.Turn)}, {Clock(m.AtMs)}, {WebUtility.HtmlEncode(Name(m.Country))} → {WebUtility.HtmlEncode(m.To is null ? words.Everyone : Name(m.To))}: {WebUtility.HtmlEncode(m.Message)}</li>");
        }

        sb.Append(Inv, $"</ul><p class=\"reproduce\" data-section=\"reproduce\">{Say(words.Reproduce, Status.SessionId, Status.StateHash)}</p></body></html>\n");
        return sb.ToString();
    }

    /// <summary>
    /// A chart drawn three times, for the box it is read in, each with its text at 13 px as drawn (12 px or more as a phone
    /// or a laptop shows it, never scaled down): a laptop's (<see cref="Wide"/>, the legend beside the lines), in a window
    /// narrower than 42rem a phone's (<see cref="Narrow"/>, fewer turn ticks, the unit over the lines and the legend under
    /// them), and in one of 360 px or less a small phone's (<see cref="Small"/>). Only one is displayed (the others are
    /// display:none, so a screen reader meets the chart once).
    /// </summary>
    private sealed record ChartShape(string Class, double W, double PlotHeight, double Left, double Right, double Top, bool LegendUnder, int MaxTurnTicks);

    private static readonly ChartShape Wide = new("wide", W: 620, PlotHeight: 220, Left: 84, Right: 116, Top: 16, LegendUnder: false, MaxTurnTicks: 12);

    /// <summary>340 wide: a 390 px phone has 356 px for it inside the page's margins, so it is drawn at its own size.</summary>
    private static readonly ChartShape Narrow = new("narrow", W: 340, PlotHeight: 170, Left: 52, Right: 14, Top: 26, LegendUnder: true, MaxTurnTicks: 6);

    /// <summary>280 wide: a 320 px phone has 286 px for it inside the page's margins (Narrow there would be drawn at 0.84, its text at 11 px).</summary>
    private static readonly ChartShape Small = new("small", W: 280, PlotHeight: 150, Left: 56, Right: 10, Top: 26, LegendUnder: true, MaxTurnTicks: 4);

    private const double FontPx = 13, AxisBand = 44, LegendRow = 18;

    /// <summary>
    /// A line chart with its axes: the turn along the bottom (a tick per turn, every few turns in a long game), the value up
    /// the side with five round ticks, and a legend naming each country in its colour; in each of its shapes. A chart
    /// <paramref name="fromStart"/> opens with the figures the game started from; the others (scores) with the end of
    /// turn 0, and a single point stands in the middle, not at an edge.
    /// </summary>
    private string Chart(DebriefWords words, string title, string unit, Func<string, double?[]> series, bool fromStart = true)
    {
        var lines = Countries.Select(c => (Country: c, Values: series(c))).ToList();
        var label = WebUtility.HtmlEncode(string.Format(Inv, words.ChartLabel, title, unit));
        return $"<figure class=\"chart\"><figcaption>{WebUtility.HtmlEncode(title)}</figcaption>{Chart(Wide, words, label, unit, lines, fromStart)}{Chart(Narrow, words, label, unit, lines, fromStart)}{Chart(Small, words, label, unit, lines, fromStart)}</figure>";
    }

    private string Chart(ChartShape shape, DebriefWords words, string label, string unit, List<(string Country, double?[] Values)> lines, bool fromStart)
    {
        var (w, left, right, top) = (shape.W, shape.Left, shape.Right, shape.Top);
        var columns = 2;
        var legendRows = shape.LegendUnder ? (lines.Count + columns - 1) / columns : 0;
        var axisY = top + shape.PlotHeight;
        var h = axisY + AxisBand + (legendRows * LegendRow) + (legendRows > 0 ? 4 : 0);
        var all = lines.SelectMany(l => l.Values).OfType<double>().ToList();
        var sb = new StringBuilder().Append(Inv, $"<svg class=\"{shape.Class}\" role=\"img\" aria-label=\"{label}\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-size=\"{FontPx}\">");
        if (all.Count > 0)
        {
            var (lo, hi) = (all.Min(), all.Max());
            if (hi - lo < 1e-9)
            {
                (lo, hi) = (lo - 1, hi + 1);
            }

            // Round ticks: a step of 1, 2 or 5 times a power of ten, about four of them across the range.
            var raw = (hi - lo) / 4;
            var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            var step = new[] { 1, 2, 5, 10 }.Select(m => m * power).First(x => x >= raw);
            (lo, hi) = (Math.Floor(lo / step) * step, Math.Ceiling(hi / step) * step);
            var digits = step >= 1 ? 0 : (int)Math.Ceiling(-Math.Log10(step));

            var ticks = History.Length + (fromStart ? 1 : 0);
            var n = Math.Max(1, ticks - 1);
            double X(int i) => ticks == 1 ? (left + w - right) / 2 : left + ((w - left - right) * i / n);
            double Y(double v) => axisY - (shape.PlotHeight * (v - lo) / (hi - lo));
            sb.Append(Inv, $"<g class=\"y-axis\"><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{axisY}\" stroke=\"#57606a\"/>");
            for (var v = lo; v <= hi + (step / 2); v += step)
            {
                sb.Append(Inv, $"<line x1=\"{left}\" y1=\"{Y(v):F1}\" x2=\"{w - right}\" y2=\"{Y(v):F1}\" stroke=\"#d0d7de\"/><text x=\"{left - 6}\" y=\"{Y(v) + 4:F1}\" text-anchor=\"end\">{v.ToString("N" + digits, Inv)}</text>");
            }

            // The unit up the side beside a laptop's chart; over a phone's, whose side has no room for it.
            sb.Append(shape.LegendUnder
                ? string.Create(Inv, $"<text x=\"4\" y=\"{top - 10}\">{WebUtility.HtmlEncode(unit)}</text></g>")
                : string.Create(Inv, $"<text transform=\"rotate(-90)\" x=\"{-(axisY + top) / 2:F1}\" y=\"14\" text-anchor=\"middle\">{WebUtility.HtmlEncode(unit)}</text></g>"));
            var every = Math.Max(1, (int)Math.Ceiling(n / (double)shape.MaxTurnTicks));
            sb.Append(Inv, $"<g class=\"x-axis\"><line x1=\"{left}\" y1=\"{axisY}\" x2=\"{w - right}\" y2=\"{axisY}\" stroke=\"#57606a\"/>");
            for (var i = 0; i < ticks; i += every)
            {
                var tick = !fromStart ? i.ToString(Inv) : i == 0 ? WebUtility.HtmlEncode(words.Start) : (i - 1).ToString(Inv);
                sb.Append(Inv, $"<line x1=\"{X(i):F1}\" y1=\"{axisY}\" x2=\"{X(i):F1}\" y2=\"{axisY + 4}\" stroke=\"#57606a\"/><text x=\"{X(i):F1}\" y=\"{axisY + 18}\" text-anchor=\"middle\">{tick}</text>");
            }

            sb.Append(Inv, $"<text x=\"{(left + w - right) / 2:F1}\" y=\"{axisY + AxisBand - 6}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(words.TurnAxis)}</text></g>");
            for (var k = 0; k < lines.Count; k++)
            {
                var points = lines[k].Values.Select((v, i) => v is { } y ? (X: X(i), Y: Y(y)) : ((double X, double Y)?)null).OfType<(double X, double Y)>().ToList();
                // The country's colour on the pages too (the web client's table is generated from CountryColours).
                var color = CountryColours.Of(lines[k].Country);
                var name = WebUtility.HtmlEncode(Name(lines[k].Country));
                sb.Append(Inv, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(' ', points.Select(p => string.Create(Inv, $"{p.X:F1},{p.Y:F1}")))}\"><title>{name}</title></polyline>");

                // A line of one point draws nothing (the scores after a single turn): a dot shows it.
                if (points is [var only])
                {
                    sb.Append(Inv, $"<circle cx=\"{only.X:F1}\" cy=\"{only.Y:F1}\" r=\"3.5\" fill=\"{color}\"><title>{name}</title></circle>");
                }

                if (shape.LegendUnder)
                {
                    // Two names a row under the turn axis, each after a stroke of its line's colour.
                    var (x, y) = (8 + ((w - 8) / columns * (k % columns)), axisY + AxisBand + (LegendRow * (k / columns)) + 12);
                    sb.Append(Inv, $"<line x1=\"{x}\" y1=\"{y - 4}\" x2=\"{x + 14}\" y2=\"{y - 4}\" stroke=\"{color}\" stroke-width=\"3\"/><text x=\"{x + 19}\" y=\"{y}\" fill=\"{color}\">{name}</text>");
                }
                else
                {
                    sb.Append(Inv, $"<text x=\"{w - right + 6}\" y=\"{top + 10 + (15 * k)}\" fill=\"{color}\">{name}</text>");
                }
            }
        }

        return sb.Append("</svg>").ToString();
    }
}
