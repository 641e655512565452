using System.Net;
using System.Threading.RateLimiting;
using DiploSim.Server.Hub;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace DiploSim.Server;

/// <summary>
/// What stands between a client and the server: the <see cref="ClientLimits"/> on the hub and the API, the rate
/// limiter on connections open per address (the sessions an address creates are counted for the whole cluster by
/// <c>IAddressQuotaGrain</c>), and answers that never carry an exception's details — in any environment.
/// </summary>
public static partial class ClientEdge
{
    /// <summary>The rate-limiter policy on the hub: <see cref="ClientLimits.ConnectionsPerAddress"/> open at once.</summary>
    public const string ConnectionsPolicy = "connections-per-address";

    /// <summary>Binds and checks <c>DiploSim:Limits</c> and sets up the hub, its guard and protocols, the rate limiters and problem details.</summary>
    public static WebApplicationBuilder AddDiploSimEdge(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ClientLimits.Section);
        builder.Services.AddOptions<ClientLimits>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var limits = section.Get<ClientLimits>() ?? new ClientLimits();

        builder.Services.AddSingleton<HubGuard>();
        builder.Services.AddSignalR(o =>
            {
                o.EnableDetailedErrors = false;
                o.MaximumReceiveMessageSize = limits.HubMessageBytes;
                o.KeepAliveInterval = limits.KeepAliveInterval;
                o.ClientTimeoutInterval = limits.ClientTimeout;
                o.AddFilter<HubGuard>();
            })
            .AddJsonProtocol(o => WireJson.Configure(o.PayloadSerializerOptions))
            .AddMessagePackProtocol();
        MalformedCalls.Wrap(builder.Services);

        // A malformed request is a 400 in every environment, not an exception for a developer page to show.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            // A node that left or a call that timed out: the same words as the hub's, and a status that says try again.
            if (c.Exception is { } fault && HubFaults.IsSwitchingOver(fault))
            {
                c.HttpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                c.ProblemDetails.Status = StatusCodes.Status503ServiceUnavailable;
                c.ProblemDetails.Detail = HubFaults.SwitchingOver;
            }

            c.ProblemDetails.Detail ??= c.ProblemDetails.Status switch
            {
                StatusCodes.Status413PayloadTooLarge => $"a request's body may have at most {limits.RequestBodyBytes} bytes ({ClientLimits.Name(nameof(ClientLimits.RequestBodyBytes))})",
                StatusCodes.Status400BadRequest => "the request could not be read: its body is not the JSON this call expects",
                _ => null,
            };
        });

        builder.Services.AddRateLimiter(o =>
        {
            // A WebSocket (or server-sent events) connection holds its permit for as long as it is open.
            o.AddPolicy(ConnectionsPolicy, http => RateLimitPartition.GetConcurrencyLimiter(Address(http), _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.ConnectionsPerAddress,
                QueueLimit = 0,
            }));
            o.OnRejected = (context, _) => Rejected(context, limits);
        });
        return builder;
    }

    /// <summary>Problem details for every error answer (no exception details), and the rate limiter.</summary>
    public static WebApplication UseDiploSimEdge(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The request-body limit for the API's endpoints.</summary>
    public static TBuilder LimitBody<TBuilder>(this TBuilder builder, ClientLimits limits) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(limits.RequestBodyBytes));

    /// <summary>
    /// The client's address: behind a reverse proxy, the one the proxy reports once forwarded headers are enabled
    /// (docs/deployment.md); IPv6 clients are grouped by their /64, which one household or school usually holds.
    /// </summary>
    public static string Address(HttpContext http) => http.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } v4 => v4.MapToIPv4().ToString(),
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } v6 => $"{new IPAddress([.. v6.GetAddressBytes()[..8], 0, 0, 0, 0, 0, 0, 0, 0])}/64",
        var a => a.ToString(),
    };

    private sealed class BodyLimit(long bytes) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }

    private static async ValueTask Rejected(OnRejectedContext context, ClientLimits limits)
    {
        var http = context.HttpContext;
        var detail = $"an address may hold at most {limits.ConnectionsPerAddress} connections at once ({ClientLimits.Name(nameof(ClientLimits.ConnectionsPerAddress))})";
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        LogRejected(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientEdge)),
            ClientLimits.Clip(http.Request.Path.Value, 100), Address(http), detail);
        await TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Path} from {Address}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string path, string address, string reason);
}
