using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using DiploSim.Core.State;
using DiploSim.Scenarios;

namespace DiploSim.Core.Tests;

/// <summary>
/// The state hash sees every field of the world: the test walks <see cref="WorldState"/> and every record it holds by
/// reflection, changes one field at a time, and checks that the hash changes. A field added to the state and not to
/// <see cref="StateHash"/> fails it by name.
/// </summary>
public sealed class StateHashTests
{
    /// <summary>
    /// A world in which every collection has an entry and every optional value is both present and absent somewhere:
    /// the baseline after a few turns, with an agreement, a proposal, a delivery, a fired shock, a crude deal and a purchase of coal added.
    /// </summary>
    private static WorldState World()
    {
        var world = Simulation.Play(BaselineScenario.World(seed: 3), ShockScript.Empty, 2).Last().State;
        var relation = world.Relations[1];
        return world with
        {
            Relations = world.Relations.SetItem(1, relation with { Crude = new CrudeDeal(0.5, 0.1) }),
            Agreements = world.Agreements.Add(new Agreement("g-hash", AgreementKind.FreeTrade, ["IND", "RUS"], new AgreementTerms(TariffCeiling: 0.05), 1, AgreementStatus.InForce, 0.5, 1, "RUS")),
            Proposals = world.Proposals.Add(new Proposal("p-hash", "IND", AgreementKind.FreeTrade, ["IND", "RUS"], AgreementTerms.None, 1, ["RUS"])),
            Deliveries = world.Deliveries.Add(new ArmsDelivery("d-hash", "IND", "RUS", "S-400", 5, 4, DeliveryStatus.OnTime)),
            FiredShocks = world.FiredShocks.Add(new FiredShock("shock-hash", 1)),
            PurchaseHalts = [new PurchaseHalt("IND", "RUS", Sector.Agriculture, 0.5, 4, 1.5)],
            Purchases = [new GoodsPurchase("IND", "RUS", Good.Coal, 10, 130)],
            TariffAnnouncements = [new TariffAnnouncement("IND", "USA", Sector.Technology, 0.4, 4, Pending: true, Turns: 1, [.. new double[Domain.SectorCount]], [.. new double[Domain.SectorCount]])],
            Global = world.Global with
            {
                Seasons = [new FlowSeason(Sector.Agriculture, [0.3, 0.2, 0.2, 0.3]), new FlowSeason(Sector.Energy, [0.2, 0.3, 0.3, 0.2], "RUS", "IND")],
                OilTightness = 0.5,
            },
        };
    }

    [Fact]
    public void Every_field_of_the_world_changes_its_hash()
    {
        var world = World();
        var unhashed = new List<string>();
        var checkedFields = 0;
        foreach (var (path, before, after) in Changes(world, typeof(WorldState), "world"))
        {
            checkedFields++;
            if (StateHash.Compute((WorldState)before!) == StateHash.Compute((WorldState)after!))
            {
                unhashed.Add(path);
            }
        }

        Assert.Empty(unhashed);

        // The walk reached the nested records (actors' interests, doctrines and references, relations' references, ...).
        Assert.True(checkedFields > 150, $"only {checkedFields} fields were checked");
    }

    [Fact]
    public void The_walk_finds_a_field_the_version_1_hash_left_out()
    {
        var world = World();
        var reserve = Changes(world, typeof(WorldState), "world").First(c => c.Path == "world.Global.ReserveIssuer");

        Assert.Equal(StateHash.ComputeVersion1((WorldState)reserve.Before!), StateHash.ComputeVersion1((WorldState)reserve.After!));
        Assert.NotEqual(StateHash.Compute((WorldState)reserve.Before!), StateHash.Compute((WorldState)reserve.After!));
    }

    [Fact]
    public void An_absent_value_and_a_present_one_hash_apart()
    {
        var world = World();
        var terms = world.Agreements[^1].Terms;

        Assert.NotEqual(
            StateHash.Compute(world with { Agreements = world.Agreements.SetItem(world.Agreements.Length - 1, world.Agreements[^1] with { Terms = terms with { TradeTarget = null } }) }),
            StateHash.Compute(world with { Agreements = world.Agreements.SetItem(world.Agreements.Length - 1, world.Agreements[^1] with { Terms = terms with { TradeTarget = -1 } }) }));
    }

    /// <summary>
    /// Pairs of values of <paramref name="type"/> that differ in exactly one field, each with the field's path; the
    /// pairs of a record's field are the record with the field's pairs set into it.
    /// </summary>
    private static IEnumerable<(string Path, object? Before, object? After)> Changes(object? value, Type type, string path)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        if (value is null)
        {
            // Absent against present, then every field of the present value.
            var sample = Sample(nullable ?? type);
            yield return (path + "(absent)", null, sample);
            foreach (var change in Changes(sample, nullable ?? type, path))
            {
                yield return change;
            }

            yield break;
        }

        type = nullable ?? type;
        if (IsLeaf(type))
        {
            yield return (path, value, Changed(value, type));
            yield break;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            foreach (var change in ArrayChanges(value, type, path))
            {
                yield return change;
            }

            yield break;
        }

        foreach (var property in Fields(type))
        {
            foreach (var (p, before, after) in Changes(property.GetValue(value), property.PropertyType, $"{path}.{property.Name}"))
            {
                yield return (p, With(value, property, before), With(value, property, after));
            }
        }
    }

    private static IEnumerable<(string Path, object? Before, object? After)> ArrayChanges(object array, Type type, string path)
    {
        var element = type.GetGenericArguments()[0];
        var items = ((IEnumerable)array).Cast<object?>().ToList();
        if (items.Count == 0)
        {
            var one = Array(element, [Sample(element)]);
            yield return (path + "(empty)", array, one);
            foreach (var change in ArrayChanges(one, type, path))
            {
                yield return change;
            }

            yield break;
        }

        // One more entry, then every field of each entry (so that an optional field is seen both absent and present).
        yield return (path + "(length)", array, Array(element, [.. items, items[0]]));
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var (p, before, after) in Changes(items[i], element, $"{path}[{i}]"))
            {
                var (b, a) = (items.ToList(), items.ToList());
                (b[i], a[i]) = (before, after);
                yield return (p, Array(element, b), Array(element, a));
            }

            if (IsLeaf(element))
            {
                break; // one entry of numbers or names shows the entries are written
            }
        }
    }

    /// <summary>The fields of a record: its settable public properties (computed ones have no setter).</summary>
    private static IEnumerable<PropertyInfo> Fields(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0);

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Rng);

    private static object Changed(object value, Type type) => value switch
    {
        double d => d + 1,
        int i => i + 1,
        bool b => !b,
        string s => s + "x",
        Rng r => new Rng(r.State + 1),
        Enum e => NextEnum(e, type),
        _ => throw new InvalidOperationException($"no change defined for {type}"),
    };

    private static object NextEnum(Enum value, Type type)
    {
        var values = Enum.GetValues(type).Cast<object>().ToList();
        return values[(values.IndexOf(value) + 1) % values.Count];
    }

    /// <summary>A value of <paramref name="type"/> with every field set: records through their widest constructor.</summary>
    private static object Sample(Type type)
    {
        if (type == typeof(double))
        {
            return 0.25;
        }

        if (type == typeof(string))
        {
            return "sample";
        }

        if (IsLeaf(type))
        {
            return Activator.CreateInstance(type)!;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            return Array(type.GetGenericArguments()[0], []);
        }

        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke([.. constructor.GetParameters().Select(p => (object?)Sample(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))]);
    }

    private static object Array(Type element, IReadOnlyList<object?> items)
    {
        var builder = typeof(ImmutableArray).GetMethods()
            .Single(m => m.Name == nameof(ImmutableArray.CreateRange) && m.GetParameters() is [{ ParameterType.Name: "IEnumerable`1" }])
            .MakeGenericMethod(element);
        var typed = System.Array.CreateInstance(element, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            typed.SetValue(items[i], i);
        }

        return builder.Invoke(null, [typed])!;
    }

    /// <summary>A copy of the record <paramref name="record"/> with one property set (what <c>with</c> does).</summary>
    private static object With(object record, PropertyInfo property, object? value)
    {
        var clone = record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;
        property.SetValue(clone, value);
        return clone;
    }
}
