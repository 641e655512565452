using System.Collections.Immutable;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Batch;

/// <summary>A file a batch read, with the SHA-256 of its bytes as read (lowercase hex).</summary>
public sealed record SourceFile(string File, string Sha256)
{
    /// <summary>The file's name and the hash of its text (UTF-8).</summary>
    public static SourceFile Of(string file, string text) => new(file, BatchInputs.Sha256(text));
}

/// <summary>
/// Everything a batch's rows depend on, hashed: the scenario file (and each file it includes), the experiment as
/// run, every seat's doctrine in the turn-0 world, the turn-0 world itself, the model's version and its build. The manifest
/// records them under <c>inputs</c>, and a resume refuses a folder whose batch was started with any of them
/// different, naming which, so that one summary never mixes runs of two inputs.
/// </summary>
/// <param name="ScenarioFiles">The scenario's files in the order read; empty for the code-built baseline.</param>
/// <param name="WorldHash">The model's hash of the scenario's turn-0 world (<see cref="StateHash"/>).</param>
/// <param name="Doctrines">SHA-256 of every actor's doctrine in the turn-0 world, in actor order.</param>
/// <param name="Experiment">SHA-256 of the experiment as run (the manifest's <c>experiment</c>, compact JSON).</param>
/// <param name="ModelVersion">The version of the model's rules (<see cref="Core.ModelVersion.Current"/>).</param>
/// <param name="CoreBuild">The informational version of DiploSim.Core (the release and commit that built it).</param>
public sealed record BatchInputs(ImmutableArray<SourceFile> ScenarioFiles, string WorldHash, string Doctrines, string Experiment, int ModelVersion, string CoreBuild)
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static BatchInputs Of(BatchPlan plan, JsonObject experiment)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(experiment);
        var world = plan.Model.Scenario.World;
        var doctrines = JsonSerializer.Serialize(world.Actors.Select(a => new { a.Id, a.Doctrine }), Compact);
        return new BatchInputs(
            plan.Model.Sources.IsDefault ? [] : plan.Model.Sources,
            StateHash.Compute(world),
            Sha256(doctrines),
            Sha256(experiment.ToJsonString(Compact)),
            Core.ModelVersion.Current,
            ModelVersionOf(typeof(Simulation).Assembly));
    }

    /// <summary>The informational version of an assembly (for DiploSim, the release and the commit it was built from).</summary>
    public static string ModelVersionOf(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public JsonObject ToJson() => new()
    {
        ["scenarioFiles"] = new JsonArray([.. ScenarioFiles.Select(f => (JsonNode)new JsonObject { ["file"] = f.File, ["sha256"] = f.Sha256 })]),
        ["worldHash"] = WorldHash,
        ["doctrinesSha256"] = Doctrines,
        ["experimentSha256"] = Experiment,
        ["modelVersion"] = ModelVersion,
        ["coreBuild"] = CoreBuild,
    };

    /// <summary>Reads what a manifest recorded, or null if it recorded no inputs (an older DiploSim).</summary>
    public static BatchInputs? FromJson(JsonNode? node)
    {
        if (node is not JsonObject o)
        {
            return null;
        }

        var files = (o["scenarioFiles"] as JsonArray ?? [])
            .Select(f => new SourceFile((string?)f?["file"] ?? "", (string?)f?["sha256"] ?? ""))
            .ToImmutableArray();
        return new BatchInputs(files, (string?)o["worldHash"] ?? "", (string?)o["doctrinesSha256"] ?? "",
            (string?)o["experimentSha256"] ?? "", o["modelVersion"] is JsonValue v && v.TryGetValue<int>(out var version) ? version : 0, (string?)o["coreBuild"] ?? "");
    }

    /// <summary>
    /// What differs between the inputs a batch was started with (<paramref name="before"/>) and these, one phrase
    /// each; empty when they are the same. The experiment's differences name its keys (from the manifests'
    /// <c>experiment</c> objects, when both are given).
    /// </summary>
    public IReadOnlyList<string> Differences(BatchInputs before, JsonObject? experimentBefore = null, JsonObject? experimentNow = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        var changes = new List<string>();
        for (var i = 0; i < Math.Max(before.ScenarioFiles.Length, ScenarioFiles.Length); i++)
        {
            var then = i < before.ScenarioFiles.Length ? before.ScenarioFiles[i] : null;
            var now = i < ScenarioFiles.Length ? ScenarioFiles[i] : null;
            if (then is null)
            {
                changes.Add($"the scenario now reads '{now!.File}', which the batch did not");
            }
            else if (now is null)
            {
                changes.Add($"the scenario no longer reads '{then.File}'");
            }
            else if (then.Sha256 != now.Sha256)
            {
                changes.Add($"the scenario file '{now.File}' changed (sha256 {Short(then.Sha256)} when the batch started, {Short(now.Sha256)} now)");
            }
        }

        if (before.Experiment != Experiment)
        {
            var keys = experimentBefore is not null && experimentNow is not null
                ? experimentBefore.Select(p => p.Key).Union(experimentNow.Select(p => p.Key))
                    .Where(k => !JsonNode.DeepEquals(experimentBefore[k], experimentNow[k])).ToList()
                : [];
            changes.Add(keys.Count > 0 ? $"the experiment's {string.Join(", ", keys)} changed" : "the experiment changed");
        }

        if (before.Doctrines != Doctrines)
        {
            changes.Add("the bots' doctrines in the turn-0 world changed");
        }

        if (before.WorldHash != WorldHash && changes.Count == 0)
        {
            changes.Add($"the turn-0 world changed (hash {before.WorldHash} then, {WorldHash} now)");
        }

        if (before.ModelVersion != ModelVersion)
        {
            changes.Add($"the model version changed ({before.ModelVersion} then, {ModelVersion} now)");
        }
        else if (before.CoreBuild != CoreBuild)
        {
            changes.Add($"the build of the model changed ({before.CoreBuild} then, {CoreBuild} now)");
        }

        return changes;
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] + "…" : sha;
}
