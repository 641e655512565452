using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using DiploSim.Contracts;
using DiploSim.Grains;
using DiploSim.Server.Hub;
using DiploSim.Server.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace DiploSim.Server.Api;

/// <param name="NegotiationRounds">Message rounds before the moves of each turn for the seats programs play (docs/agents.md); 0 to 10, default 0.</param>
public sealed record CreateSessionRequest(string ScenarioId, int TurnSeconds, string[]? HumanSeats = null, string? Press = null, ulong? Seed = null, int? NegotiationRounds = null);

public sealed record JoinRequest(string Code, string Country, string Player);

public sealed record OpenSeat(string Country, bool Taken);

public sealed record JoinInfo(string SessionId, string Title, string Phase, OpenSeat[] Seats);

/// <summary>The small HTTP API: the lobby's calls and the exports. Everything live goes through the hub.</summary>
public static partial class HttpApi
{
    public static IEndpointRouteBuilder MapDiploSimApi(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<IOptions<ClientLimits>>().Value;
        var api = app.MapGroup("/api").LimitBody(limits).WithRefusals().WithTags("Sessions");
        api.MapGet("/scenarios", (IScenarioCatalog catalog) => TypedResults.Ok(catalog.List()))
            .WithName("ListScenarios").WithSummary("The scenarios a teacher can run.");
        api.MapGet("/scenarios/{id}/briefing", Briefing)
            .WithName("GetBriefing").WithSummary("A scenario's briefing: every country's goals, red lines and start.").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/sessions", CreateSession)
            .WithName("CreateSession").WithSummary("Creates a session; answers with its join code and the teacher's and the screen's passes.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/join/{code}", FindSession)
            .WithName("FindSession").WithSummary("The session a join code opens, and its seats open to players.").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/join", Join)
            .WithName("Join").WithSummary("Takes a seat with a join code; answers with the seat's pass.").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/export/{format}", Export)
            .WithName("Export").WithSummary("The teacher's export: json (everything), csv (a row per turn and country) or html (the debrief).")
            .Produces<SessionRecord>(StatusCodes.Status200OK, "application/json")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                foreach (var text in (string[])["text/csv", "text/html"])
                {
                    operation.Responses?["200"].Content?.Add(text, new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
                }

                return Task.CompletedTask;
            })
            .WithPathValues("format", "json", "csv", "html")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/passes/{holder}", ReplacePass)
            .WithName("ReplacePass").WithSummary("Replaces the teacher's or the classroom screen's pass; connections with the old one are dropped.")
            .WithPathValues("holder", "teacher", "spectator")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>
    /// What any call of the API may answer besides its own answers: a malformed request or a refusal (400), a body over
    /// the limit (413), a node switching over (503), each as problem details with the reason in <c>detail</c>.
    /// </summary>
    public static RouteGroupBuilder WithRefusals(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static Results<Ok<ScenarioBriefing>, ProblemHttpResult> Briefing(string id, IScenarioCatalog catalog) =>
        catalog.Find(id) is { } scenario
            ? TypedResults.Ok(Briefings.Of(scenario))
            : TypedResults.Problem($"no scenario has the id '{ClientLimits.Clip(id, 64)}'", statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<SessionPassesDto>, ProblemHttpResult>> CreateSession(CreateSessionRequest request, HttpContext http, IClusterClient cluster, PassBook passes, IOptions<ClientLimits> limits, ILoggerFactory logs)
    {
        var l = limits.Value;
        var seats = request.HumanSeats ?? [];
        var invalid = Text("a scenario id", nameof(request.ScenarioId), request.ScenarioId, l.ScenarioIdLength, nameof(ClientLimits.ScenarioIdLength))
            ?? Text("press rules", nameof(request.Press), request.Press, l.IdentifierLength, nameof(ClientLimits.IdentifierLength), required: false)
            ?? (seats.Length > l.ListLength ? $"a session may open at most {l.ListLength} seats to players ({ClientLimits.Name(nameof(ClientLimits.ListLength))})" : null)
            ?? seats.Select(c => Text("a country", nameof(request.HumanSeats), c, l.IdentifierLength, nameof(ClientLimits.IdentifierLength))).FirstOrDefault(r => r is not null);
        if (invalid is not null)
        {
            return Refuse(logs, "create", invalid);
        }

        if (!Enum.TryParse<PressRules>(request.Press ?? nameof(PressRules.Open), ignoreCase: true, out var press))
        {
            return Refuse(logs, "create", $"unknown press rules '{request.Press}'");
        }

        // The address's sessions an hour are counted by one grain for the whole cluster, not by each node.
        var address = ClientEdge.Address(http);
        if (await cluster.GetGrain<IAddressQuotaGrain>(address).TakeSession(l.SessionsPerAddressPerHour) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Refuse(logs, "create", $"an address may create at most {l.SessionsPerAddressPerHour} sessions an hour ({ClientLimits.Name(nameof(ClientLimits.SessionsPerAddressPerHour))})", StatusCodes.Status429TooManyRequests);
        }

        var sessionId = $"s{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";
        var options = new DiploSim.Contracts.SessionOptions(TimeSpan.FromSeconds(request.TurnSeconds), [.. request.HumanSeats ?? []], press, request.NegotiationRounds ?? 0);
        var seed = request.Seed ?? BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        var reply = await cluster.GetGrain<ISessionGrain>(sessionId).Create(new CreateSession(request.ScenarioId, seed, options));
        return reply.Value is { } t
            ? TypedResults.Ok(passes.Issue(t))
            : Refuse(logs, "create", reply.Refusal!);
    }

    private static async Task<Results<Ok<JoinInfo>, ProblemHttpResult>> FindSession(string code, IClusterClient cluster, IScenarioCatalog catalog, IOptions<ClientLimits> limits, ILoggerFactory logs)
    {
        if (Text("a join code", "code", code, limits.Value.JoinCodeLength, nameof(ClientLimits.JoinCodeLength)) is { } invalid)
        {
            return Refuse(logs, "join", invalid);
        }

        var sessionId = await cluster.GetGrain<ISessionRegistryGrain>(0).FindByJoinCode(code.Trim().ToUpperInvariant());
        if (sessionId is null)
        {
            return Refuse(logs, "join", $"no session has the code '{code}'", StatusCodes.Status404NotFound);
        }

        var status = await cluster.GetGrain<ISessionGrain>(sessionId).GetStatus();
        var title = catalog.List().FirstOrDefault(s => s.Id == status.ScenarioId)?.Title ?? status.ScenarioId;
        return TypedResults.Ok(new JoinInfo(sessionId, title, status.Phase.ToString(),
            [.. status.Seats.Where(s => s.OpenToPlayers).Select(s => new OpenSeat(s.Country, s.Player is not null))]));
    }

    private static async Task<Results<Ok<SeatPassDto>, ProblemHttpResult>> Join(JoinRequest request, IClusterClient cluster, IOptions<ClientLimits> limits, ILoggerFactory logs)
    {
        var l = limits.Value;
        var invalid = Text("a join code", nameof(request.Code), request.Code, l.JoinCodeLength, nameof(ClientLimits.JoinCodeLength))
            ?? Text("a country", nameof(request.Country), request.Country, l.IdentifierLength, nameof(ClientLimits.IdentifierLength))
            ?? Text("a player's name", nameof(request.Player), request.Player, l.PlayerNameLength, nameof(ClientLimits.PlayerNameLength));
        if (invalid is not null)
        {
            return Refuse(logs, "join", invalid);
        }

        var sessionId = await cluster.GetGrain<ISessionRegistryGrain>(0).FindByJoinCode(request.Code.Trim().ToUpperInvariant());
        if (sessionId is null)
        {
            return Refuse(logs, "join", $"no session has the code '{request.Code}'", StatusCodes.Status404NotFound);
        }

        var reply = await cluster.GetGrain<ISessionGrain>(sessionId).Join(request.Country, request.Player);
        return reply.Value is { } seat
            ? TypedResults.Ok(new SeatPassDto(seat.SessionId, seat.Country, PassBook.Player(seat.SessionId, seat.Country, seat.Token)))
            : Refuse(logs, "join", reply.Refusal!);
    }

    /// <summary>
    /// The teacher's exports: <c>json</c> (everything), <c>csv</c> (a row per turn and country), <c>html</c> (the debrief).
    /// The teacher's pass is the bearer token, never part of the address (which browsers keep in their history and servers in their logs);
    /// <c>tz</c> names the teacher's time zone (IANA) for the debrief's times.
    /// </summary>
    private static async Task<Results<JsonHttpResult<SessionRecord>, FileContentHttpResult, ContentHttpResult, ProblemHttpResult>> Export(string format, string? tz, HttpRequest request, IClusterClient cluster, PassBook passes, IScenarioCatalog catalog, TurnClock clock, ILoggerFactory logs)
    {
        var (p, refusal) = passes.Read(Bearer(request));
        if (p is not { Role: Role.Teacher })
        {
            return Refuse(logs, "export", refusal ?? "only the session's teacher may export it", StatusCodes.Status403Forbidden);
        }

        // The whole history and log, read with the status in one call (which checks the pass) so that no turn falls between them.
        var session = cluster.GetGrain<ISessionGrain>(p.SessionId);
        if ((await session.GetSlice(p.Credential(), afterSequence: 0, historyFrom: 0, lastStateHash: null)).Value is not { } slice)
        {
            return Refuse(logs, "export", "this teacher pass was replaced by a new one", StatusCodes.Status403Forbidden);
        }

        var record = new SessionRecord(
            Wire.Status(slice.Status, catalog, clock.Now),
            slice.History,
            [.. slice.Log.Select(e => Wire.Event(e))],
            catalog.Find(slice.Status.ScenarioId)?.World.Actors.ToImmutableSortedDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal));
        var name = $"diplosim-{p.SessionId}";
        return format switch
        {
            "json" => TypedResults.Json(record, contentType: "application/json", statusCode: 200),
            "csv" => TypedResults.File(System.Text.Encoding.UTF8.GetBytes(record.Csv()), "text/csv", $"{name}.csv"),
            "html" => TypedResults.Content(record.Html(TimeZoneInfo.TryFindSystemTimeZoneById(ClientLimits.Clip(tz ?? "UTC", 64), out var zone) ? zone : null), "text/html; charset=utf-8"),
            _ => Refuse(logs, "export", $"unknown format '{ClientLimits.Clip(format, 16)}' (json, csv or html)", StatusCodes.Status404NotFound),
        };
    }

    private static string? Bearer(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        return auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..] : null;
    }

    /// <summary>
    /// Replaces the <c>teacher</c>'s or the classroom screen's (<c>spectator</c>) pass for the teacher whose pass is the
    /// bearer token, and answers with the session's passes. Connections with the old pass are dropped on every node.
    /// </summary>
    private static async Task<Results<Ok<SessionPassesDto>, ProblemHttpResult>> ReplacePass(string holder, HttpRequest request, IClusterClient cluster, PassBook passes, ILoggerFactory logs)
    {
        PassHolder? which = holder switch
        {
            "teacher" => PassHolder.Teacher,
            "spectator" => PassHolder.Spectator,
            _ => null,
        };
        if (which is null)
        {
            return Refuse(logs, "replace pass", $"unknown pass '{ClientLimits.Clip(holder, 16)}' (teacher or spectator)", StatusCodes.Status404NotFound);
        }

        var (p, refusal) = passes.Read(Bearer(request));
        if (p is not { Role: Role.Teacher })
        {
            return Refuse(logs, "replace pass", refusal ?? "only the session's teacher may do that", StatusCodes.Status403Forbidden);
        }

        var session = cluster.GetGrain<ISessionGrain>(p.SessionId);
        var reply = which == PassHolder.Teacher ? await session.RotateTeacherToken(p.Secret) : await session.RotateSpectatorToken(p.Secret);
        return reply.Value is { } t
            ? TypedResults.Ok(passes.Issue(t))
            : Refuse(logs, "replace pass", reply.Refusal!, StatusCodes.Status403Forbidden);
    }

    /// <summary>
    /// Null when <paramref name="value"/> is present (or need not be) and within <paramref name="limit"/> characters;
    /// else a refusal that names the field and the limit without repeating the value.
    /// </summary>
    private static string? Text(string what, string field, string? value, int limit, string limitName, bool required = true) => value switch
    {
        null or "" when required => $"{what} is missing ({field})",
        { Length: var n } when n > limit => ClientLimits.TooLong(what, n, limit, limitName),
        _ => null,
    };

    private static ProblemHttpResult Refuse(ILoggerFactory logs, string action, string reason, int status = StatusCodes.Status400BadRequest)
    {
        LogRefused(logs.CreateLogger(typeof(HttpApi)), action, reason);
        return TypedResults.Problem(reason, statusCode: status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Action}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string action, string reason);
}
