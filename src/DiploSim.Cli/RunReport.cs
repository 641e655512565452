using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Collections.Immutable;
using DiploSim.Batch;
using DiploSim.Core;
using DiploSim.Core.State;
using Spectre.Console;

namespace DiploSim.Cli;

/// <summary>A headless run's history: per turn the shocks, the news, key indicators and the state hash.</summary>
internal static class RunReport
{
    // A number that is not finite (which a valid scenario never gives) is written as "NaN" or "Infinity" rather than failing the document.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private sealed record ActorRow(string Actor, double Gdp, double Growth, double Stability, double Utility);

    private sealed record TurnRow(
        int Turn, string Date, string Hash, double OilPrice, double Tension, double DollarShare,
        IReadOnlyList<string> Shocks, IReadOnlyList<string> ShockNotes, IReadOnlyList<string> News, int MovesAccepted, int MovesRejected, IReadOnlyList<ActorRow> Actors);

    /// <summary>
    /// Plays and writes the run; returns null, or what went wrong if the world reached a number that is not finite.
    /// <paramref name="bots"/> (default: every seat on its doctrine) are applied as a batch applies them: overrides
    /// go into the turn-0 world and passive seats make no move. <paramref name="metrics"/> are the columns of the
    /// <c>wide</c> format.
    /// </summary>
    public static string? Write(Scenario scenario, ulong seed, int turns, string format, TextWriter output,
        ImmutableArray<ActorPolicy> bots = default, ImmutableArray<Metric> metrics = default)
    {
        string? failure = null;
        var world = bots.IsDefaultOrEmpty ? scenario.World : BotPolicies.Apply(scenario.World, bots);
        var movers = bots.IsDefaultOrEmpty ? null : bots.Where(b => b.Moves).Select(b => b.Actor).ToArray();
        var results = Simulation.Play(world, scenario.Script, turns, ResolveOptions.Full, movers)
            .TakeWhile(_ => failure is null)
            .Select(result =>
            {
                if (StateHash.NonFinite(result.State) is > 0 and var count)
                {
                    failure = string.Create(CultureInfo.InvariantCulture, $"turn {result.Outcome.Turn} left {count} figure(s) of the world not finite (NaN or infinite)");
                }

                return result;
            });
        if (format == "wide")
        {
            WriteWide(results, metrics.IsDefault ? [] : metrics, output);
            return failure;
        }

        var rows = results.Select(Row);
        switch (format)
        {
            case "json":
                var list = rows.ToList();
                output.WriteLine(JsonSerializer.Serialize(new { scenario = scenario.Id, seed = seed.ToString(CultureInfo.InvariantCulture), turns, parameters = Parameters(scenario.World.Parameters), history = list }, Json));
                break;
            case "csv":
                WriteCsv(rows, output);
                break;
            default:
                WriteTables(scenario, seed, turns, rows, output);
                break;
        }

        return failure;
    }

    private static Dictionary<string, double> Parameters(ModelParameters p) =>
        ModelParameters.ScalarNames.Zip(p.ScalarValues()).ToDictionary(x => x.First, x => x.Second, StringComparer.Ordinal);

    private static TurnRow Row(TurnResult result)
    {
        var o = result.Outcome;
        var s = result.State;
        return new TurnRow(
            o.Turn, o.Date, o.StateHash, s.Global.OilPrice, s.Global.Tension, s.Global.DollarShare,
            [.. o.Shocks.Select(x => x.Headline)],
            [.. o.Shocks.SelectMany(x => x.Notes.Select(n => $"{x.Id}: {n}"))],
            [.. o.News.Where(n => n.Category != "shock").Select(n => n.Headline)],
            o.Moves.Count(m => m.Accepted), o.Moves.Count(m => !m.Accepted),
            [.. s.Actors.Select(a => new ActorRow(a.Id, a.Gdp, a.Growth, a.Stability, a.Scores.Utility))]);
    }

    private static void WriteCsv(IEnumerable<TurnRow> rows, TextWriter output)
    {
        output.WriteLine("turn,date,actor,gdp,growth,stability,utility,oil_price,tension,dollar_share,shocks,state_hash");
        foreach (var r in rows)
        {
            var shocks = Quote(string.Join(" | ", r.Shocks));
            foreach (var a in r.Actors)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Turn},{r.Date},{a.Actor},{a.Gdp:0.###},{a.Growth:0.######},{a.Stability:0.###},{a.Utility:0.###},{r.OilPrice:0.###},{r.Tension:0.###},{r.DollarShare:0.####},{shocks},{r.Hash}"));
            }
        }
    }

    /// <summary>One row per turn: turn, date, a column per metric (named as in batch's turns.csv), the state hash.</summary>
    private static void WriteWide(IEnumerable<TurnResult> results, ImmutableArray<Metric> metrics, TextWriter output)
    {
        output.Write(string.Join(',', new[] { "turn", "date" }.Concat(metrics.Select(m => m.Name)).Append("state_hash").Select(Csv.Quote)) + "\n");
        foreach (var r in results)
        {
            output.Write(Csv.FormatRow([r.Outcome.Turn, r.Outcome.Date, .. metrics.Select(m => (object)m.Read(r.State)), r.Outcome.StateHash]) + "\n");
        }
    }

    private static string Quote(string text) => text.Length == 0 ? "" : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void WriteTables(Scenario scenario, ulong seed, int turns, IEnumerable<TurnRow> rows, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 110;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario.Title} — seed {seed}, {turns} turns"));
        foreach (var r in rows)
        {
            console.WriteLine();
            console.Write(new Rule(string.Create(CultureInfo.InvariantCulture, $"Turn {r.Turn} · {r.Date} · hash {r.Hash}")).LeftJustified());
            foreach (var shock in r.Shocks)
            {
                console.WriteLine("  SHOCK  " + shock);
            }

            foreach (var note in r.ShockNotes)
            {
                console.WriteLine("  not applied  " + note);
            }

            foreach (var news in r.News)
            {
                console.WriteLine("  news   " + news);
            }

            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  oil ${r.OilPrice:0.0}/bbl · tension {r.Tension:0.0} · dollar share {r.DollarShare:P1} · moves {r.MovesAccepted} accepted, {r.MovesRejected} rejected"));
            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("actor").AddColumn(new TableColumn("GDP $bn").RightAligned()).AddColumn(new TableColumn("growth").RightAligned())
                .AddColumn(new TableColumn("stability").RightAligned()).AddColumn(new TableColumn("utility").RightAligned());
            foreach (var a in r.Actors)
            {
                table.AddRow(
                    a.Actor,
                    a.Gdp.ToString("N0", CultureInfo.InvariantCulture),
                    a.Growth.ToString("P1", CultureInfo.InvariantCulture),
                    a.Stability.ToString("0.0", CultureInfo.InvariantCulture),
                    a.Utility.ToString("0.0", CultureInfo.InvariantCulture));
            }

            console.Write(table);
        }
    }
}
