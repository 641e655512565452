using DiploSim.Agents;
using DiploSim.Contracts;
using DiploSim.Server.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DiploSim.Server.Api;

/// <summary>A teacher's request to hand a seat to an agent the operator registered.</summary>
public sealed record HandOverRequest(string Country, string Agent);

/// <summary>
/// The agent protocol over plain HTTP (docs/agents.md), for a program that plays a seat from anywhere with a seat pass in
/// <c>Authorization: Bearer</c> and no SignalR library: <c>GET /api/agent/game</c> (the seat's <c>newGame</c>),
/// <c>GET /api/agent/observation?after=N</c> (waits up to <c>wait</c> seconds for the seat's next decision),
/// <c>POST /api/agent/action</c> (the seat's moves, answers and messages for the open turn; the seat is then ready).
/// With the teacher's pass, <c>GET /api/agent/registered</c> lists the agents the operator registered and
/// <c>POST /api/agent/seats</c> hands a seat to one of them, which the server then runs (<see cref="LiveAgents"/>).
/// </summary>
public static class AgentApi
{
    /// <summary>The longest a client may wait for an observation in one request.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    /// <summary>Registers the agents the operator configured under <c>DiploSim:Agents</c> and the server's runner of them.</summary>
    public static WebApplicationBuilder AddAgents(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<LiveAgents>();
        builder.Services.AddHostedService(s => s.GetRequiredService<LiveAgents>());
        return builder;
    }

    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<IOptions<ClientLimits>>().Value;
        var api = app.MapGroup("/api/agent").LimitBody(limits).WithRefusals().ProducesProblem(StatusCodes.Status401Unauthorized).WithTags("Agents");
        api.MapGet("/game", Game)
            .WithName("AgentGame").WithSummary("The seat's newGame document (the agent protocol).")
            .WithAgentDocument(typeof(NewGame)).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/observation", Observation)
            .WithName("AgentObservation").WithSummary("Waits up to wait seconds for the seat's next decision after decision after; 204 when none came first.")
            .WithAgentDocument(typeof(Observation))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status410Gone);
        api.MapPost("/action", Action)
            .WithName("AgentAction").WithSummary("The seat's moves, answers and messages for the open turn; the seat is then ready.")
            .WithAgentDocument(typeof(AgentAction), request: true);
        api.MapGet("/registered", Registered)
            .WithName("RegisteredAgents").WithSummary("The agents the operator registered (the teacher's pass).");
        api.MapPost("/seats", HandOver)
            .WithName("HandOverSeat").WithSummary("Hands a seat to a registered agent, which the server then runs (the teacher's pass).");
        return app;
    }

    private static Pass? Holder(HttpContext http, PassBook passes, Role role)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var (pass, _) = passes.Read(header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null);
        return pass is not null && pass.Role == role && (role != Role.Player || pass.Country is not null) ? pass : null;
    }

    private static AgentSeatLink? Link(HttpContext http, PassBook passes, IClusterClient cluster) =>
        Holder(http, passes, Role.Player) is { } pass ? new AgentSeatLink(cluster.GetGrain<ISessionGrain>(pass.SessionId), pass.Country!, pass.Secret) : null;

    private static ProblemHttpResult NoSeatPass() => TypedResults.Problem("an agent plays with a seat pass in Authorization: Bearer", statusCode: StatusCodes.Status401Unauthorized);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Game(HttpContext http, IClusterClient cluster, PassBook passes) =>
        Link(http, passes, cluster) is { } link ? Document(await link.NewGame()) : NoSeatPass();

    private static async Task<Results<ContentHttpResult, NoContent, ProblemHttpResult>> Observation(HttpContext http, IClusterClient cluster, PassBook passes, long? after, int? wait)
    {
        if (Link(http, passes, cluster) is not { } link)
        {
            return NoSeatPass();
        }

        try
        {
            var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(Math.Clamp(wait ?? 25, 0, (int)MaxWait.TotalSeconds));
            return await link.NextObservation(after ?? 0, until, http.RequestAborted) switch
            {
                null => TypedResults.NoContent(),
                { Value: { } json } => TypedResults.Text(json, "application/json"),
                var refused => Forbidden(refused),
            };
        }
        catch (SessionEndedException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status410Gone);
        }
    }

    private static async Task<Results<Ok<ActionReceipt>, BadRequest<ActionReceipt>, Conflict<ActionReceipt>, ProblemHttpResult>> Action(HttpContext http, IClusterClient cluster, PassBook passes)
    {
        if (Link(http, passes, cluster) is not { } link)
        {
            return NoSeatPass();
        }

        string line;
        try
        {
            line = await new StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException e)
        {
            // A body over the request limit: a 413 with the limit's name, as on the other routes, and nothing taken.
            return TypedResults.Problem(statusCode: e.StatusCode);
        }

        var (outcome, receipt) = await link.Act(line);
        return outcome switch
        {
            ActionOutcome.Taken => TypedResults.Ok(receipt),
            ActionOutcome.Unreadable => TypedResults.BadRequest(receipt),
            _ => TypedResults.Conflict(receipt),
        };
    }

    private static Results<Ok<IReadOnlyList<string>>, ProblemHttpResult> Registered(HttpContext http, PassBook passes, LiveAgents agents) =>
        Holder(http, passes, Role.Teacher) is null
            ? TypedResults.Problem("the teacher's pass is needed", statusCode: StatusCodes.Status401Unauthorized)
            : TypedResults.Ok(agents.Names);

    private static async Task<Results<Ok<Receipt>, BadRequest<Receipt>, ProblemHttpResult>> HandOver(HttpContext http, HandOverRequest request, PassBook passes, LiveAgents agents)
    {
        if (Holder(http, passes, Role.Teacher) is not { } teacher)
        {
            return TypedResults.Problem("the teacher's pass is needed", statusCode: StatusCodes.Status401Unauthorized);
        }

        var refusal = await agents.HandOver(teacher.SessionId, teacher.Secret, request.Country, request.Agent);
        return refusal is null ? TypedResults.Ok(new Receipt(null)) : TypedResults.BadRequest(new Receipt(refusal));
    }

    /// <summary>An agent-protocol document as its protocol wrote it (camelCase: the protocol's own names, not the API's).</summary>
    private static Results<ContentHttpResult, ProblemHttpResult> Document(Reply<string> reply) =>
        reply.Value is { } json ? TypedResults.Text(json, "application/json") : Forbidden(reply);

    private static ProblemHttpResult Forbidden(Reply<string> reply) => TypedResults.Problem(reply.Refusal, statusCode: StatusCodes.Status403Forbidden);
}

/// <summary>One agent the operator registered under <c>DiploSim:Agents:NAME</c>: its program and arguments (no shell), where it runs, its time per decision.</summary>
public sealed class RegisteredAgent
{
    public const string Section = "DiploSim:Agents";

    public List<string> Command { get; } = [];

    public string? WorkingDirectory { get; set; }

    public int TimeoutMs { get; set; } = 5000;

    public AgentCommand ToCommand(string name, string contentRoot) =>
        new(name, [.. Command], Path.GetFullPath(WorkingDirectory ?? ".", contentRoot), TimeSpan.FromMilliseconds(TimeoutMs));
}
