using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Core;

namespace DiploSim.Agents;

/// <summary>
/// The move catalogue as an agent reads it: each kind of Core's <see cref="MoveKind"/> with the fields the wire reads
/// (from <see cref="MoveShapes"/>, the same source as the web client's types) and the least and most political
/// capital a move of that kind costs (<see cref="MoveRules.Cost"/> over every name, flag and group size the kind takes).
/// </summary>
public static class MoveCatalogue
{
    public static ImmutableArray<MoveKindSpec> Kinds { get; } = [.. MoveShapes.All.Select(Spec)];

    private static MoveKindSpec Spec(MoveShape shape)
    {
        var fields = shape.Fields.Select(f => new MoveFieldSpec(f.Name, TypeName(f.Type), f.Required,
            f.Type.IsEnum ? [.. Enum.GetNames(f.Type)] : [])).ToImmutableArray();
        var costs = Variants(shape).Select(o => MoveMapping.ToCore(o, "ACT")).Where(r => r.IsOk).Select(r => MoveRules.Cost(r.Value!)).ToList();
        return new MoveKindSpec(shape.Kind.ToString(), fields, costs.Min(), costs.Max());
    }

    /// <summary>The sample order with every combination of the values its names, flags and actor lists can take.</summary>
    private static IEnumerable<MoveOrder> Variants(MoveShape shape)
    {
        IEnumerable<MoveOrder> orders = [shape.Sample];
        foreach (var field in shape.Fields)
        {
            var property = typeof(MoveOrder).GetProperty(field.Name)!;
            object[] values = field.Type switch
            {
                { IsEnum: true } t => [.. Enum.GetNames(t)],
                _ when field.Type == typeof(bool) => [true, false],
                _ when field.Type == typeof(string[]) => [ImmutableArray.Create("A"), ImmutableArray.Create("A", "B")],
                _ => [],
            };
            if (values.Length > 0)
            {
                orders = orders.SelectMany(o => values.Select(v =>
                {
                    var copy = o with { };
                    property.SetValue(copy, v);
                    return copy;
                })).ToList();
            }
        }

        return orders;
    }

    private static string TypeName(Type t) => t switch
    {
        _ when t == typeof(double) => "number",
        _ when t == typeof(int) => "integer",
        _ when t == typeof(bool) => "boolean",
        _ when t == typeof(string[]) => "actors",
        _ when t == typeof(AgreementTermsData) => "terms",
        _ => "string",
    };
}
