using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using DiploSim.Agents;
using DiploSim.Core;
using DiploSim.Core.State;
using DiploSim.Scenarios;
using DiploSim.Testing;

namespace DiploSim.Agents.Tests;

/// <summary>The language-model agent against a local fake of an OpenAI-compatible chat endpoint: no network needed.</summary>
public sealed class LanguageModelAgentTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<JsonNode> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _url;
    private volatile string _reply = "";
    private volatile int _status = 200;

    public LanguageModelAgentTests()
    {
        var port = FreePort();
        _url = $"http://127.0.0.1:{port}/v1";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(Serve);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
            _requests.Enqueue(body);
            _requests.Enqueue(JsonValue.Create(context.Request.Url!.AbsolutePath)!);
            var answer = new JsonObject { ["choices"] = new JsonArray(new JsonObject { ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = _reply } }) };
            var bytes = Encoding.UTF8.GetBytes(answer.ToJsonString());
            context.Response.StatusCode = _status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private List<TurnResult> Play(int turns)
    {
        var world = BaselineScenario.World(3, new ModelParameters());
        var command = new AgentCommand("llm", ["python3", "llm_agent.py"], AgentPrograms.PythonFolder, TimeSpan.FromSeconds(30))
        {
            Environment = ImmutableDictionary<string, string>.Empty.Add("DIPLOSIM_LLM_URL", _url).Add("DIPLOSIM_LLM_MODEL", "fake-model"),
        };
        using var agent = new AgentProcess(command);
        var bots = world.Actors.Select(a => a.Id).Where(a => a != "IND").ToList();
        return new AgentGame("run-0", 3, "baseline", ShockScript.Empty, bots, new Dictionary<string, IAgentSeat> { ["IND"] = agent }, new AgentOptions())
            .Play(world, turns).ToList();
    }

    [Fact]
    public void The_language_model_agent_asks_the_endpoint_named_by_the_environment_and_plays_the_moves_it_answers()
    {
        _reply = """Sure. ```json {"moves":[{"kind":"SetTariff","target":"USA","sector":"Technology","rate":0.15}],"answers":[],"messages":[{"to":"RUS","text":"hello"}]} ``` Good luck.""";
        var turns = Play(2);

        var requests = _requests.Where(r => r is JsonObject).Cast<JsonObject>().ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(_requests.Where(r => r is JsonValue), p => Assert.Equal("/v1/chat/completions", p.GetValue<string>()));
        Assert.All(requests, r => Assert.Equal("fake-model", (string?)r["model"]));
        Assert.All(requests, r => Assert.StartsWith("You are IND (India), turn ", (string?)r["messages"]![1]!["content"], StringComparison.Ordinal));
        Assert.Contains("SetTariff (target, sector?, rate, inTurns?) cost 1-1", (string?)requests[0]["messages"]![1]!["content"], StringComparison.Ordinal);
        Assert.All(turns, t => Assert.Contains(t.Outcome.Moves, m => m.Move is SetTariff { Actor: "IND", Target: "USA", Rate: 0.15 } && m.Accepted));
    }

    [Fact]
    public void When_the_endpoint_fails_or_answers_prose_the_seat_passes_and_the_game_goes_on()
    {
        _status = 500;
        var failed = Play(1);
        _status = 200;
        _reply = "I would rather not say.";
        var prose = Play(1);

        Assert.DoesNotContain(failed.Concat(prose).SelectMany(t => t.Outcome.Moves), m => m.Move.Actor == "IND");
        Assert.Equal(2, _requests.Count(r => r is JsonObject));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
