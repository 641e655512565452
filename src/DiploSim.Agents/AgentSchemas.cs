using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace DiploSim.Agents;

/// <summary>
/// The JSON Schemas of the protocol's documents (draft 2020-12), generated from the records with System.Text.Json's
/// schema exporter and the protocol's own serializer options, so the schemas say what DiploSim writes and reads.
/// They are committed in schemas/agents; a test fails when they differ from what this gives
/// (<c>diplosim agent-schemas schemas/agents</c> writes them).
/// </summary>
public static class AgentSchemas
{
    public static ImmutableArray<(string File, Type Type, string Title)> Documents { get; } =
    [
        ("new-game.schema.json", typeof(NewGame), "A game starts (DiploSim to agent)"),
        ("observation.schema.json", typeof(Observation), "What a seat sees when it must decide (DiploSim to agent)"),
        ("action.schema.json", typeof(AgentAction), "A seat's answer to an observation (agent to DiploSim)"),
        ("game-over.schema.json", typeof(GameOver), "A game ended (DiploSim to agent)"),
        ("record.schema.json", typeof(AgentRecord), "One line of an agent recording"),
    ];

    /// <summary>Each schema file's name and text.</summary>
    public static IEnumerable<(string File, string Text)> Generate()
    {
        var exporter = new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true };
        foreach (var (file, type, title) in Documents)
        {
            var schema = JsonSchemaExporter.GetJsonSchemaAsNode(AgentJson.Options, type, exporter).AsObject();
            OptionalNulls(schema);
            var root = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$id"] = $"https://diplosim.org/schemas/agents/{file}",
                ["title"] = title,
                ["description"] = $"{AgentProtocol.Version}: see docs/agents.md",
            };
            foreach (var (key, value) in schema.ToList())
            {
                schema.Remove(key);
                root[key] = value;
            }

            yield return (file, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }
    }

    /// <summary>
    /// A null is never written (the property is left out), so a property that may be null is not required: the
    /// schemas then accept exactly the documents DiploSim writes, and a reader may leave such properties out too.
    /// </summary>
    private static void OptionalNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["required"] is JsonArray required && o["properties"] is JsonObject properties)
                {
                    foreach (var name in required.Select(n => n!.GetValue<string>()).ToList())
                    {
                        if (properties[name]?["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null"))
                        {
                            required.Remove(required.First(n => n!.GetValue<string>() == name));
                        }
                    }
                }

                foreach (var (_, child) in o.ToList())
                {
                    OptionalNulls(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a.ToList())
                {
                    OptionalNulls(child);
                }

                break;
        }
    }

    /// <summary>Writes every schema into <paramref name="folder"/>.</summary>
    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (file, text) in Generate())
        {
            File.WriteAllText(Path.Combine(folder, file), text);
        }
    }
}
