using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.WebContract;
using MessagePack;
using Microsoft.AspNetCore.SignalR;

namespace DiploSim.Server.Tests;

/// <summary>
/// The web client's contract: the generated TypeScript is what the C# records give, every record crosses both hub
/// protocols unchanged and in the same shape, and the page's generated parsers read what C# writes.
/// </summary>
public sealed class WebContractTests
{
    private static readonly string Generated = Repository.Path("src/DiploSim.Web/src/generated");

    // What the hub's MessagePack protocol writes with (enums by name, records by property name).
    private static readonly MessagePackSerializerOptions Pack = new MessagePackHubProtocolOptions().SerializerOptions;

    [Fact]
    public void The_committed_generated_contract_is_what_the_CSharp_records_give()
    {
        Assert.Empty(ContractFiles.Stale(Generated));
    }

    [Fact]
    public void A_changed_or_extra_generated_file_is_stale()
    {
        var dir = Directory.CreateTempSubdirectory("diplosim-contract-").FullName;
        try
        {
            ContractFiles.Write(dir);
            Assert.Empty(ContractFiles.Stale(dir));
            File.AppendAllText(Path.Combine(dir, "hub.ts"), "// edited by hand\n");
            File.WriteAllText(Path.Combine(dir, "old.ts"), "export {};\n");
            Assert.Equal(["hub.ts", "old.ts"], ContractFiles.Stale(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_move_union_has_every_kind_of_Cores_catalogue_and_asks_for_what_the_mapper_reads()
    {
        Assert.Equal(Enum.GetValues<MoveKind>(), MoveShapes.All.Select(s => s.Kind));
        foreach (var shape in MoveShapes.All)
        {
            // The sample maps to Core as it is; without any one required field it does not, and with only those it does.
            Assert.True(MoveMapping.ToCore(shape.Sample, "ACT").IsOk, $"{shape.Kind}: {MoveMapping.ToCore(shape.Sample, "ACT").Error}");
            foreach (var field in shape.Fields.Where(f => f.Required))
            {
                var without = MoveShapes.Without(shape.Sample, field.Name);
                Assert.False(MoveMapping.ToCore(without, "ACT").IsOk, $"{shape.Kind} maps to Core without its required {field.Name}");
            }
            var bare = shape.Fields.Where(f => !f.Required).Aggregate(shape.Sample, (order, f) => MoveShapes.Without(order, f.Name));
            Assert.True(MoveMapping.ToCore(bare, "ACT").IsOk, $"{shape.Kind} needs more than its required fields: {MoveMapping.ToCore(bare, "ACT").Error}");
        }
    }

    [Fact]
    public async Task Every_wire_record_round_trips_through_JSON_and_MessagePack_and_the_pages_parsers_read_it()
    {
        var dir = Directory.CreateTempSubdirectory("diplosim-wire-").FullName;
        try
        {
            var manifest = new JsonArray();
            foreach (var (name, schema, value, type) in Samples())
            {
                var json = JsonSerializer.Serialize(value, type, WireContract.Json);
                var packed = MessagePackSerializer.Serialize(type, value, Pack);

                // Back into C# from either protocol, the record writes the same JSON again.
                Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize(json, type, WireContract.Json), type, WireContract.Json));
                Assert.Equal(json, JsonSerializer.Serialize(MessagePackSerializer.Deserialize(type, packed, Pack), type, WireContract.Json));

                // Both protocols give the browser the same shape: the same property names, values and nulls.
                Assert.True(JsonNode.DeepEquals(Canonical(JsonNode.Parse(json)), Canonical(JsonNode.Parse(MessagePackSerializer.ConvertToJson(packed, Pack)))), $"{name}: JSON and MessagePack differ");

                await File.WriteAllTextAsync(Path.Combine(dir, $"{name}.json"), json);
                await File.WriteAllBytesAsync(Path.Combine(dir, $"{name}.msgpack"), packed);
                manifest.Add(new JsonObject
                {
                    ["name"] = name,
                    ["schema"] = schema,
                    ["required"] = new JsonArray([.. MoveShapes.All.Where(s => schema == $"{s.Kind}Move").SelectMany(s => s.Fields.Where(f => f.Required)).Select(f => (JsonNode)f.Name)]),
                });
            }

            await File.WriteAllTextAsync(Path.Combine(dir, "manifest.json"), manifest.ToJsonString());
            var (exit, output) = await Run("node_modules/.bin/vite-node", $"test/decode-wire.ts {dir}", Repository.Path("src/DiploSim.Web"));
            Assert.True(exit == 0, output);
            Assert.Contains($"{manifest.Count} wire samples read", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_pages_give_each_country_the_colour_the_debrief_draws_it_in()
    {
        // The table itself is generated (colours.ts, checked above); the fallback's hash is written in both languages, so
        // the page's countryColour is run on every code of the table, every two-letter code and a code long enough to wrap.
        string[] codes =
        [
            .. CountryColours.Fixed.Select(c => c.Key), "ROW", "constructor", "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            .. Enumerable.Range(0, 26 * 26).Select(i => $"{(char)('A' + (i / 26))}{(char)('A' + (i % 26))}").Where(c => c != "EU"),
        ];
        var (exit, output) = await Run("node_modules/.bin/vite-node", $"test/country-colours.ts {string.Join(' ', codes)}", Repository.Path("src/DiploSim.Web"));
        Assert.True(exit == 0, output);

        var pages = JsonSerializer.Deserialize<Dictionary<string, string>>(output.Trim().Split('\n')[^1])!;
        Assert.Equal(codes.ToDictionary(c => c, CountryColours.Of).OrderBy(p => p.Key, StringComparer.Ordinal), pages.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(CountryColours.Spare.Order(StringComparer.Ordinal), codes[CountryColours.Fixed.Length..].Select(CountryColours.Of).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>A sample of every record, full and with its nullable fields null, of every hub answer, and a move of every kind.</summary>
    private static IEnumerable<(string Name, string Schema, object Value, Type Type)> Samples()
    {
        foreach (var t in WireContract.Types.Where(t => WireContract.IsRecord(t) && !t.IsGenericTypeDefinition && t != typeof(MoveOrder)))
        {
            yield return (t.Name, t.Name, Sample(t, full: true), t);
            yield return ($"{t.Name}.empty", t.Name, Sample(t, full: false), t);
        }

        foreach (var answer in WireContract.HubMethods.Select(m => m.Returns!).Where(r => r.IsGenericType).Distinct())
        {
            var value = answer.GetGenericArguments()[0];
            yield return ($"Reply.{value.Name}", $"Reply.{value.Name}", Sample(answer, full: true), answer);
            yield return ($"Reply.{value.Name}.refused", $"Reply.{value.Name}", Activator.CreateInstance(answer, null, "refused")!, answer);
        }

        foreach (var shape in MoveShapes.All)
        {
            yield return ($"Move.{shape.Kind}", $"{shape.Kind}Move", shape.Sample, typeof(MoveOrder));
        }
    }

    private static object Sample(Type t, bool full)
    {
        if (Nullable.GetUnderlyingType(t) is { } inner)
        {
            return Sample(inner, full);
        }

        if (WireContract.Element(t) is { } element)
        {
            var items = Array.CreateInstance(element, full ? 2 : 0);
            for (var i = 0; i < items.Length; i++)
            {
                items.SetValue(Sample(element, full), i);
            }

            return t.IsArray ? items : typeof(ImmutableArray).GetMethods()
                .Single(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is [{ ParameterType.IsArray: true }])
                .MakeGenericMethod(element).Invoke(null, [items])!;
        }

        return t switch
        {
            _ when t == typeof(string) => "text",
            _ when t == typeof(bool) => true,
            _ when t == typeof(int) => 3,
            _ when t == typeof(long) => 1_700_000_000_123L,
            _ when t == typeof(ulong) => 42UL,
            _ when t == typeof(double) => 0.125,
            _ when t.IsEnum => Enum.GetValues(t).GetValue(Enum.GetValues(t).Length - 1)!,
            _ when t == typeof(MoveOrder) => MoveShapes.All[^1].Sample,
            _ => Record(t, full),
        };
    }

    private static object Record(Type t, bool full)
    {
        var nullability = new NullabilityInfoContext();
        object? Value(Type type, NullabilityState state) => !full && state == NullabilityState.Nullable ? null : Sample(type, full);
        var ctor = t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First(c => c.GetParameters().All(p => p.ParameterType != t));
        var record = ctor.Invoke([.. ctor.GetParameters().Select(p => Value(p.ParameterType, nullability.Create(p).WriteState))]);
        foreach (var property in t.GetProperties().Where(p => p.CanWrite && ctor.GetParameters().All(c => c.Name != p.Name)))
        {
            property.SetValue(record, Value(property.PropertyType, nullability.Create(property).WriteState));
        }

        return record;
    }

    // MessagePack writes a whole double as an integer where JSON keeps the value's text: compare numbers by value.
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Canonical)]),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(v.GetValue<double>()),
        _ => node?.DeepClone(),
    };

    private static async Task<(int Exit, string Output)> Run(string command, string arguments, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(Path.Combine(directory, command), arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"{command} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output + await errors);
    }
}
