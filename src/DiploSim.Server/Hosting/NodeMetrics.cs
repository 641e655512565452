using System.Diagnostics.Metrics;
using DiploSim.Contracts;
using DiploSim.Grains;
using DiploSim.Server.Hub;
using OpenTelemetry.Metrics;

namespace DiploSim.Server;

/// <summary>
/// This node's own instruments (meter <c>DiploSim.Server</c>): connected clients, batch runs played and the session
/// events relayed from a log in place of a stream. The session
/// instruments (sessions active, turns resolved, resolution time) are the grains' (<see cref="SessionMetrics"/>).
/// Prometheus reads them all at <c>/metrics</c>; batch runs per second is <c>rate(diplosim_batch_runs_total[1m])</c>.
/// </summary>
public sealed class NodeMetrics
{
    public const string MeterName = "DiploSim.Server";

    private readonly Counter<long> _batchRuns;
    private readonly Counter<long> _relayedFromLog;

    public NodeMetrics(IMeterFactory meters, Connections connections)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("diplosim.clients.connected", () => connections.Count, "{connection}",
            "Hub connections held by this node (players, teachers, classroom screens)");
        _batchRuns = meter.CreateCounter<long>("diplosim.batch.runs", "{run}", "Batch runs played on this node's silo");
        _relayedFromLog = meter.CreateCounter<long>("diplosim.relay.from_log", "{event}",
            "Session events this node relayed from a session's log because its stream had not brought them");
    }

    public void BatchRunsPlayed(int runs) => _batchRuns.Add(runs);

    public void RelayedFromLog(int events) => _relayedFromLog.Add(events);
}

/// <summary>Counts the runs of every batch chunk this silo's workers finish.</summary>
public sealed class BatchRunCounter(NodeMetrics metrics) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.Invoke();
        if (context.Grain is IBatchWorkerGrain && context.Request.GetArgumentCount() > 0 && context.Request.GetArgument(0) is BatchChunk chunk)
        {
            metrics.BatchRunsPlayed(chunk.Runs.Length);
        }
    }
}

public static class NodeMetricsExtensions
{
    /// <summary>OpenTelemetry metrics of DiploSim's meters, with a Prometheus exporter for <c>/metrics</c>.</summary>
    public static IServiceCollection AddDiploSimMetrics(this IServiceCollection services)
    {
        services.AddSingleton<NodeMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(NodeMetrics.MeterName, SessionMetrics.MeterName, StorageMetrics.MeterName)
            .AddPrometheusExporter());
        return services;
    }
}
