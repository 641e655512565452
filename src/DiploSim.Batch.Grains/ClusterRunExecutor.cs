using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DiploSim.Contracts;

namespace DiploSim.Batch.Grains;

/// <summary>
/// Plays a batch's runs on the silos of an Orleans cluster: the pending runs are cut into chunks, and up to
/// <c>workers</c> chunks at a time go to <see cref="IBatchWorkerGrain"/>s with different keys (so a client spreads
/// them over the cluster's gateways). Each silo plays runs with the same Core and the same seeds, so the rows are
/// those of a local run. A chunk that fails (a silo lost, a refused plan) stops the batch; the runs written so far
/// stay, and <c>--resume</c> continues.
/// </summary>
/// <param name="grains">The cluster client's grain factory.</param>
/// <param name="scenario">The scenario's text, sent with every chunk.</param>
/// <param name="chunkSize">Runs per chunk; 0 chooses from the batch size (about four chunks per worker, at most 32 runs).</param>
public sealed class ClusterRunExecutor(IGrainFactory grains, ScenarioSource scenario, int chunkSize = 0) : IRunExecutor
{
    public string Name => "cluster";

    public async IAsyncEnumerable<RunRecord> ExecuteAsync(
        BatchPlan plan, IReadOnlyList<int> runs, int workers, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(runs);
        var inFlight = Math.Max(1, workers);
        var size = chunkSize > 0 ? chunkSize : Math.Clamp(runs.Count / (inFlight * 4), 1, 32);
        var chunks = runs.Chunk(size).Select((c, i) => (Index: i, Chunk: BatchWire.Chunk(scenario, plan, [.. c]))).ToList();
        var turnSchema = BatchTables.Turns(plan);
        var runSchema = BatchTables.Runs(plan);

        var next = 0;
        var running = new List<Task<ImmutableArray<BatchRunRows>>>();
        void Fill()
        {
            while (running.Count < inFlight && next < chunks.Count && !cancellationToken.IsCancellationRequested)
            {
                var (index, chunk) = chunks[next++];
                running.Add(grains.GetGrain<IBatchWorkerGrain>(index).Play(chunk, cancellationToken));
            }
        }

        Fill();
        while (running.Count > 0)
        {
            var done = await Task.WhenAny(running);
            running.Remove(done);
            ImmutableArray<BatchRunRows> rows;
            try
            {
                rows = await done;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                continue; // Finish draining the chunks that completed; the cancellation is thrown below.
            }

            // The next chunk starts before this one's rows are handed to the writer, so the silos play while it writes.
            Fill();
            foreach (var row in rows)
            {
                yield return BatchWire.FromWire(row, turnSchema, runSchema);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
