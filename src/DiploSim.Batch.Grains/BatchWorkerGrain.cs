using System.Collections.Immutable;
using DiploSim.Contracts;
using Orleans.Concurrency;

namespace DiploSim.Batch.Grains;

/// <summary>
/// Plays chunks of batch runs with Core, in-process on whichever silo it is activated on. Stateless workers
/// are activated locally, as many per silo as it has cores, so a silo's cores share the chunks it receives.
/// The last plan built is kept, as chunks of one batch arrive one after another.
/// </summary>
[StatelessWorker]
public sealed class BatchWorkerGrain : Grain, IBatchWorkerGrain
{
    private (BatchChunk Key, BatchPlan Plan)? _last;

    public Task<ImmutableArray<BatchRunRows>> Play(BatchChunk chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var plan = PlanFor(chunk);
        var rows = ImmutableArray.CreateBuilder<BatchRunRows>(chunk.Runs.Length);
        foreach (var run in chunk.Runs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (run < 0 || run >= plan.RunCount)
            {
                throw new ArgumentOutOfRangeException(nameof(chunk), $"run {run} is not in the batch (runs 0 to {plan.RunCount - 1})");
            }

            rows.Add(BatchWire.ToWire(RunExecution.Execute(plan, run, cancellationToken)));
        }

        return Task.FromResult(rows.MoveToImmutable());
    }

    private BatchPlan PlanFor(BatchChunk chunk)
    {
        if (_last is { } last && SamePlan(last.Key, chunk))
        {
            return last.Plan;
        }

        var (plan, error) = BatchWire.Plan(chunk);
        if (plan is null)
        {
            throw new InvalidOperationException($"cannot play the batch on this silo: {error}");
        }

        _last = (chunk, plan);
        return plan;
    }

    private static bool SamePlan(BatchChunk a, BatchChunk b) =>
        a.ScenarioReference == b.ScenarioReference && a.ScenarioFile == b.ScenarioFile && a.ScenarioText == b.ScenarioText
        && a.ExperimentYaml == b.ExperimentYaml && a.TurnsHeader == b.TurnsHeader;
}
