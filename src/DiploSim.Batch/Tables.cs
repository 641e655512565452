using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace DiploSim.Batch;

/// <summary>The type of a table column, as written to Parquet.</summary>
public enum ColumnKind
{
    Int32,
    Int64,
    Double,
    String,

    /// <summary>An int32 that may be missing: empty in CSV, null in Parquet.</summary>
    NullableInt32,
}

public sealed record Column(string Name, ColumnKind Kind);

/// <summary>A table's columns. Rows are arrays of boxed <see cref="int"/>, <see cref="long"/>, <see cref="double"/> or <see cref="string"/> (null for a missing <see cref="ColumnKind.NullableInt32"/>).</summary>
public sealed record TableSchema(ImmutableArray<Column> Columns)
{
    public int IndexOf(string name) => Columns.IndexOf(Columns.FirstOrDefault(c => c.Name == name)!);

    public string Header => string.Join(',', Columns.Select(c => Csv.Quote(c.Name)));
}

/// <summary>The three tables of a batch: per turn, per run and the summary.</summary>
public static class BatchTables
{
    public static TableSchema Turns(BatchPlan plan) => new(
        [.. Key(plan), new Column("turn", ColumnKind.Int32), .. plan.Metrics.Select(m => new Column(m.Name, ColumnKind.Double)),
            new Column("state_hash", ColumnKind.String)]);

    public static TableSchema Runs(BatchPlan plan) => new(
        [.. Key(plan), .. BotColumns(plan).Select(name => new Column(name, ColumnKind.String)),
            new Column("status", ColumnKind.String), new Column("error", ColumnKind.String), new Column("turns", ColumnKind.Int32),
            .. plan.Metrics.Select(m => new Column(m.Name, ColumnKind.Double)),
            .. ScoreColumns(plan).Select(name => new Column(name, ColumnKind.Double)),
            .. ActivityColumns(plan).Select(name => new Column(name, ColumnKind.Int32)),
            .. (plan.Conditions.IsDefault ? [] : plan.Conditions).SelectMany(c =>
                new[] { new Column(c.FirstTurnColumn, ColumnKind.NullableInt32), new Column(c.TurnsColumn, ColumnKind.Int32) }),
            new Column("shock_count", ColumnKind.Int32), new Column("shocks", ColumnKind.String), new Column("state_hash", ColumnKind.String)]);

    public static TableSchema Summary(BatchPlan plan) => new(
        [new Column("point", ColumnKind.Int32), new Column("set", ColumnKind.String),
            .. ParameterColumns(plan),
            new Column("turn", ColumnKind.Int32), new Column("metric", ColumnKind.String), new Column("n", ColumnKind.Int32),
            new Column("mean", ColumnKind.Double), new Column("sd", ColumnKind.Double),
            new Column("ci95_low", ColumnKind.Double), new Column("ci95_high", ColumnKind.Double)]);

    /// <summary>The sensitivity indices of a Sobol or Morris batch: one row per metric, parameter and index.</summary>
    public static TableSchema Sensitivity { get; } = new(
        [new Column("method", ColumnKind.String), new Column("metric", ColumnKind.String), new Column("parameter", ColumnKind.String),
            new Column("index", ColumnKind.String), new Column("value", ColumnKind.Double)]);

    /// <summary>Score components per actor, <c>score_utility_IND</c>, in component then actor order.</summary>
    public static IEnumerable<string> ScoreColumns(BatchPlan plan) =>
        MetricCatalog.ScoreComponents.SelectMany(c => plan.ActorIds.Select(a => $"score_{c}_{a}"));

    /// <summary>What each seat did in the run (<see cref="SeatActivity"/>), <c>moves_set_tariff_IND</c>, in measure then actor order.</summary>
    public static IEnumerable<string> ActivityColumns(BatchPlan plan) => SeatActivity.Columns(plan.ActorIds);

    /// <summary>The policy of every actor's bot in the run, <c>bot_IND</c>, when the experiment chose or swept policies; none otherwise.</summary>
    public static IEnumerable<string> BotColumns(BatchPlan plan) =>
        plan.RecordsBots ? plan.ActorIds.Select(a => $"bot_{a}") : [];

    /// <summary>The cells of <see cref="BotColumns"/>: each actor's policy in one run, described.</summary>
    public static IEnumerable<object> BotCells(BatchPlan plan, ImmutableArray<ActorPolicy> bots) =>
        plan.RecordsBots ? bots.Select(b => (object)b.Describe()) : [];

    /// <summary>One column per varied parameter: a string for a bot's policy, a double for every other.</summary>
    public static IEnumerable<Column> ParameterColumns(BatchPlan plan) =>
        plan.ParameterNames.Select(p => new Column(p, ParameterCatalog.IsText(p) ? ColumnKind.String : ColumnKind.Double));

    /// <summary>Columns that identify a run: index, repetition, parameter point, named set, seed and parameter values.</summary>
    public static IEnumerable<Column> Key(BatchPlan plan) =>
        [new Column("run", ColumnKind.Int32), new Column("repetition", ColumnKind.Int32), new Column("point", ColumnKind.Int32),
            new Column("set", ColumnKind.String), new Column("seed", ColumnKind.Int64), .. ParameterColumns(plan)];
}

/// <summary>CSV as RFC 4180: comma-separated, quoted where needed, invariant numbers that read back exactly.</summary>
public static class Csv
{
    public static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;

    public static string Format(object? value) => value switch
    {
        null => "",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => Quote(s),
        _ => throw new ArgumentException($"unsupported cell type {value.GetType()}", nameof(value)),
    };

    public static string FormatRow(object[] row) => string.Join(',', row.Select(Format));

    public static object[] ParseRow(TableSchema schema, IReadOnlyList<string> fields)
    {
        var row = new object[schema.Columns.Length];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = schema.Columns[i].Kind switch
            {
                ColumnKind.Int32 => int.Parse(fields[i], NumberStyles.Integer, CultureInfo.InvariantCulture),
                ColumnKind.Int64 => long.Parse(fields[i], NumberStyles.Integer, CultureInfo.InvariantCulture),
                ColumnKind.NullableInt32 => fields[i].Length == 0 ? null! : int.Parse(fields[i], NumberStyles.Integer, CultureInfo.InvariantCulture),
                ColumnKind.Double => double.Parse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture),
                _ => fields[i],
            };
        }

        return row;
    }

    /// <summary>
    /// Reads the records of a CSV text. A last record without its line end (a write cut short) is dropped, so
    /// what comes back is only what was completely written.
    /// </summary>
    public static List<List<string>> ReadRecords(string text)
    {
        var records = new List<List<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add(fields);
                fields = [];
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        return records;
    }
}
