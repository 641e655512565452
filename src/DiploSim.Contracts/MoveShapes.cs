using System.Collections.Immutable;
using System.Reflection;
using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Contracts;

/// <summary>One field of a move kind as it crosses the wire: a property of <see cref="MoveOrder"/>.</summary>
/// <param name="Type">What the field holds: string, double, int, bool, an enum of Core, string[] or <see cref="AgreementTermsData"/>.</param>
public sealed record MoveField(string Name, Type Type, bool Required);

/// <summary>A move kind of Core's catalogue, its record and the <see cref="MoveOrder"/> fields it reads and writes.</summary>
/// <param name="Sample">An order of this kind with every field set, as <see cref="MoveMapping.FromCore"/> writes it.</param>
public sealed record MoveShape(MoveKind Kind, Type Record, ImmutableArray<MoveField> Fields, MoveOrder Sample);

/// <summary>
/// Reads each move kind's wire fields from Core's move records and the one mapper between them: a move of each record is
/// built with a distinct value per parameter and written by <see cref="MoveMapping.FromCore"/>, and the order's property
/// that holds a parameter's value is that parameter's field. A field is required when <see cref="MoveMapping.ToCore"/>
/// refuses the order without it: the page is asked for exactly what the server reads.
/// </summary>
public static class MoveShapes
{
    public static ImmutableArray<MoveShape> All { get; } = Read();

    private static ImmutableArray<MoveShape> Read()
    {
        var records = typeof(Move).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Move)) && !t.IsAbstract)
            .Select(Shape)
            .OrderBy(s => s.Kind)
            .ToImmutableArray();
        var missing = Enum.GetValues<MoveKind>().Except(records.Select(s => s.Kind)).ToArray();
        return missing.Length == 0
            ? records
            : throw new InvalidOperationException($"move kinds without a record: {string.Join(", ", missing)}");
    }

    private static MoveShape Shape(Type record)
    {
        var parameters = record.GetConstructors().Single(c => c.GetParameters() is not [{ ParameterType: var t }] || t != record).GetParameters();
        var values = parameters.Select(p => Sample(p, p.Position)).ToArray();
        var move = (Move)Activator.CreateInstance(record, values)!;
        var order = MoveMapping.FromCore(move);
        var fields = parameters.Index()
            .Where(p => p.Item.Name != nameof(Move.Actor))
            .Select(p => FieldOf(order, p.Item, values[p.Index]))
            .Select(f => new MoveField(f.Name, WireType(f.Parameter.ParameterType), !MoveMapping.ToCore(Without(order, f.Name), move.Actor).IsOk))
            .ToImmutableArray();
        return new MoveShape(move.Kind, record, fields, order);
    }

    /// <summary>The order with one field left out, as a page that does not send it.</summary>
    public static MoveOrder Without(MoveOrder order, string field)
    {
        ArgumentNullException.ThrowIfNull(order);
        var copy = order with { };
        var property = typeof(MoveOrder).GetProperty(field) ?? throw new ArgumentException($"a move order has no field {field}", nameof(field));
        property.SetValue(copy, property.PropertyType == typeof(ImmutableArray<string>) ? ImmutableArray<string>.Empty : null);
        return copy;
    }

    private static Type WireType(Type t) => Nullable.GetUnderlyingType(t) ?? t switch
    {
        _ when t == typeof(AgreementTerms) => typeof(AgreementTermsData),
        _ when t == typeof(ImmutableArray<string>) => typeof(string[]),
        _ => t,
    };

    // A value no other parameter of the record has: the position makes strings and numbers distinct; a record has at most one bool.
    private static object Sample(ParameterInfo p, int i)
    {
        var t = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        return t switch
        {
            _ when t == typeof(string) => p.Name == nameof(Move.Actor) ? "ACT" : $"s{i}",
            _ when t == typeof(double) => i + 0.25,
            _ when t == typeof(int) => i + 1,
            _ when t == typeof(bool) => !(p.HasDefaultValue && p.DefaultValue is true),
            _ when t.IsEnum => Enum.GetValues(t).Cast<object>().Last(),
            _ when t == typeof(ImmutableArray<string>) => ImmutableArray.Create($"s{i}"),
            _ when t == typeof(AgreementTerms) => new AgreementTerms(TariffCeiling: i + 0.5),
            _ => throw new InvalidOperationException($"a move parameter of a type the wire does not know: {p.Member.DeclaringType?.Name}.{p.Name} ({t.Name})"),
        };
    }

    private static (string Name, ParameterInfo Parameter) FieldOf(MoveOrder order, ParameterInfo p, object value)
    {
        var matches = typeof(MoveOrder).GetProperties()
            .Where(prop => prop.Name is not nameof(MoveOrder.Kind) and not nameof(MoveOrder.Actor) && Holds(prop.GetValue(order), value))
            .Select(prop => prop.Name)
            .ToArray();
        return matches is [var name]
            ? (name, p)
            : throw new InvalidOperationException(
                $"{p.Member.DeclaringType?.Name}.{p.Name} is written to {(matches.Length == 0 ? "no field" : string.Join(" and ", matches))} of a move order");
    }

    private static bool Holds(object? field, object value) => (field, value) switch
    {
        (null, _) => false,
        (string s, Enum e) => s == e.ToString(),
        (ImmutableArray<string> a, ImmutableArray<string> b) => !a.IsDefaultOrEmpty && a.SequenceEqual(b),
        (AgreementTermsData d, AgreementTerms t) => d.TariffCeiling == t.TariffCeiling,
        _ => field.Equals(value),
    };
}
