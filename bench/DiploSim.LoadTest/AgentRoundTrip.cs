using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DiploSim.Contracts;
using DiploSim.Server.Hub;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// The agent protocol over HTTP (docs/agents.md), per decision: from the moment a seat's observation is available to the
/// moment the server has accepted its action, for a remote agent that answers at once, over loopback against the server
/// in its own process (<see cref="ServerProcess"/>: embedded mode, every event a durable SQLite commit). One session of
/// `india-russia-summit-2025` with `rounds` negotiation rounds; India is the agent (it long-polls
/// <c>GET /api/agent/observation</c> and posts to <c>POST /api/agent/action</c>: a message to Russia in each
/// negotiation round, a pass with a message in the move round), Russia is a person who never marks ready, so the
/// agent's move does not resolve the turn and the teacher's "resolve now" opens the next one.
/// Two kinds of decision are timed: within a turn (a negotiation round, or the move round, opens when the agent's
/// previous action is accepted: the observation is there when it asks, so the time is its GET and its POST), and the
/// first of a turn (the observation is available once the turn resolves: from the teacher's "resolve now" call, the
/// agent's long poll, already waiting, sees the new turn on its next look at the session and the agent answers).
/// Usage: dotnet run -c Release --project bench/DiploSim.LoadTest -- agent [turns=30] [rounds=3] [warmup=5]
/// </summary>
internal static class AgentRoundTrip
{
    public static async Task<int> Run(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var turns = args.Length > 0 ? int.Parse(args[0], inv) : 30;
        var rounds = args.Length > 1 ? int.Parse(args[1], inv) : 3;
        var warmUp = args.Length > 2 ? int.Parse(args[2], inv) : 5;

        await using var server = await ServerProcess.Start("agent");
        if (server is null)
        {
            return 2;
        }

        using var http = new HttpClient { BaseAddress = server.Address };
        var create = await http.PostAsJsonAsync("/api/sessions", new { ScenarioId = "india-russia-summit-2025", TurnSeconds = 3600, HumanSeats = new[] { "IND", "RUS" }, Seed = 1UL, NegotiationRounds = rounds });
        var passes = (await create.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SessionPassesDto>())!;
        var india = (await (await http.PostAsJsonAsync("/api/join", new { Code = passes.JoinCode, Country = "IND", Player = "agent" })).Content.ReadFromJsonAsync<SeatPassDto>())!;
        _ = (await (await http.PostAsJsonAsync("/api/join", new { Code = passes.JoinCode, Country = "RUS", Player = "person" })).Content.ReadFromJsonAsync<SeatPassDto>())!;

        using var agent = new HttpClient { BaseAddress = server.Address };
        agent.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", india.Pass);
        (await agent.GetAsync(new Uri("/api/agent/game", UriKind.Relative))).EnsureSuccessStatusCode();
        await using var teacher = server.Connection(passes.TeacherPass);
        await teacher.StartAsync();
        Check(await teacher.InvokeAsync<Receipt>("Start"), "start");
        Console.WriteLine($"server {server.Address} (pid {server.Id}); {warmUp} + {turns} turns of {rounds} negotiation rounds and the move round; India an agent over HTTP");

        var within = new List<double>();
        var first = new List<double>();
        var gets = new List<double>();
        var posts = new List<double>();
        long after = 0;

        // One decision: the long poll for the next observation, then the action; the time each took.
        async Task<(double Get, double Post)> Decide()
        {
            var asked = Stopwatch.GetTimestamp();
            using var observation = await agent.GetAsync(new Uri($"/api/agent/observation?after={after.ToString(inv)}&wait=30", UriKind.Relative));
            if (observation.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"no observation after decision {after}: {observation.StatusCode}");
            }

            using var document = JsonDocument.Parse(await observation.Content.ReadAsStringAsync());
            var decision = document.RootElement.GetProperty("decision").GetInt64();
            var negotiate = document.RootElement.GetProperty("phase").GetString() == "negotiate";
            var got = Stopwatch.GetTimestamp();
            var action = string.Create(inv, $$"""{"type":"action","decision":{{decision}},"messages":[{"to":"RUS","text":"{{(negotiate ? "Shall we talk trade?" : "We hold our course.")}}"}]}""");
            using var posted = await agent.PostAsync(new Uri("/api/agent/action", UriKind.Relative), new StringContent(action, Encoding.UTF8, "application/json"));
            if (posted.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"decision {decision} was not accepted ({posted.StatusCode}): {await posted.Content.ReadAsStringAsync()}");
            }

            after = decision;
            return (Stopwatch.GetElapsedTime(asked, got).TotalMilliseconds, Stopwatch.GetElapsedTime(got).TotalMilliseconds);
        }

        var clock = Stopwatch.StartNew();
        for (var turn = 0; turn < warmUp + turns; turn++)
        {
            var measured = turn >= warmUp;
            if (turn > 0)
            {
                // The agent waits in its long poll; the turn resolves; the observation is available from then on.
                var waiting = Decide();
                await Task.Delay(200);
                var opened = Stopwatch.GetTimestamp();
                Check(await teacher.InvokeAsync<Receipt>("ResolveNow", turn - 1), "resolve");
                await waiting;
                if (measured)
                {
                    first.Add(Stopwatch.GetElapsedTime(opened).TotalMilliseconds);
                }
            }
            else
            {
                await Decide();
            }

            for (var round = 1; round <= rounds; round++)
            {
                var (get, post) = await Decide();
                if (measured)
                {
                    within.Add(get + post);
                    gets.Add(get);
                    posts.Add(post);
                }
            }
        }

        Console.WriteLine($"{warmUp + turns} turns, {(warmUp + turns) * (rounds + 1)} decisions in {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"within a turn (observation there when asked): {Summary(within)}; its GET {Summary(gets)}; its POST {Summary(posts)}");
        Console.WriteLine($"first of a turn (from \"resolve now\", the long poll waiting): {Summary(first)}");
        return 0;
    }

    private static void Check(Receipt receipt, string what)
    {
        if (receipt.Refusal is { } refusal)
        {
            throw new InvalidOperationException($"{what} was refused: {refusal}");
        }
    }

    private static string Summary(List<double> ms)
    {
        if (ms.Count == 0)
        {
            return "n/a";
        }

        var sorted = ms.Order().ToList();
        double Pct(int p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"mean {sorted.Average():F2} ms, p50 {Pct(50):F2}, p90 {Pct(90):F2}, p99 {Pct(99):F2}, max {sorted[^1]:F2} (n {sorted.Count})");
    }
}
