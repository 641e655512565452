using System.Text.Json.Nodes;
using DiploSim.Server.Api;
using DiploSim.Server.Hub;
using DiploSim.WebContract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DiploSim.Server.Tests;

/// <summary>
/// The HTTP API's OpenAPI document: the running server serves the committed src/DiploSim.Web/src/generated/openapi.json,
/// and every route it maps under /api is in it with a typed answer and a typed refusal.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class HttpContractTests(ServerFixture server)
{
    private static readonly string Committed = Repository.Path($"src/DiploSim.Web/src/generated/{HttpDocument.File}");

    [Fact]
    public async Task The_running_server_serves_the_committed_OpenAPI_document_and_nothing_beyond_the_API()
    {
        var served = JsonNode.Parse(await server.Http.GetStringAsync(new Uri(HttpContract.Path, UriKind.Relative)))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(Committed)), served),
            $"{HttpDocument.File} is not what the server serves: run `dotnet run --project src/DiploSim.WebContract` and commit the result");
        Assert.Null(served["servers"]);
        Assert.All(served["paths"]!.AsObject(), p => Assert.StartsWith("/api/", p.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_route_the_server_maps_under_api_is_in_the_document_with_a_typed_answer_and_refusal()
    {
        var document = JsonNode.Parse(await server.Http.GetStringAsync(new Uri(HttpContract.Path, UriKind.Relative)))!;
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        Assert.Empty(Untyped(endpoints, document));
        // The lobby's, the teacher's and the agents' calls are all there.
        Assert.Superset(
            new HashSet<string> { "GET /api/scenarios", "POST /api/sessions", "GET /api/join/{code}", "POST /api/join", "GET /api/export/{format}", "GET /api/agent/observation", "POST /api/agent/action" },
            Routes(endpoints).ToHashSet());
    }

    [Fact]
    public async Task A_route_that_answers_an_untyped_result_or_maps_no_method_is_reported()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddOpenApi();
        await using var app = builder.Build();
        var api = app.MapGroup("/api").ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/typed", () => TypedResults.Ok(new SeatPassDto("s", "IND", "pass")));
        api.MapGet("/untyped", () => Results.Ok(new SeatPassDto("s", "IND", "pass")));
        api.Map("/any", (HttpContext _) => Task.CompletedTask);
        app.MapGet("/api-lookalike", () => TypedResults.Ok(1));

        var document = JsonNode.Parse(await HttpDocument.Of(app, "v1"))!;

        Assert.Equal(["GET /api/untyped", "* /api/any"], Untyped(((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints), document));
    }

    /// <summary>
    /// Routes under /api that the document lacks, or that declare no 2xx answer with a schema, or no 4xx refusal with
    /// one (the problem details every refusal carries).
    /// </summary>
    private static List<string> Untyped(IEnumerable<Endpoint> endpoints, JsonNode document)
    {
        var paths = document["paths"]!.AsObject();
        return [.. Routes(endpoints).Where(route =>
        {
            var (method, path) = (route[..route.IndexOf(' ', StringComparison.Ordinal)], route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            var responses = paths[path]?[method.ToLowerInvariant()]?["responses"]?.AsObject();
            return responses is null
                || !responses.Any(r => r.Key.StartsWith('2') && HasSchema(r.Value))
                || !responses.Any(r => r.Key.StartsWith('4') && HasSchema(r.Value));
        })];
    }

    private static bool HasSchema(JsonNode? response) =>
        response?["content"]?.AsObject().Any(c => c.Value?["schema"] is JsonObject { Count: > 0 }) == true;

    /// <summary>"METHOD /path" for every route under /api ("*" where the route takes any method).</summary>
    private static IEnumerable<string> Routes(IEnumerable<Endpoint> endpoints) =>
        endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Path: "/" + e.RoutePattern.RawText!.TrimStart('/')))
            .Where(e => e.Path.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.Path}"));
}
