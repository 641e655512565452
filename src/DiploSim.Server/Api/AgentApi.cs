using DiploSim.Agents;
using DiploSim.Contracts;
using DiploSim.Server.Identity;
using Microsoft.Extensions.Options;

namespace DiploSim.Server.Api;

/// <summary>What the server took from an agent's action, and what it refused.</summary>
public sealed record ActionReceipt(int Moves, int Messages, IReadOnlyList<string> Refusals);

/// <summary>
/// The agent protocol over plain HTTP (docs/agents.md), for a program that plays a seat from anywhere with a seat pass in
/// <c>Authorization: Bearer</c> and no SignalR library: <c>GET /api/agent/game</c> (the seat's <c>newGame</c>),
/// <c>GET /api/agent/observation?after=N</c> (waits up to <c>wait</c> seconds for the seat's next decision),
/// <c>POST /api/agent/action</c> (the seat's moves, answers and messages for the open turn; the seat is then ready).
/// </summary>
public static class AgentApi
{
    /// <summary>The longest a client may wait for an observation in one request.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    /// <summary>How often a waiting request looks at the session.</summary>
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<IOptions<ClientLimits>>().Value;
        var api = app.MapGroup("/api/agent").LimitBody(limits);
        api.MapGet("/game", Game);
        api.MapGet("/observation", Observation);
        api.MapPost("/action", Action);
        return app;
    }

    private static (Pass? Pass, IResult? Refusal) Seat(HttpContext http, PassBook passes)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var (pass, refusal) = passes.Read(header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null);
        return pass is { Role: Role.Player, Country: not null }
            ? (pass, null)
            : (null, Results.Problem(refusal ?? "an agent plays with a seat pass", statusCode: StatusCodes.Status401Unauthorized));
    }

    private static async Task<IResult> Game(HttpContext http, IClusterClient cluster, PassBook passes)
    {
        var (pass, refused) = Seat(http, passes);
        if (pass is null)
        {
            return refused!;
        }

        var reply = await cluster.GetGrain<ISessionGrain>(pass.SessionId).Observe(pass.Country!, pass.Secret, newGame: true);
        return Document(reply);
    }

    private static async Task<IResult> Observation(HttpContext http, IClusterClient cluster, PassBook passes, long? after, int? wait)
    {
        var (pass, refused) = Seat(http, passes);
        if (pass is null)
        {
            return refused!;
        }

        var session = cluster.GetGrain<ISessionGrain>(pass.SessionId);
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(Math.Clamp(wait ?? 25, 0, (int)MaxWait.TotalSeconds));
        while (true)
        {
            var status = await session.GetStatus();
            if (status.Phase == SessionPhase.Ended)
            {
                return Results.Problem("the session has ended", statusCode: StatusCodes.Status410Gone);
            }

            var seat = status.Seats.FirstOrDefault(s => s.Country == pass.Country);
            if (status.Phase == SessionPhase.Running && seat is { Submitted: false } && status.Turn + 1 > (after ?? 0))
            {
                return Document(await session.Observe(pass.Country!, pass.Secret, newGame: false));
            }

            if (DateTimeOffset.UtcNow >= until)
            {
                return Results.NoContent();
            }

            await Task.Delay(PollEvery, http.RequestAborted);
        }
    }

    private static async Task<IResult> Action(HttpContext http, IClusterClient cluster, PassBook passes)
    {
        var (pass, refused) = Seat(http, passes);
        if (pass is null)
        {
            return refused!;
        }

        var session = cluster.GetGrain<ISessionGrain>(pass.SessionId);
        var current = await session.Observe(pass.Country!, pass.Secret, newGame: false);
        if (current.Value is not { } text)
        {
            return Results.Problem(current.Refusal, statusCode: StatusCodes.Status403Forbidden);
        }

        var observation = AgentJson.Read<Observation>(text);
        var line = await new StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted);
        var reading = ActionReader.Read(line, observation, [.. observation.World.Network.Actors.Select(a => a.Id)]);
        if (reading.IsPass && reading.Refusals.Length > 0)
        {
            return Results.BadRequest(new ActionReceipt(0, 0, reading.Refusals));
        }

        var turn = observation.Turn;
        var refusals = reading.Refusals.ToList();
        var submitted = await session.Submit(pass.Country!, pass.Secret, turn, [.. reading.Moves.Select(MoveMapping.FromCore)]);
        if (submitted.Refusal is { } r)
        {
            return Results.Conflict(new ActionReceipt(0, 0, [.. refusals, r]));
        }

        foreach (var message in reading.Messages)
        {
            if ((await session.SendMessage(pass.Country!, pass.Secret, message.To, message.Text)).Refusal is { } m)
            {
                refusals.Add(m);
            }
        }

        var ready = await session.SetReady(pass.Country!, pass.Secret, turn, true);
        return ready.Refusal is { } notReady
            ? Results.Conflict(new ActionReceipt(reading.Moves.Length, reading.Messages.Length, [.. refusals, notReady]))
            : Results.Ok(new ActionReceipt(reading.Moves.Length, reading.Messages.Length, refusals));
    }

    private static IResult Document(Reply<string> reply) => reply.Value is { } json
        ? Results.Text(json, "application/json")
        : Results.Problem(reply.Refusal, statusCode: StatusCodes.Status403Forbidden);
}
