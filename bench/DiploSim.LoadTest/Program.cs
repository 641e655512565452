using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime;
using DiploSim.Contracts;
using DiploSim.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using DiploSim.Server.Hub;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using MessagePack;
using MessagePack.Resolvers;

// Load generator: N real SignalR clients (MessagePack) across M sessions of the co-hosted server, T turns resolved by
// each session's teacher; reports connections held, memory per connection, the latency from a turn's resolution to
// the last client of each session receiving its push, and to the last client holding the whole new turn as its page
// draws it, against a bare SignalR group broadcast of the same payload in the same run.
// The sessions' turns resolve together (spread=0, the worst case: every session's teacher presses "resolve now" at
// the same instant) or spread evenly over `spread` milliseconds, as independent classes' deadlines fall.
// A page's state is complete, as in the web client (src/session/merge.ts), when it holds the resolved turn's outcome,
// the status and the network after it, and for a player's page the seat's dashboard, which comes on the seat's own
// channel; the pushes carry them all, so no client asks the server for anything after a turn. Targets: complete page
// state p99 under 100 ms, and the hub's p99 at most 1.3 times the bare broadcast's. The bare broadcast is also
// repeated with the turn's headline only, to show what the size of the push costs.
// Usage: dotnet run -c Release --project bench/DiploSim.LoadTest -- [connections=1000] [sessions=50] [turns=3] [spread=0] [warmup=10] [pause=1000]
// The server's memory with idle pages: ... -- idle [connections=1000] [sessions=50] [idleSeconds=60] (see IdleMemory).
// The agent protocol's HTTP round trip per decision: ... -- agent [turns=30] [rounds=3] [warmup=5] (see AgentRoundTrip).
if (args is ["idle", .. var idleArgs])
{
    return await IdleMemory.Run(idleArgs);
}

if (args is ["agent", .. var agentArgs])
{
    return await AgentRoundTrip.Run(agentArgs);
}

var inv = CultureInfo.InvariantCulture;
var connections = args.Length > 0 ? int.Parse(args[0], inv) : 1000;
var sessions = args.Length > 1 ? int.Parse(args[1], inv) : 50;
var turns = args.Length > 2 ? int.Parse(args[2], inv) : 3;
var spread = TimeSpan.FromMilliseconds(args.Length > 3 ? int.Parse(args[3], inv) : 0);

// Turns (and bare rounds) played first and not counted, so that the measured ones run on a server that has been up
// for a while. The runtime compiles a method again, optimised, only after some 30 calls, in the background and after
// a pause in new compilations; a session's grain and hub paths are called once per session a turn, so after one turn
// much of them still ran unoptimised and the background compiler took CPU from the measured turns (with one warm-up
// turn, the 50 resolutions of a burst took 232 ms of CPU; with tiered compilation off, 92 ms). Profile-guided
// optimisation recompiles a hot method twice (instrumented, then optimised), and later turns of the scenario reach
// code the first ones did not, so ten turns leave fewer methods to compile during the measured ones than five.
var warmUp = args.Length > 4 ? int.Parse(args[4], inv) : 10;

// The quiet time before each turn (and bare round), as between a class's turns, which are minutes apart. Played back
// to back, the turns never let the runtime finish its optimised recompilation: it waits for 100 ms without new
// compilations before it starts, so with no pause the measured turns ran partly unoptimised code while the background
// compiler took CPU from them (the run reports how many methods were compiled while it measured).
var pause = TimeSpan.FromMilliseconds(args.Length > 5 ? int.Parse(args[5], inv) : 1000);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
builder.Configuration["DiploSim:Storage"] = "Memory";
builder.Configuration["DiploSim:SiloPort"] = FreePort().ToString(inv);
builder.Configuration["DiploSim:GatewayPort"] = FreePort().ToString(inv);
// Every simulated client comes from this one address: the per-address caps would stop the load at their defaults.
builder.Configuration["DiploSim:Limits:SessionsPerAddressPerHour"] = "1000000";
builder.Configuration["DiploSim:Limits:ConnectionsPerAddress"] = "1000000";
// The bare hub's clients hold no pass, and the server's hub filter closes such a connection after 15 s by default:
// the second bare broadcast (the headline only) came after that, found every client gone and waited out each round.
builder.Configuration["DiploSim:Limits:AuthenticationTimeout"] = "01:00:00";
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.AddDiploSim();
var app = builder.Build();
app.MapDiploSim();
app.MapHub<BareHub>("/bare");
await app.StartAsync();
var baseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
using var http = new HttpClient { BaseAddress = baseUri };
Console.WriteLine($"server at {baseUri}; {connections} connections, {sessions} sessions, {turns} turns, resolutions spread over {spread.TotalMilliseconds} ms, {pause.TotalMilliseconds} ms between turns");
const string ScenarioId = "india-russia-summit-2025";
var scenarioTurns = (await http.GetFromJsonAsync<ScenarioTurns[]>("/api/scenarios"))!.Single(x => x.Id == ScenarioId).Turns;
if (warmUp + turns > scenarioTurns)
{
    Console.Error.WriteLine($"{warmUp} warm-up and {turns} measured turns are more than the scenario's {scenarioTurns}: its sessions end before the run does");
    return 2;
}

// Sessions: IND and RUS seated by players, the rest of each session's connections on the classroom screen.
var tables = new List<(SessionPassesDto Passes, string[] ClientPasses)>();
for (var s = 0; s < sessions; s++)
{
    var passes = (await (await http.PostAsJsonAsync("/api/sessions", new { ScenarioId, TurnSeconds = 3600, HumanSeats = new[] { "IND", "RUS" } })).Content.ReadFromJsonAsync<SessionPassesDto>())!;
    var ind = (await (await http.PostAsJsonAsync("/api/join", new { Code = passes.JoinCode, Country = "IND", Player = "a" })).Content.ReadFromJsonAsync<SeatPassDto>())!;
    var rus = (await (await http.PostAsJsonAsync("/api/join", new { Code = passes.JoinCode, Country = "RUS", Player = "b" })).Content.ReadFromJsonAsync<SeatPassDto>())!;
    var per = connections / sessions + (s < connections % sessions ? 1 : 0);
    tables.Add((passes, [.. Enumerable.Range(0, per).Select(i => i switch { 0 => ind.Pass, 1 => rus.Pass, _ => passes.SpectatorPass! })]));
}

var receipts = new ConcurrentDictionary<(string Session, int Turn), ConcurrentBag<long>>();
var complete = new ConcurrentDictionary<(string Session, int Turn), ConcurrentBag<long>>();
var resolvedAt = new ConcurrentDictionary<(string Session, int Turn), long>();
var incomplete = 0;

// Events the server's relay read from a session's log because the session's stream had not brought them in time.
var fromLog = 0L;
using var relayed = new System.Diagnostics.Metrics.MeterListener
{
    InstrumentPublished = (instrument, l) =>
    {
        if (instrument.Name == "diplosim.relay.from_log")
        {
            l.EnableMeasurementEvents(instrument);
        }
    },
};
relayed.SetMeasurementEventCallback<long>((_, events, _, _) => Interlocked.Add(ref fromLog, events));
relayed.Start();
EventDto? lastPayload = null;
GC.Collect();
var before = Process.GetCurrentProcess().WorkingSet64;
var clients = new List<HubConnection>();
var opened = Stopwatch.StartNew();
foreach (var (passes, clientPasses) in tables)
{
    await Parallel.ForEachAsync(clientPasses.Select((pass, i) => (pass, player: i < 2)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (seat, opening) =>
    {
        var c = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "/hub"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(seat.pass)).AddMessagePackProtocol().Build();

        // A page holds a resolved turn once it has what it draws: the session-wide push (outcome, status, network) and,
        // on a player's page, the seat's own copy with its dashboard; the two may come in either order.
        var parts = new ConcurrentDictionary<int, int>();
        var needs = seat.player ? 2 : 1;
        void Received(ReceivedEvent e, bool own)
        {
            if (e.Outcome is not { } o)
            {
                return;
            }

            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var key = (passes.SessionId, o.Turn);
            resolvedAt.TryAdd(key, e.AtMs);
            if (!own)
            {
                receipts.GetOrAdd(key, _ => []).Add(now);
            }

            if (e.Status is null || e.Network is null || (own && e.View is null))
            {
                Interlocked.Increment(ref incomplete);
                return;
            }

            if (parts.AddOrUpdate(o.Turn, 1, (_, n) => n + 1) == needs)
            {
                complete.GetOrAdd(key, _ => []).Add(now);
            }
        }

        c.On<ReceivedEvent>("Event", e => Received(e, own: false));
        c.On<ReceivedEvent>("Private", e => Received(e, own: true));
        await c.StartAsync(opening);
        await c.InvokeAsync<Reply<SnapshotDto>>("GetSnapshot", 0L, opening);
        lock (clients)
        {
            clients.Add(c);
        }
    });
}

GC.Collect();
var after = Process.GetCurrentProcess().WorkingSet64;
Console.WriteLine($"connections held: {clients.Count(c => c.State == HubConnectionState.Connected)} (opened in {opened.Elapsed.TotalSeconds:F1} s)");
Console.WriteLine($"memory per connection (client and server in one process, working set): {(after - before) / 1024.0 / Math.Max(1, clients.Count):F1} KiB");

var teachers = new List<HubConnection>();
foreach (var (passes, _) in tables)
{
    var t = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "/hub"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(passes.TeacherPass)).AddMessagePackProtocol().Build();

    // The teachers' connections decode the whole event, as the teacher's page does; the last outcome is the bare payload.
    t.On<EventDto>("Event", e => lastPayload = e.Outcome is null ? lastPayload : e);
    await t.StartAsync();
    await t.InvokeAsync<Receipt>("Start");
    teachers.Add(t);
}

var played = Stopwatch.StartNew();
var pushLoad = new CpuUse();
var turnLoad = new CpuUse();
for (var turn = 0; turn < warmUp + turns; turn++)
{
    await Task.Delay(pause);
    using var wholeTurn = turn >= warmUp ? turnLoad.Measure() : null;
    var push = turn >= warmUp ? pushLoad.Measure() : null;
    await Task.WhenAll(teachers.Select(async (t, i) =>
    {
        await Task.Delay(spread * i / teachers.Count);
        await t.InvokeAsync<Receipt>("ResolveNow", turn);
    }));
    var deadline = Stopwatch.StartNew();
    await EveryClientHas(receipts, turn, deadline);
    push?.Dispose();
    await EveryClientHas(complete, turn, deadline);
}

Console.WriteLine($"{warmUp} + {turns} turns x {sessions} sessions played in {played.Elapsed.TotalSeconds:F1} s");
var hub = Latencies(receipts.Where(r => r.Key.Turn >= warmUp), k => resolvedAt[k]);
var missing = tables.Sum(x => Enumerable.Range(0, warmUp + turns).Sum(t => x.ClientPasses.Length - (receipts.TryGetValue((x.Passes.SessionId, t), out var b) ? b.Count : 0)));
Console.WriteLine($"DiploSim hub: resolution -> last client of the session: p50 {Pct(hub, 50)} ms, p99 {Pct(hub, 99)} ms over {hub.Count} (session, turn) pairs; {missing} receipts missing");
var pages = Latencies(complete.Where(r => r.Key.Turn >= warmUp), k => resolvedAt[k]);
Console.WriteLine($"  ... -> last client's complete page state (outcome, status, network, a seat's dashboard; no pulls): p50 {Pct(pages, 50)} ms, p99 {Pct(pages, 99)} ms (target p99 < 100 ms); {incomplete} pushes lacked part of it; {Interlocked.Read(ref fromLog)} events relayed from a log instead of a stream");
Console.WriteLine($"  CPU (server and clients) per measured turn, until the last client has the outcome: {pushLoad}; until the last complete page: {turnLoad}");
Console.WriteLine($"  methods compiled while the turns were measured: {turnLoad.Compiled} (a warm server compiles none)");
// Each measured turn's slowest session beside what the runtime did meanwhile: what a slow p99 came with.
for (var i = 0; i < turnLoad.Rounds.Count; i++)
{
    var turn = warmUp + i;
    var slowest = Latencies(complete.Where(r => r.Key.Turn == turn), k => resolvedAt[k]).LastOrDefault();
    var (young, middle, full, paused, compiled) = turnLoad.Rounds[i];
    Console.WriteLine(string.Create(inv, $"  turn {turn}: slowest session {slowest} ms; collections {young}/{middle}/{full} (young/middle/full), paused {paused.TotalMilliseconds:F0} ms; {compiled} methods compiled"));
}

// The same payload through a bare hub: one group per session, sent by the server, no grains, no streams.
var bare = new ConcurrentDictionary<(string, int), ConcurrentBag<long>>();
var bareClients = new List<HubConnection>();
foreach (var (passes, clientPasses) in tables)
{
    await Parallel.ForEachAsync(clientPasses, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
    {
        var c = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "/bare")).AddMessagePackProtocol().Build();
        c.On<int, ReceivedEvent>("Event", (round, _) => bare.GetOrAdd((passes.SessionId, round), _ => []).Add(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        await c.StartAsync();
        await c.InvokeAsync("Watch", passes.SessionId);
        lock (bareClients)
        {
            bareClients.Add(c);
        }
    });
}

var bareHub = app.Services.GetRequiredService<IHubContext<BareHub>>();
var fullPayload = lastPayload!;
var bareLoad = new CpuUse();
var plain = await Broadcast(fullPayload, 0, bareLoad);
Console.WriteLine($"bare SignalR broadcast ({Size(fullPayload)} bytes): send -> last client of the session: p50 {Pct(plain, 50)} ms, p99 {Pct(plain, 99)} ms");
Console.WriteLine($"  CPU (server and clients) per measured round: {bareLoad}; methods compiled while measured: {bareLoad.Compiled}");
Console.WriteLine($"ratio (hub / bare): p50 {Ratio(Pct(hub, 50), Pct(plain, 50))}, p99 {Ratio(Pct(hub, 99), Pct(plain, 99))} (target p99 <= 1.3)");

// What the size of the push costs: the same broadcast with the turn's headline only (date, hash, scores, shocks),
// without its news, indicator changes and move verdicts.
var headline = fullPayload with { Outcome = fullPayload.Outcome! with { News = [], Changes = [], Moves = [] } };
var small = await Broadcast(headline, warmUp + turns);
Console.WriteLine($"bare SignalR broadcast, headline only ({Size(headline)} bytes): p50 {Pct(small, 50)} ms, p99 {Pct(small, 99)} ms");

foreach (var c in clients.Concat(teachers).Concat(bareClients))
{
    await c.DisposeAsync();
}

await app.StopAsync();
return 0;

// Sends the payload to every session's bare group, warmUp + turns rounds numbered from firstRound, and gives the
// measured rounds' latencies from the send to the last client of each session.
async Task<List<long>> Broadcast(EventDto payload, int firstRound, CpuUse? load = null)
{
    var sentAt = new ConcurrentDictionary<(string, int), long>();
    for (var round = firstRound; round < firstRound + warmUp + turns; round++)
    {
        await Task.Delay(pause);
        using var measuring = round >= firstRound + warmUp ? load?.Measure() : null;
        await Task.WhenAll(tables.Select(async (x, i) =>
        {
            await Task.Delay(spread * i / tables.Count);
            sentAt[(x.Passes.SessionId, round)] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await bareHub.Clients.Group(x.Passes.SessionId).SendAsync("Event", round, payload);
        }));
        await EveryClientHas(bare, round, Stopwatch.StartNew());
    }

    return Latencies(bare.Where(r => r.Key.Item2 >= firstRound + warmUp && r.Key.Item2 < firstRound + warmUp + turns), k => sentAt[k]);
}

// Waits until every client of every session has noted `round` in `noted` (a receipt, an update), or 30 s after `since`.
async Task EveryClientHas(ConcurrentDictionary<(string, int), ConcurrentBag<long>> noted, int round, Stopwatch since)
{
    while (tables.Any(x => !noted.TryGetValue((x.Passes.SessionId, round), out var bag) || bag.Count < x.ClientPasses.Length)
        && since.Elapsed < TimeSpan.FromSeconds(30))
    {
        await Task.Delay(2);
    }
}

static int Size(EventDto payload) => MessagePackSerializer.Serialize(payload, ContractlessStandardResolver.Options).Length;

static List<long> Latencies<TKey>(IEnumerable<KeyValuePair<TKey, ConcurrentBag<long>>> receipts, Func<TKey, long> start)
    where TKey : notnull =>
    [.. receipts.Select(r => r.Value.Max() - start(r.Key)).Order()];

static string Pct(List<long> sorted, int p) => sorted.Count == 0 ? "n/a" : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)].ToString(CultureInfo.InvariantCulture);

static string Ratio(string a, string b) =>
    double.TryParse(a, CultureInfo.InvariantCulture, out var x) && double.TryParse(b, CultureInfo.InvariantCulture, out var y) && y > 0
        ? (x / y).ToString("F1", CultureInfo.InvariantCulture) : "n/a";

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

/// <summary>
/// What the load generator's clients read of an event: its sequence, time, the turn of its outcome, status and network,
/// and a seat's view. The
/// clients share the server's two cores, where a browser decodes on its own machine, so they build no objects for
/// the rest: MessagePack still reads every byte of it (unknown keys are skipped), but news, changes and scores are
/// not materialised. The teachers' connections decode the whole <see cref="EventDto"/>. Public, as MessagePack's
/// contractless resolver requires.
/// </summary>
public sealed record ReceivedEvent(long Sequence, long AtMs, ReceivedTurn? Outcome, ReceivedTurn? Status, ReceivedTurn? Network, ReceivedView? View);

/// <summary>The turn of an outcome, a status or a network (the rest of each is read and skipped).</summary>
public sealed record ReceivedTurn(int Turn);

public sealed record ReceivedView(string Country, int Turn);

/// <summary>A bare hub: clients join a group by name; the benchmark broadcasts to it.</summary>
internal sealed class BareHub : Hub
{
    public Task Watch(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);
}

/// <summary>What the load generator reads of the scenario list.</summary>
public sealed record ScenarioTurns(string Id, int Turns);

/// <summary>
/// The process's CPU time (server and clients: they share the process) against the wall time of the rounds measured,
/// from the first send to the last client's receipt (and, for the hub, its update). Two cores give at most 2.0.
/// Also counts the methods the runtime compiled meanwhile, a sign that the rounds did not run warm code.
/// </summary>
internal sealed class CpuUse
{
    private TimeSpan _cpu;
    private TimeSpan _wall;

    /// <summary>Each measured round's collections (young, middle, full), the runtime's pauses and the methods compiled.</summary>
    public List<(int Young, int Middle, int Full, TimeSpan Paused, long Compiled)> Rounds { get; } = [];

    public long Compiled => Rounds.Sum(r => r.Compiled);

    public IDisposable Measure() => new Span(this);

    public override string ToString() => Rounds.Count == 0 || _wall <= TimeSpan.Zero
        ? "n/a"
        : string.Create(CultureInfo.InvariantCulture, $"{_cpu.TotalMilliseconds / Rounds.Count:F0} ms of CPU in {_wall.TotalMilliseconds / Rounds.Count:F0} ms ({_cpu / _wall:F2} cores busy)");

    private sealed class Span(CpuUse use) : IDisposable
    {
        private readonly TimeSpan _cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        private readonly long _t0 = Stopwatch.GetTimestamp();
        private readonly long _compiled0 = JitInfo.GetCompiledMethodCount();
        private readonly TimeSpan _paused0 = GC.GetTotalPauseDuration();
        private readonly (int, int, int) _collections0 = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

        public void Dispose()
        {
            use._cpu += Process.GetCurrentProcess().TotalProcessorTime - _cpu0;
            use._wall += Stopwatch.GetElapsedTime(_t0);
            var (young, middle, full) = _collections0;
            use.Rounds.Add((
                GC.CollectionCount(0) - young, GC.CollectionCount(1) - middle, GC.CollectionCount(2) - full,
                GC.GetTotalPauseDuration() - _paused0, JitInfo.GetCompiledMethodCount() - _compiled0));
        }
    }
}
