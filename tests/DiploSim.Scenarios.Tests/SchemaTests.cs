using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DiploSim.Scenarios.Tests;

public sealed class SchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Library.File("schema.json")));

    /// <summary>YAML as the JSON an editor's schema check sees: plain scalars are numbers or booleans where they read as such.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } s => JsonValue.Create(s.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var v } when long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => JsonValue.Create(i),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var v } when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };

    private static EvaluationResults Evaluate(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var json = ToJson(stream.Documents[0].RootNode)!.ToJsonString();
        using var doc = JsonDocument.Parse(json);
        return Schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    public static TheoryData<string> Files() => [.. ScenarioLibrary.Files().Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_library_scenario_satisfies_the_schema(string file)
    {
        var result = Evaluate(File.ReadAllText(Library.File(file)));
        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10)));
    }

    [Theory]
    [InlineData("turns: 12", "turns: twelve")]
    [InlineData("  - { from: IND, to: RUS, value: 60, back: 55 }", "  - { from: IND, to: RUS, value: 160, back: 55 }")]
    [InlineData("      - tension: -15", "      - tensions: -15")]
    [InlineData("  - { importer: USA, exporter: RUS, rate: 0.35 }", "  - { importer: USA, exporter: RUS, sector: steel, rate: 0.35 }")]
    [InlineData("    cooldown: 4\n", "    cooldown: 4\n    colour: red\n")]
    [InlineData("      - deliveryDelay: { buyer: IND, seller: RUS, turns: 2 }", "      - deliveryDelay: { buyer: IND, seller: RUS, turns: -2 }")]
    public void The_schema_and_the_loader_reject_the_same_mistakes(string from, string to)
    {
        var text = File.ReadAllText(Library.File("first-class.yaml"));
        Assert.Contains(from, text, StringComparison.Ordinal);
        var broken = text.Replace(from, to, StringComparison.Ordinal);

        Assert.False(Evaluate(broken).IsValid);
        Assert.False(ScenarioLoader.Parse(broken, "first-class.yaml").IsOk);
    }

    [Fact]
    public void The_schema_names_every_model_parameter()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Library.File("schema.json")));
        var names = doc.RootElement.GetProperty("properties").GetProperty("parameters").GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).Where(n => n != "source").Order(StringComparer.Ordinal);
        var expected = Core.State.ModelParameters.ScalarNames.Select(n => char.ToLowerInvariant(n[0]) + n[1..]).Order(StringComparer.Ordinal);
        Assert.Equal(expected, names);
    }
}
