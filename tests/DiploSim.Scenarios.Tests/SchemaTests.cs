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

    /// <summary>
    /// YAML as the JSON an editor's schema check sees: plain scalars resolved by YAML 1.2's core schema (integers
    /// exactly, hexadecimal and octal too; floats; true and false). JSON has no infinity or NaN, so <c>.inf</c> and
    /// <c>.nan</c> reach the schema as text.
    /// </summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } s => JsonValue.Create(s.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v } when YamlNumber.ParseExact(v) is { } i => JsonNode.Parse(i.ToString(CultureInfo.InvariantCulture)),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v } when YamlNumber.Parse(v) is { } d && double.IsFinite(d) => JsonValue.Create(d),
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
    [InlineData("eu-russia-sanctions-2022.yaml")]
    [InlineData("india-russian-crude-2022.yaml")]
    [InlineData("china-russian-crude-2022.yaml")]
    [InlineData("us-china-tariff-war-2018.yaml")]
    public void Every_history_scenario_satisfies_the_schema(string file)
    {
        var result = Evaluate(File.ReadAllText(Path.Combine(Library.Directory, "history", file)));
        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10)));
    }

    [Theory]
    [InlineData("turns: 12", "turns: twelve")]
    [InlineData("  - { from: IND, to: RUS, value: 60, back: 55 }", "  - { from: IND, to: RUS, value: 160, back: 55 }")]
    [InlineData("      - tension: -15", "      - tensions: -15")]
    [InlineData("  - { importer: USA, exporter: RUS, rate: 0.35 }", "  - { importer: USA, exporter: RUS, sector: steel, rate: 0.35 }")]
    [InlineData("    cooldown: 4\n", "    cooldown: 4\n    colour: red\n")]
    [InlineData("      - deliveryDelay: { buyer: IND, seller: RUS, turns: 2 }", "      - deliveryDelay: { buyer: IND, seller: RUS, turns: -2 }")]
    [InlineData("      - oilSupply: 1.0", "      - purchaseHalt: { buyer: IND, seller: RUS, sector: agriculture, share: 1.5 }")]
    [InlineData("      - oilSupply: 1.0", "      - purchaseHalt: { buyer: IND, seller: RUS, share: 0.5 }")]
    [InlineData("      - oilSupply: 1.0", "      - purchase: { buyer: IND, seller: RUS, good: coal, volume: -1, price: 130 }")]
    [InlineData("      - oilSupply: 1.0", "      - purchase: { buyer: IND, seller: RUS, good: crude, volume: 1, price: 130 }")]
    [InlineData("      - oilSupply: 1.0", "      - purchase: { buyer: IND, seller: RUS, good: coal, volume: 1, price: 20000 }")]
    [InlineData("      - oilSupply: 1.0", "      - purchase: { buyer: IND, seller: RUS, good: coal, volume: 1 }")]
    [InlineData("      - oilSupply: 1.0", "      - tariff: { actor: IND, target: RUS, rate: 0.2, takesEffect: 2026-Q3, inTurns: 2 }")]
    [InlineData("      - oilSupply: 1.0", "      - tariff: { actor: IND, target: RUS, rate: 0.2, inTurns: 0 }")]
    [InlineData("      - oilSupply: 1.0", "      - tariffWithdrawal: { actor: IND, target: RUS, sector: steel }")]
    [InlineData("      - oilSupply: 1.0", "      - tariffWithdrawal: { actor: IND, sector: energy }")]
    public void The_schema_and_the_loader_reject_the_same_mistakes(string from, string to)
    {
        var text = File.ReadAllText(Library.File("first-class.yaml"));
        Assert.Contains(from, text, StringComparison.Ordinal);
        var broken = text.Replace(from, to, StringComparison.Ordinal);

        Assert.False(Evaluate(broken).IsValid);
        Assert.False(ScenarioLoader.Parse(broken, "first-class.yaml").IsOk);
    }

    [Fact]
    public void The_schema_names_every_model_parameter_with_its_range()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Library.File("schema.json")));
        var properties = doc.RootElement.GetProperty("properties").GetProperty("parameters").GetProperty("properties");
        var names = properties.EnumerateObject().Select(p => p.Name).Where(n => n != "source").Order(StringComparer.Ordinal);
        var expected = Core.State.ModelParameters.ScalarNames.Select(n => char.ToLowerInvariant(n[0]) + n[1..]).Order(StringComparer.Ordinal);
        Assert.Equal(expected, names);
        foreach (var name in Core.State.ModelParameters.ScalarNames)
        {
            var range = Core.State.ModelParameters.RangeOf(name)!;
            var plain = properties.GetProperty(char.ToLowerInvariant(name[0]) + name[1..]).GetProperty("oneOf")[0];
            Assert.Equal((range.Min, range.Max, range.Whole ? "integer" : "number"),
                (plain.GetProperty("minimum").GetDouble(), plain.GetProperty("maximum").GetDouble(), plain.GetProperty("type").GetString()));
        }
    }

    [Fact]
    public void The_schema_names_every_good_a_purchase_can_buy_and_no_other()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Library.File("schema.json")));
        var goods = Descendants(doc.RootElement)
            .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("purchase", out _))
            .Select(e => e.GetProperty("purchase").GetProperty("properties").GetProperty("good").GetProperty("enum"))
            .Single();
        Assert.Equal(Vocabulary.Names<Core.Good>(), goods.EnumerateArray().Select(g => g.GetString()!).ToArray());
    }

    private static IEnumerable<JsonElement> Descendants(JsonElement element)
    {
        yield return element;
        var children = element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().Select(p => p.Value),
            JsonValueKind.Array => element.EnumerateArray(),
            _ => [],
        };
        foreach (var child in children.SelectMany(Descendants))
        {
            yield return child;
        }
    }

    /// <summary>Edge cases of the format: each edits first-class.yaml; the schema and the loader must both accept it or both refuse it.</summary>
    public static TheoryData<string, string, bool> EdgeCases() => new()
    {
        { "seed: 1", "seed: 0x1F", true },
        { "seed: 1", "seed: 0o17", true },
        { "seed: 1", "seed: 12.0", true },
        { "seed: 1", "seed: 9223372036854775808", true },
        { "seed: 1", "seed: 18446744073709551616", false },
        { "seed: 1", "seed: 99999999999999999999999", false },
        { "seed: 1", "seed: -1", false },
        { "seed: 1", "seed: .inf", false },
        { "seed: 1", "seed: \"7\"", false },
        { "turns: 12", "turns: 12.0", true },
        { "turns: 12", "turns: 0xC", true },
        { "turns: 12", "turns: 12.5", false },
        { "turns: 12", "turns: .inf", false },
        { "turns: 12", "turns: 1e1", true },
        { "start: 2026-Q1", "start: 2026-Q5", false },
        { "start: 2026-Q1", "start: 2026-Q0", false },
        { "start: 2026-Q1", "start: 2026", false },
        { "start: 2026-Q1", "start: 2026-T1", false },
        { "at: 2026-Q2", "at: 2026-Q5", false },
        { "gdp: 4100", "gdp: 0x1004", true },
        { "gdp: 4100", "gdp: .inf", false },
        { "gdp: 4100", "gdp: .nan", false },
        { "gdp: 4100", "gdp: 1e308", false },
        { "gdp: 4100", "gdp: 1e6", true },
        { "energy: 55", "energy: 1e308", false },
        { "energy: 55", "energy: -.inf", false },
        { "value: 60, back: 55", "value: 1e2, back: 55", true },
        { "value: 60, back: 55", "value: \"60\", back: 55", false },
        { "seed: 1\n", "seed: 1\nparameters: { tradeElasticity: 3 }\n", true },
        { "seed: 1\n", "seed: 1\nparameters: { TradeElasticity: 3 }\n", true },
        { "seed: 1\n", "seed: 1\nparameters: { TRADEELASTICITY: 3 }\n", true },
        { "seed: 1\n", "seed: 1\nparameters: { tradeElasticity: -1 }\n", false },
        { "seed: 1\n", "seed: 1\nparameters: { TrustDecay: 5 }\n", false },
        { "seed: 1\n", "seed: 1\nparameters: { buildTurns: 6.0 }\n", true },
        { "seed: 1\n", "seed: 1\nparameters: { buildTurns: 6.5 }\n", false },
        { "seed: 1\n", "seed: 1\nparameters: { tradeElastic: 3 }\n", false },
        { "      - oilSupply: 1.0", "      - oilDemand: 2.5", true },
        { "      - oilSupply: 1.0", "      - oilDemand: 250", false },
        { "      - oilSupply: 1.0", "      - oilDemand: { value: 2.5, producer: RUS }", false },
    };

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void The_schema_and_the_loader_agree_on_an_edge_case(string from, string to, bool valid)
    {
        var text = File.ReadAllText(Library.File("first-class.yaml"));
        Assert.Contains(from, text, StringComparison.Ordinal);
        var edited = text.Replace(from, to, StringComparison.Ordinal);

        var loaded = ScenarioLoader.Parse(edited, "first-class.yaml");
        Assert.True(valid == Evaluate(edited).IsValid, $"the schema {(valid ? "refuses" : "accepts")} {to}");
        Assert.True(valid == loaded.IsOk, $"the loader {(valid ? "refuses" : "accepts")} {to}: {string.Join("; ", loaded.Errors)}");
    }

    [Theory]
    [InlineData(1, "2026", true)]
    [InlineData(1, "2026-Q1", false)]
    [InlineData(12, "2026-T3", true)]
    [InlineData(12, "2026-T53", false)]
    [InlineData(12, "2026", false)]
    public void The_schema_and_the_loader_agree_on_the_start_of_a_calendar(int turnsPerYear, string start, bool valid)
    {
        // Shocks dated in quarters would not fit other calendars: keep the actors and relations only.
        var text = File.ReadAllText(Library.File("first-class.yaml"));
        text = text[..text.IndexOf("\ndeliveries:", StringComparison.Ordinal)] + "\n";
        var edited = text.Replace("start: 2026-Q1", $"start: {start}", StringComparison.Ordinal).Replace("turnsPerYear: 4", $"turnsPerYear: {turnsPerYear}", StringComparison.Ordinal);

        Assert.Equal(valid, Evaluate(edited).IsValid);
        Assert.Equal(valid, ScenarioLoader.Parse(edited, "first-class.yaml").IsOk);
    }
}
