using System.Collections.Immutable;
using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Batch;

/// <summary>What one run produced: its per-turn rows (none if it failed) and its per-run row.</summary>
public sealed record RunRecord(int Run, bool Failed, IReadOnlyList<object[]> TurnRows, object[] RunRow);

/// <summary>Plays one run of a plan, alone: the same run index always gives the same rows and hashes.</summary>
public static class RunExecution
{
    public const string Ok = "ok";
    public const string Failed = "failed";

    public static RunRecord Execute(BatchPlan plan, int runIndex, CancellationToken cancellationToken = default)
    {
        var spec = plan.Run(runIndex);
        var parameters = Parameters(plan.Model.BaseParameters, spec.Point);
        object[] key =
        [
            spec.Run, spec.Repetition, spec.Point.Index, spec.Point.Set, (long)spec.Seed,
            .. plan.ParameterNames.Select(n => (object)(parameters.Get(n) ?? double.NaN)),
        ];

        var rows = new List<object[]>(plan.Turns);
        var shocks = new List<string>();
        var turns = 0;
        try
        {
            var world = plan.Model.Build(parameters, spec.Seed);
            var state = world;
            var hash = "";
            foreach (var result in Simulation.Play(world, plan.Model.Scenario.Script, plan.Turns))
            {
                cancellationToken.ThrowIfCancellationRequested();
                state = result.State;
                hash = result.Outcome.StateHash;
                shocks.AddRange(result.Outcome.Shocks.Select(s => $"{s.Id}@{result.Outcome.Turn}"));
                rows.Add([.. key, result.Outcome.Turn, .. plan.Metrics.Select(m => (object)m.Read(state)), hash]);
                turns++;
            }

            object[] runRow =
            [
                .. key, Ok, "", turns,
                .. plan.Metrics.Select(m => (object)m.Read(state)),
                .. MetricCatalog.ScoreComponents.SelectMany(c => plan.ActorIds.Select(a => (object)Score(state.Actor(a).Scores, c))),
                shocks.Count, string.Join(';', shocks), hash,
            ];
            return new RunRecord(spec.Run, false, rows, runRow);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var nan = (object)double.NaN;
            object[] runRow =
            [
                .. key, Failed, $"{e.GetType().Name}: {e.Message}".ReplaceLineEndings(" "), turns,
                .. plan.Metrics.Select(_ => nan),
                .. BatchTables.ScoreColumns(plan).Select(_ => nan),
                shocks.Count, string.Join(';', shocks), "",
            ];
            return new RunRecord(spec.Run, true, [], runRow);
        }
    }

    /// <summary>The scenario's parameters with a point's overrides applied.</summary>
    public static ModelParameters Parameters(ModelParameters baseParameters, ParameterPoint point)
    {
        var parameters = baseParameters;
        foreach (var value in point.Values)
        {
            var result = parameters.With(value.Name, value.Value);
            parameters = result.Value ?? throw new InvalidOperationException(result.Error);
        }

        return parameters;
    }

    private static double Score(ScoreCard card, string component) => component switch
    {
        "prosperity" => card.Prosperity,
        "security" => card.Security,
        "energy_security" => card.EnergySecurity,
        "autonomy" => card.Autonomy,
        "influence" => card.Influence,
        "goals" => card.Goals,
        _ => card.Utility,
    };
}
