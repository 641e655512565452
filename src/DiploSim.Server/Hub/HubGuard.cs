using System.Threading.RateLimiting;
using DiploSim.Contracts;
using DiploSim.Grains;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace DiploSim.Server.Hub;

/// <summary>
/// The hub's edge, around every call: a call whose arguments cannot be read, that lacks one it needs or exceeds a
/// <see cref="ClientLimits">limit</see>, or a message over the seat's rate, is refused before the hub runs; a fault
/// behind the hub is answered in plain words and logged here. A connection without a valid pass is closed after
/// <see cref="ClientLimits.AuthenticationTimeout"/>.
/// </summary>
public sealed partial class HubGuard : IHubFilter, IDisposable
{
    private readonly ClientLimits _limits;
    private readonly HubArguments _arguments;
    private readonly TimeProvider _time;
    private readonly ILogger<HubGuard> _logger;
    private readonly PartitionedRateLimiter<string> _messages;

    public HubGuard(IOptions<ClientLimits> limits, TurnClock clock, ILogger<HubGuard> logger)
    {
        _limits = limits.Value;
        _arguments = new HubArguments(_limits);
        _time = clock.Time;
        _logger = logger;
        _messages = PartitionedRateLimiter.Create<string, string>(seat => RateLimitPartition.GetSlidingWindowLimiter(seat, _ =>
            new SlidingWindowRateLimiterOptions
            {
                PermitLimit = _limits.MessagesPerMinute,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = invocation.HubMethodName;
        var connection = invocation.Context;
        var refusal = invocation.HubMethodArguments is [MalformedArguments]
            ? $"the arguments do not fit {method}({string.Join(", ", invocation.HubMethod.GetParameters().Select(p => $"{p.ParameterType.Name} {p.Name}"))})"
            : _arguments.Check(invocation.HubMethod, invocation.HubMethodArguments);
        if (refusal is null && method == nameof(GameHub.SendMessage) && !TakeMessagePermit(connection))
        {
            refusal = $"a seat may send at most {_limits.MessagesPerMinute} messages a minute ({ClientLimits.Name(nameof(ClientLimits.MessagesPerMinute))}); wait a little";
        }

        if (refusal is not null)
        {
            LogRefused(_logger, method, connection.ConnectionId, refusal);
            return Refused(invocation.HubMethod.ReturnType, refusal);
        }

        try
        {
            return await next(invocation);
        }
        catch (Exception ex) when (!connection.ConnectionAborted.IsCancellationRequested)
        {
            var reason = HubFaults.Describe(ex);
            LogFailed(_logger, ex, method, connection.ConnectionId);
            return Refused(invocation.HubMethod.ReturnType, reason);
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        var connection = context.Context;
        if (GameHub.PassOf(connection) is not null)
        {
            return;
        }

        // A connection without a valid pass may read why for a while (every call answers with the reason); then it goes.
        var timer = _time.CreateTimer(_ =>
        {
            if (GameHub.PassOf(connection) is null)
            {
                LogClosed(_logger, connection.ConnectionId, _limits.AuthenticationTimeout.TotalSeconds);
                connection.Abort();
            }
        }, null, _limits.AuthenticationTimeout, Timeout.InfiniteTimeSpan);
        connection.ConnectionAborted.Register(() => timer.Dispose());
    }

    public void Dispose() => _messages.Dispose();

    /// <summary>One permit from the seat's (or, for a connection without one, the connection's) message window.</summary>
    private bool TakeMessagePermit(HubCallerContext connection)
    {
        var seat = GameHub.PassOf(connection) is { } pass ? $"{pass.SessionId}/{pass.Country}" : connection.ConnectionId;
        using var lease = _messages.AttemptAcquire(seat);
        return lease.IsAcquired;
    }

    /// <summary>A refusal of the type the method answers with: a <see cref="Receipt"/> or a <see cref="Reply{T}"/> without a value.</summary>
    private static object? Refused(Type returnType, string reason)
    {
        var answer = returnType.IsGenericType && returnType.GetGenericTypeDefinition() is var d && (d == typeof(Task<>) || d == typeof(ValueTask<>))
            ? returnType.GetGenericArguments()[0]
            : returnType;
        return answer == typeof(Receipt) ? Receipt.Refused(reason)
            : answer.IsGenericType && answer.GetGenericTypeDefinition() == typeof(Reply<>) ? Activator.CreateInstance(answer, null, reason)
            : throw new HubException(reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} on connection {ConnectionId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string connectionId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed on connection {ConnectionId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string connectionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed connection {ConnectionId}: no valid pass within {Seconds} s")]
    private static partial void LogClosed(ILogger logger, string connectionId, double seconds);
}
