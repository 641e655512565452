using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Server.Api;
using DiploSim.Server.Hub;
using Microsoft.AspNetCore.SignalR;

namespace DiploSim.WebContract;

/// <summary>A hub method or push: its name, parameters and (for a method) the type its task returns.</summary>
public sealed record WireCall(string Name, ImmutableArray<ParameterInfo> Parameters, Type? Returns);

/// <summary>
/// What crosses the wire, read from the C# side: the hub's methods (<see cref="GameHub"/>), its pushes
/// (<see cref="IGameClient"/>), the HTTP API's records, and every record and enum they reach, with each record's
/// properties as System.Text.Json writes them with the hub's options (<see cref="WireJson"/>).
/// </summary>
public static class WireContract
{
    public static JsonSerializerOptions Json { get; } = Options();

    public static ImmutableArray<WireCall> HubMethods { get; } =
    [
        .. typeof(GameHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(GameHub))
            .OrderBy(m => m.MetadataToken)
            .Select(m => new WireCall(m.Name, [.. m.GetParameters()], TaskResult(m.ReturnType))),
    ];

    public static ImmutableArray<WireCall> Pushes { get; } =
        [.. typeof(IGameClient).GetMethods().OrderBy(m => m.MetadataToken).Select(m => new WireCall(m.Name, [.. m.GetParameters()], null))];

    /// <summary>The HTTP API's requests and answers (the lobby's calls).</summary>
    public static ImmutableArray<Type> HttpRecords { get; } =
        [typeof(ScenarioListing), typeof(ScenarioBriefing), typeof(CreateSessionRequest), typeof(SessionPassesDto), typeof(JoinInfo), typeof(JoinRequest), typeof(SeatPassDto)];

    /// <summary>Enums the page needs by name though no record holds them as enums (moves and ledgers carry them as strings).</summary>
    public static ImmutableArray<Type> NamedEnums { get; } =
    [
        typeof(MoveKind), typeof(AgreementKind), typeof(Sector), typeof(SanctionDomain), typeof(SanctionLevel), typeof(Stance),
        typeof(DependenceDomain), typeof(Capacity), typeof(DeliveryDecision), typeof(AgreementStatus), typeof(DeliveryStatus), typeof(PressRules),
    ];

    /// <summary>The records (open generic for <see cref="Reply{T}"/>) and enums the wire reaches, each after those it uses.</summary>
    public static ImmutableArray<Type> Types { get; } = Reach();

    /// <summary>The records a page writes (hub arguments and HTTP requests): their nullable and defaulted fields may be left out.</summary>
    public static ImmutableHashSet<Type> Inputs { get; } = InputTypes();

    public static Type? TaskResult(Type t) => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Task<>) ? t.GetGenericArguments()[0] : null;

    /// <summary>The element type of an array or an immutable array, or null.</summary>
    public static Type? Element(Type t) =>
        t.IsArray ? t.GetElementType()
        : t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ImmutableArray<>) ? t.GetGenericArguments()[0]
        : null;

    public static bool IsRecord(Type t) =>
        !t.IsPrimitive && !t.IsEnum && t != typeof(string) && Element(t) is null && Nullable.GetUnderlyingType(t) is null && !t.IsGenericParameter;

    /// <summary>The properties of a record as the wire carries them, in declaration order.</summary>
    public static IEnumerable<JsonPropertyInfo> Properties(Type record) =>
        Json.GetTypeInfo(record).Properties.Where(p => p.AttributeProvider?.IsDefined(typeof(JsonIgnoreAttribute), inherit: true) != true);

    private static JsonSerializerOptions Options()
    {
        var options = WireJson.Configure(new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() });
        options.MakeReadOnly();
        return options;
    }

    private static IEnumerable<Type> Roots() =>
        HubMethods.SelectMany(m => m.Parameters.Select(p => p.ParameterType).Append(m.Returns))
            .Concat(Pushes.SelectMany(p => p.Parameters.Select(x => x.ParameterType)))
            .Concat(HttpRecords)
            .Concat(NamedEnums)
            .OfType<Type>();

    private static ImmutableArray<Type> Reach()
    {
        var order = new List<Type>();
        var seen = new HashSet<Type>();
        foreach (var root in Roots())
        {
            Visit(root, seen, order);
        }

        return [.. order];
    }

    private static void Visit(Type t, HashSet<Type> seen, List<Type> order)
    {
        if (Nullable.GetUnderlyingType(t) is { } inner)
        {
            Visit(inner, seen, order);
            return;
        }

        if (Element(t) is { } element)
        {
            Visit(element, seen, order);
            return;
        }

        if (t.IsGenericType && !t.IsGenericTypeDefinition)
        {
            foreach (var argument in t.GetGenericArguments())
            {
                Visit(argument, seen, order);
            }

            Visit(t.GetGenericTypeDefinition(), seen, order);
            return;
        }

        if (t.IsPrimitive || t == typeof(string) || t.IsGenericParameter || !seen.Add(t))
        {
            return;
        }

        if (!t.IsEnum)
        {
            // A move is its kind's shape: the fields each kind uses, and the enums and terms they hold.
            var uses = t == typeof(MoveOrder)
                ? MoveShapes.All.SelectMany(s => s.Fields).Select(f => f.Type)
                : t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => Properties(Closed(t)).Any(x => x.Name == p.Name)).Select(p => p.PropertyType);
            foreach (var use in uses)
            {
                Visit(use, seen, order);
            }
        }

        order.Add(t);
    }

    /// <summary>A generic record closed over object, so that System.Text.Json can describe it.</summary>
    public static Type Closed(Type t) => t.IsGenericTypeDefinition ? t.MakeGenericType([.. t.GetGenericArguments().Select(_ => typeof(object))]) : t;

    private static ImmutableHashSet<Type> InputTypes()
    {
        var inputs = new HashSet<Type>();
        var roots = HubMethods.SelectMany(m => m.Parameters.Select(p => p.ParameterType))
            .Concat([typeof(CreateSessionRequest), typeof(JoinRequest)]);
        foreach (var root in roots)
        {
            var reached = new List<Type>();
            Visit(root, [], reached);
            inputs.UnionWith(reached.Where(IsRecord));
        }

        return [.. inputs];
    }
}
