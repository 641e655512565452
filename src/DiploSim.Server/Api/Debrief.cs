using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using DiploSim.Contracts;
using DiploSim.Server.Hub;

namespace DiploSim.Server.Api;

/// <summary>A session's record for the debrief: per-turn series, the timeline, agreements and scores.</summary>
public sealed record SessionRecord(StatusDto Status, ImmutableArray<TurnSummary> History, ImmutableArray<EventDto> Log)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

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

    public double?[] Utility(string actor) =>
        [null, .. History.Select(t => t.Scores.FirstOrDefault(s => s.Actor == actor)?.Utility)];

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

    /// <summary>A self-contained HTML report: inline SVG charts, no scripts, nothing fetched.</summary>
    public string Html()
    {
        var title = WebUtility.HtmlEncode($"Debrief — {Status.Title} ({Status.SessionId})");
        var sb = new StringBuilder();
        sb.Append(Inv, $$"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>{{title}}</title><style>
            body{font:16px/1.4 system-ui,sans-serif;margin:1rem auto;max-width:70rem;padding:0 1rem;color:#1b1f24}
            h1{font-size:1.6rem} figure{display:inline-block;margin:.5rem;vertical-align:top} svg{background:#fafbfc;border:1px solid #d0d7de}
            table{border-collapse:collapse} td,th{border:1px solid #d0d7de;padding:.2rem .5rem;text-align:left} .kept{color:#1a7f37} .broken{color:#cf222e}
            </style></head><body><h1>{{title}}</h1>
            <p>Scenario {{WebUtility.HtmlEncode(Status.ScenarioId)}} · {{History.Length}} turn(s) played · state hash <code>{{Status.StateHash}}</code></p>
            <h2>Charts</h2>
            """);
        sb.Append(Chart("GDP (USD bn)", c => Series(c, "gdp")));
        sb.Append(Chart("Stability", c => Series(c, "stability")));
        sb.Append(Chart("Utility score", Utility));
        sb.Append("<h2>Final scores</h2><table><tr><th>Country</th><th>Prosperity</th><th>Security</th><th>Energy</th><th>Autonomy</th><th>Influence</th><th>Goals</th><th>Utility</th></tr>");
        foreach (var s in History.LastOrDefault()?.Scores ?? [])
        {
            sb.Append(Inv, $"<tr><td>{s.Actor}</td><td>{s.Prosperity:F2}</td><td>{s.Security:F2}</td><td>{s.EnergySecurity:F2}</td><td>{s.Autonomy:F2}</td><td>{s.Influence:F2}</td><td>{s.Goals:F2}</td><td>{s.Utility:F2}</td></tr>");
        }

        // Agreements as the model recorded them: each one signed, and each breach of one (not the proposals).
        sb.Append("</table><h2>Agreements kept and broken</h2><ul data-section=\"agreements\">");
        foreach (var n in History.SelectMany(t => t.News).Where(n => n.Category == "agreement"))
        {
            var cls = n.Headline.Contains(" breaches ", StringComparison.Ordinal) ? "broken" : "kept";
            sb.Append(Inv, $"<li class=\"{cls}\">Turn {n.Turn}: {WebUtility.HtmlEncode(n.Headline)}</li>");
        }

        // Messages have their own list below; pass replacements are in, since their text names the holder, never a token.
        sb.Append("</ul><h2>Timeline</h2><ol class=\"timeline\">");
        foreach (var e in Log.Where(e => e.Kind is not "ReadinessChanged" and not "MessageSent"))
        {
            sb.Append(Inv, $"<li>{DateTimeOffset.FromUnixTimeMilliseconds(e.AtMs):HH:mm:ss} <b>{WebUtility.HtmlEncode(e.By)}</b>: {WebUtility.HtmlEncode(e.Text)}</li>");
        }

        sb.Append("</ol><h2>News</h2><ul>");
        foreach (var n in History.SelectMany(t => t.News))
        {
            var body = n.Body == n.Headline ? string.Empty : WebUtility.HtmlEncode(n.Body);
            sb.Append(Inv, $"<li>Turn {n.Turn}: <b>{WebUtility.HtmlEncode(n.Headline)}</b> {body}</li>");
        }

        sb.Append("</ul><h2>Every message</h2><ul>");
        foreach (var m in Log.Where(e => e.Kind == "MessageSent"))
        {
            sb.Append(Inv, $"<li>Turn {m.Turn}, {WebUtility.HtmlEncode(m.Country)} → {WebUtility.HtmlEncode(m.To ?? "all")}: {WebUtility.HtmlEncode(m.Message)}</li>");
        }

        sb.Append("</ul></body></html>\n");
        return sb.ToString();
    }

    private static readonly string[] Palette = ["#0969da", "#cf222e", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#1b7c83", "#57606a"];

    private string Chart(string title, Func<string, double?[]> series)
    {
        const double W = 520, H = 240, Pad = 36;
        var lines = Countries.Select(c => (Country: c, Values: series(c))).ToList();
        var all = lines.SelectMany(l => l.Values).OfType<double>().ToList();
        var sb = new StringBuilder().Append(Inv, $"<figure class=\"chart\"><figcaption>{WebUtility.HtmlEncode(title)}</figcaption><svg role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\">");
        if (all.Count > 0)
        {
            var (lo, hi) = (all.Min(), all.Max());
            if (hi - lo < 1e-9)
            {
                (lo, hi) = (lo - 1, hi + 1);
            }

            var n = Math.Max(1, History.Length);
            string X(int i) => (Pad + (W - 2 * Pad) * i / n).ToString("F1", Inv);
            string Y(double v) => (H - Pad - (H - 2 * Pad) * (v - lo) / (hi - lo)).ToString("F1", Inv);
            sb.Append(Inv, $"<text x=\"4\" y=\"{Pad}\" font-size=\"11\">{hi:G4}</text><text x=\"4\" y=\"{H - Pad}\" font-size=\"11\">{lo:G4}</text>");
            for (var k = 0; k < lines.Count; k++)
            {
                var points = lines[k].Values.Select((v, i) => v is { } y ? $"{X(i)},{Y(y)}" : null).OfType<string>();
                var color = Palette[k % Palette.Length];
                sb.Append(Inv, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(' ', points)}\"><title>{lines[k].Country}</title></polyline>");
                sb.Append(Inv, $"<text x=\"{W - Pad + 2}\" y=\"{14 + 12 * k}\" font-size=\"11\" fill=\"{color}\">{lines[k].Country}</text>");
            }
        }

        return sb.Append("</svg></figure>").ToString();
    }
}
