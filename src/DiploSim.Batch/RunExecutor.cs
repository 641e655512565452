using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace DiploSim.Batch;

/// <summary>
/// Plays runs of a plan somewhere — on this machine's cores or on a cluster's silos — and hands back each
/// run's record as it finishes, in any order. The runner writes them; an executor only plays.
/// </summary>
public interface IRunExecutor
{
    /// <summary>A short description for the manifest, e.g. <c>local</c> or <c>cluster</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Plays <paramref name="runs"/> (run indices of <paramref name="plan"/>) with up to <paramref name="workers"/>
    /// in parallel. When cancelled, records already finished are still yielded, then
    /// <see cref="OperationCanceledException"/> is thrown.
    /// </summary>
    IAsyncEnumerable<RunRecord> ExecuteAsync(BatchPlan plan, IReadOnlyList<int> runs, int workers, CancellationToken cancellationToken);
}

/// <summary>Plays runs in this process on a pool of workers (one per core by default).</summary>
public sealed class LocalRunExecutor : IRunExecutor
{
    public static LocalRunExecutor Instance { get; } = new();

    public string Name => "local";

    public async IAsyncEnumerable<RunRecord> ExecuteAsync(
        BatchPlan plan, IReadOnlyList<int> runs, int workers, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<RunRecord>(new UnboundedChannelOptions { SingleReader = true });

        // Each worker is a thread of its own that takes the next run until none is left. Runs are long and CPU-bound:
        // on thread-pool threads they would hold the pool, and the writer's continuations would wait for the pool to
        // grow before the rows could be written. No more threads than runs: a thread without a run would only start.
        var next = -1;
        var pool = Enumerable.Range(0, Math.Clamp(workers, 1, Math.Max(1, runs.Count))).Select(_ => Task.Factory.StartNew(
            () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < runs.Count)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    channel.Writer.TryWrite(RunExecution.Execute(plan, runs[i], cancellationToken));
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        var producer = Task.Run(async () =>
        {
            try
            {
                await Task.WhenAll(pool);
            }
            finally
            {
                channel.Writer.Complete();
            }
        }, CancellationToken.None);

        // Drain everything that finished, even after a cancellation, so those runs are written.
        await foreach (var record in channel.Reader.ReadAllAsync(CancellationToken.None))
        {
            yield return record;
        }

        await producer;
    }
}
