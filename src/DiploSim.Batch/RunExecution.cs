using System.Collections.Immutable;
using DiploSim.Core;
using DiploSim.Core.Bots;
using DiploSim.Core.State;

namespace DiploSim.Batch;

/// <summary>What one run produced: its per-turn rows (none if it failed) and its per-run row.</summary>
public sealed record RunRecord(int Run, bool Failed, IReadOnlyList<object[]> TurnRows, object[] RunRow);

/// <summary>
/// Plays one run of a plan, alone: the same run index always gives the same rows and hashes. The loop is
/// <c>Simulation.Play</c> (the script's shocks, the bots' moves, the turn resolved) with the bot policies of
/// the run's parameter point: passive seats are left out of the bots' decisions, and doctrine overrides are
/// applied to the turn-0 world, and agent seats are played by the plan's <see cref="AgentRoster"/>. With every seat on
/// its doctrine it gives exactly <c>Simulation.Play</c>'s turns.
/// </summary>
public static class RunExecution
{
    public const string Ok = "ok";
    public const string Failed = "failed";

    /// <summary>
    /// How a batch resolves its turns: hashed, without the news and indicator changes that no table records (they change
    /// nothing else the turn resolves to, and a batch played them only to drop them).
    /// </summary>
    private static readonly ResolveOptions Resolve = new(ComputeHash: true, WriteNews: false);

    public static RunRecord Execute(BatchPlan plan, int runIndex, CancellationToken cancellationToken = default)
    {
        var spec = plan.Run(runIndex);
        var parameters = Parameters(plan.Model.BaseParameters, spec.Point);
        var bots = plan.BotsAt(spec.Point);
        object[] key = [spec.Run, spec.Repetition, spec.Point.Index, spec.Point.Set, (long)spec.Seed, .. plan.ParameterCells(spec.Point)];

        var rows = new List<object[]>(plan.Turns);
        var shocks = new List<string>();
        var conditions = plan.Conditions.IsDefault ? [] : plan.Conditions;
        var firstTurns = new int?[conditions.Length];
        var heldTurns = new int[conditions.Length];
        var turns = 0;
        var activity = new SeatActivity(plan.ActorIds);
        try
        {
            var state = BotPolicies.Apply(plan.Model.Build(parameters, spec.Seed), bots);
            var hash = "";
            var played = bots.Any(b => b.Agent is not null)
                ? (plan.Agents ?? throw new InvalidOperationException("this run has agent seats: play it with the batch's agents (BatchPlan.Agents)")).Play(plan, spec, state, bots, cancellationToken)
                : Simulation.Play(state, plan.Model.Scenario.Script, plan.Turns, Resolve, plan.MovingActors(spec.Point)).Select(r => new PlayedTurn(r, []));
            foreach (var playedTurn in played)
            {
                cancellationToken.ThrowIfCancellationRequested();
                activity.Record(state, playedTurn);
                var result = playedTurn.Result;
                state = result.State;
                hash = result.Outcome.StateHash;
                var turn = result.Outcome.Turn;
                shocks.AddRange(result.Outcome.Shocks.Select(s => $"{s.Id}@{turn}"));
                rows.Add([.. key, turn, .. plan.Metrics.Select(m => (object)m.Read(state)), hash]);
                for (var c = 0; c < conditions.Length; c++)
                {
                    if (conditions[c].Holds(state, turn))
                    {
                        firstTurns[c] ??= turn;
                        heldTurns[c]++;
                    }
                }

                turns++;
            }

            object[] runRow =
            [
                .. key, .. BatchTables.BotCells(plan, bots), Ok, "", turns,
                .. plan.Metrics.Select(m => (object)m.Read(state)),
                .. MetricCatalog.ScoreComponents.SelectMany(c => plan.ActorIds.Select(a => (object)Score(state.Actor(a).Scores, c))),
                .. activity.Cells(),
                .. ConditionCells(firstTurns, heldTurns),
                shocks.Count, string.Join(';', shocks), hash,
            ];
            return new RunRecord(spec.Run, false, rows, runRow);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var nan = (object)double.NaN;
            object[] runRow =
            [
                .. key, .. BatchTables.BotCells(plan, bots), Failed, $"{e.GetType().Name}: {e.Message}".ReplaceLineEndings(" "), turns,
                .. plan.Metrics.Select(_ => nan),
                .. BatchTables.ScoreColumns(plan).Select(_ => nan),
                .. activity.Cells(),
                .. ConditionCells(firstTurns, heldTurns),
                shocks.Count, string.Join(';', shocks), "",
            ];
            return new RunRecord(spec.Run, true, [], runRow);
        }
    }

    /// <summary>Each condition's first turn (null if it never held) and the number of turns it held.</summary>
    private static IEnumerable<object> ConditionCells(int?[] firstTurns, int[] heldTurns) =>
        firstTurns.SelectMany((first, c) => new[] { first is { } turn ? turn : null!, (object)heldTurns[c] });

    /// <summary>The scenario's parameters with a point's model parameters applied (its bot settings are not model parameters).</summary>
    public static ModelParameters Parameters(ModelParameters baseParameters, ParameterPoint point)
    {
        var parameters = baseParameters;
        foreach (var value in point.Values.Where(v => !BotFactor.IsBotName(v.Name)))
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
