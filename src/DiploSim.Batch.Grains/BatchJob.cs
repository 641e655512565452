using System.Collections.Immutable;
using DiploSim.Contracts;

namespace DiploSim.Batch.Grains;

/// <summary>Turns run records into wire rows and back; CSV text reads back to exactly the values written.</summary>
public static class BatchWire
{
    public static BatchRunRows ToWire(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new BatchRunRows(record.Run, record.Failed, [.. record.TurnRows.Select(Csv.FormatRow)], Csv.FormatRow(record.RunRow));
    }

    public static RunRecord FromWire(BatchRunRows rows, TableSchema turnSchema, TableSchema runSchema)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new RunRecord(rows.Run, rows.Failed, [.. rows.TurnRows.Select(r => Parse(turnSchema, r))], Parse(runSchema, rows.RunRow));
    }

    /// <summary>A chunk of a plan's runs, described so a silo can rebuild the plan.</summary>
    public static BatchChunk Chunk(ScenarioSource scenario, BatchPlan plan, ImmutableArray<int> runs)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(plan);
        return new BatchChunk(scenario.Reference, scenario.File, scenario.Text, ExperimentYamlWriter.Write(plan.Experiment), BatchTables.Turns(plan).Header, runs);
    }

    /// <summary>Rebuilds the plan a chunk belongs to, or says why it cannot.</summary>
    public static (BatchPlan? Plan, string? Error) Plan(BatchChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var (experiment, experimentErrors) = ExperimentYaml.Parse(chunk.ExperimentYaml, "experiment (sent by the client)");
        if (experiment is null)
        {
            return (null, string.Join("; ", experimentErrors));
        }

        var (model, scenarioErrors) = new ScenarioSource(chunk.ScenarioReference, chunk.ScenarioFile, chunk.ScenarioText).Load();
        if (model is null)
        {
            return (null, string.Join("; ", scenarioErrors));
        }

        var (plan, planErrors) = BatchPlan.Create(experiment, model);
        if (plan is null)
        {
            return (null, string.Join("; ", planErrors));
        }

        return BatchTables.Turns(plan).Header == chunk.TurnsHeader
            ? (plan, null)
            : (null, "this silo builds a different per-turn table for the experiment than the client (different builds of DiploSim?)");
    }

    private static object[] Parse(TableSchema schema, string line) => Csv.ParseRow(schema, Csv.ReadRecords(line + "\n")[0]);
}
