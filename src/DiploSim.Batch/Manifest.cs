using System.Globalization;
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
        var json = new JsonObject
        {
            ["scenario"] = e.Scenario,
            ["turns"] = plan.Turns,
            ["repetitions"] = e.Repetitions,
            ["seed"] = Seed(e.Seed),
            ["commonRandomNumbers"] = e.CommonRandomNumbers,
            ["factorial"] = new JsonObject((sweep.Factorial.IsDefault ? [] : sweep.Factorial)
                .Select(a => KeyValuePair.Create(a.Name, (JsonNode?)new JsonArray([.. a.Levels.Select(Value)])))),
            ["sets"] = new JsonObject((sweep.Sets.IsDefault ? [] : sweep.Sets)
                .Select(s => KeyValuePair.Create(s.Name, (JsonNode?)Values(s.Values)))),
            [sweep.Hypercube?.Key ?? "latinHypercube"] = sweep.Hypercube is { } lhs
                ? new JsonObject
                {
                    ["samples"] = lhs.Samples,
                    ["levels"] = lhs.Method == SamplingMethod.Morris ? lhs.Levels : null,
                    ["seed"] = Seed(lhs.Seed ?? e.Seed),
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
            }.WithAgent(b.Agent)))),
            ["conditions"] = new JsonObject((plan.Conditions.IsDefault ? [] : plan.Conditions)
                .Select(c => KeyValuePair.Create(c.Name, (JsonNode?)JsonValue.Create(c.Text)))),
        };

        // Only an experiment with agents has these keys, so the experiment of a batch without agents reads as before.
        if (!e.Agents.IsDefaultOrEmpty)
        {
            json["negotiationRounds"] = e.NegotiationRounds;
            json["agents"] = new JsonObject(e.Agents.Select(a => KeyValuePair.Create(a.Name, (JsonNode?)new JsonObject
            {
                ["command"] = new JsonArray([.. a.Command.Select(c => JsonValue.Create(c))]),
                ["workingDirectory"] = a.WorkingDirectory,
                ["timeoutMs"] = a.Timeout.TotalMilliseconds,
                ["maxLineBytes"] = a.MaxLineBytes,
            })));
        }

        return json;
    }

    private static JsonObject WithAgent(this JsonObject bot, string? agent)
    {
        if (agent is not null)
        {
            bot["agent"] = agent;
        }

        return bot;
    }

    /// <summary>Above this many runs the manifest gives the rule for the seeds instead of listing each.</summary>
    public const int MaxListedSeeds = 1_000_000;

    /// <summary>
    /// A seed as JSON: a string of its decimal digits, since seeds go up to 2^64 − 1 and JSON readers that hold
    /// numbers as doubles (JavaScript, jq) lose the digits above 2^53.
    /// </summary>
    public static JsonNode Seed(ulong seed) => JsonValue.Create(seed.ToString(CultureInfo.InvariantCulture));

    public static JsonObject Create(BatchPlan plan, JsonObject experiment, BatchInputs inputs, int workers, DateTimeOffset started)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var scenario = plan.Model.Scenario;
        return new JsonObject
        {
            ["tool"] = "DiploSim.Batch",
            ["version"] = BatchInputs.ModelVersionOf(typeof(Manifest).Assembly),
            ["coreVersion"] = inputs.CoreBuild,
            ["runtime"] = Environment.Version.ToString(),
            ["scenario"] = new JsonObject
            {
                ["id"] = scenario.Id,
                ["title"] = scenario.Title,
                ["turns"] = scenario.Turns,
                ["worldHash"] = StateHash.Compute(scenario.World),
                ["parameterOverrides"] = plan.Model.OverrideMode,
            },
            ["inputs"] = inputs.ToJson(),
            ["experiment"] = experiment,
            ["masterSeed"] = Seed(plan.Experiment.Seed),
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
            ["runSeeds"] = plan.RunCount <= MaxListedSeeds
                ? new JsonArray([.. Enumerable.Range(0, plan.RunCount).Select(i => Seed(plan.SeedOf(i)))])
                : null,
            ["runSeedRule"] = plan.Experiment.CommonRandomNumbers
                ? "RunSeeds.Derive(masterSeed, repetition) (common random numbers): SplitMix64 of masterSeed + (repetition + 1) × 0x9E3779B97F4A7C15, cut to 63 bits"
                : "RunSeeds.Derive(masterSeed, run): SplitMix64 of masterSeed + (run + 1) × 0x9E3779B97F4A7C15, cut to 63 bits",
            ["workers"] = workers,
            ["machine"] = new JsonObject
            {
                ["processors"] = Environment.ProcessorCount,
                ["os"] = Environment.OSVersion.ToString(),
                ["gc"] = new JsonObject
                {
                    ["server"] = System.Runtime.GCSettings.IsServerGC,
                    ["youngGenerationBudget"] = YoungGeneration.Current,
                },
            },
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
}
