using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using DiploSim.Core;

namespace DiploSim.Batch;

/// <summary>
/// <c>manifest.json</c>: what is needed to cite and reproduce a batch — the scenario and the hash of its turn-0
/// world, the experiment as run, the versions, every run's seed, and the timings.
/// </summary>
public static class Manifest
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The experiment as it was run (after defaults), which a resume must match.</summary>
    public static JsonObject Experiment(BatchPlan plan)
    {
        var e = plan.Experiment;
        var sweep = e.Sweep;
        return new JsonObject
        {
            ["scenario"] = e.Scenario,
            ["turns"] = plan.Turns,
            ["repetitions"] = e.Repetitions,
            ["seed"] = e.Seed,
            ["factorial"] = new JsonObject((sweep.Factorial.IsDefault ? [] : sweep.Factorial)
                .Select(a => KeyValuePair.Create(a.Name, (JsonNode?)new JsonArray([.. a.Levels.Select(Value)])))),
            ["sets"] = new JsonObject((sweep.Sets.IsDefault ? [] : sweep.Sets)
                .Select(s => KeyValuePair.Create(s.Name, (JsonNode?)Values(s.Values)))),
            ["latinHypercube"] = sweep.Hypercube is { } lhs
                ? new JsonObject
                {
                    ["samples"] = lhs.Samples,
                    ["seed"] = lhs.Seed ?? e.Seed,
                    ["ranges"] = new JsonObject(lhs.Ranges.Select(r => KeyValuePair.Create(r.Name, (JsonNode?)new JsonArray(r.Low, r.High)))),
                }
                : null,
            ["metrics"] = new JsonArray([.. plan.Metrics.Select(m => JsonValue.Create(m.Name))]),
            ["plots"] = new JsonArray([.. plan.Plots.Select(m => JsonValue.Create(m.Name))]),
            ["bots"] = new JsonObject((plan.Bots.IsDefault ? [] : plan.Bots).Select(b => KeyValuePair.Create(b.Actor, (JsonNode?)new JsonObject
            {
                ["policy"] = b.Policy,
                ["temperature"] = b.Temperature,
                ["riskAppetite"] = b.RiskAppetite,
            }))),
            ["conditions"] = new JsonObject((plan.Conditions.IsDefault ? [] : plan.Conditions)
                .Select(c => KeyValuePair.Create(c.Name, (JsonNode?)JsonValue.Create(c.Text)))),
        };
    }

    public static JsonObject Create(BatchPlan plan, JsonObject experiment, int workers, DateTimeOffset started)
    {
        var scenario = plan.Model.Scenario;
        return new JsonObject
        {
            ["tool"] = "DiploSim.Batch",
            ["version"] = Version(typeof(Manifest).Assembly),
            ["coreVersion"] = Version(typeof(Simulation).Assembly),
            ["runtime"] = Environment.Version.ToString(),
            ["scenario"] = new JsonObject
            {
                ["id"] = scenario.Id,
                ["title"] = scenario.Title,
                ["turns"] = scenario.Turns,
                ["worldHash"] = StateHash.Compute(scenario.World),
                ["parameterOverrides"] = plan.Model.OverrideMode,
            },
            ["experiment"] = experiment,
            ["masterSeed"] = plan.Experiment.Seed,
            ["runCount"] = plan.RunCount,
            ["points"] = new JsonArray([.. plan.Points.Select(p => (JsonNode)new JsonObject
            {
                ["point"] = p.Index,
                ["set"] = p.Set,
                ["values"] = Values(p.Values),
                ["bots"] = plan.RecordsBots
                    ? new JsonObject(plan.BotsAt(p).Select(b => KeyValuePair.Create(b.Actor, (JsonNode?)JsonValue.Create(b.Describe()))))
                    : null,
            })]),
            ["runSeeds"] = new JsonArray([.. Enumerable.Range(0, plan.RunCount).Select(i => JsonValue.Create((long)RunSeeds.Derive(plan.Experiment.Seed, i)))]),
            ["workers"] = workers,
            ["machine"] = new JsonObject { ["processors"] = Environment.ProcessorCount, ["os"] = Environment.OSVersion.ToString() },
            ["startedUtc"] = started.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    public static JsonObject Finish(JsonObject manifest, DateTimeOffset finished, TimeSpan elapsed, int runsDone, int failed, int playedNow)
    {
        var copy = (JsonObject)manifest.DeepClone();
        copy["finishedUtc"] = finished.ToString("O", CultureInfo.InvariantCulture);
        copy["elapsedSeconds"] = Math.Round(elapsed.TotalSeconds, 3);
        copy["runsDone"] = runsDone;
        copy["runsFailed"] = failed;
        copy["runsPlayedThisSession"] = playedNow;
        copy["runsPerSecond"] = elapsed.TotalSeconds > 0 ? Math.Round(playedNow / elapsed.TotalSeconds, 2) : null;
        return copy;
    }

    public static void Write(string folder, JsonObject manifest, string status)
    {
        var copy = (JsonObject)manifest.DeepClone();
        copy["status"] = status;
        var path = Path.Combine(folder, BatchRunner.ManifestFile);
        File.WriteAllText(path + ".tmp", copy.ToJsonString(Indented) + "\n");
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static JsonObject Values(IEnumerable<ParameterValue> values) =>
        new(values.Select(v => KeyValuePair.Create(v.Name, Value(v))));

    private static JsonNode? Value(ParameterValue value) => value.Text is { } text ? JsonValue.Create(text) : JsonValue.Create(value.Value);

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString() ?? "unknown";
}
