using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using DiploSim.Contracts;

namespace DiploSim.Server.Hub;

/// <summary>
/// Checks a hub call's arguments against <see cref="ClientLimits"/> before the hub sees them: nothing the contract says
/// is required may be null (an argument, a list's item, a property of a move or a shock), no text or list may exceed
/// its limit, every number must be finite. Refusals name the argument and the limit, never repeat the text.
/// </summary>
public sealed class HubArguments(ClientLimits limits)
{
    private const int MaxDepth = 4;

    private readonly ConcurrentDictionary<MethodInfo, Slot[]> _parameters = new();
    private readonly ConcurrentDictionary<Type, Slot[]> _properties = new();

    /// <summary>The refusal for the first argument that breaks a rule, or null when all of them keep the rules.</summary>
    public string? Check(MethodInfo method, IReadOnlyList<object?> arguments)
    {
        var slots = _parameters.GetOrAdd(method, Parameters);
        for (var i = 0; i < slots.Length && i < arguments.Count; i++)
        {
            if (Check(slots[i], arguments[i], slots[i].Name, 0) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private string? Check(Slot slot, object? value, string path, int depth)
    {
        switch (value)
        {
            case null:
            case IList when IsDefaultImmutableArray(value):
                return slot.Required ? $"{path} is missing" : null;
            case string text:
                var (limit, limitName, what) = TextLimit(slot.Name);
                return text.Length > limit ? ClientLimits.TooLong(what ?? path, text.Length, limit, limitName) : null;
            case double number:
                return double.IsFinite(number) ? null : $"{path} is not a finite number";
            case float number:
                return float.IsFinite(number) ? null : $"{path} is not a finite number";
            case IList list when slot.Item is { } item:
                var (most, listName) = slot.Name == "moves"
                    ? (limits.MovesPerSubmission, nameof(ClientLimits.MovesPerSubmission))
                    : (limits.ListLength, nameof(ClientLimits.ListLength));
                if (list.Count > most)
                {
                    return $"{path} may hold at most {most} items ({ClientLimits.Name(listName)}); this one holds {list.Count}";
                }

                for (var i = 0; i < list.Count; i++)
                {
                    if (Check(item, list[i], $"{path}[{i}]", depth + 1) is { } refusal)
                    {
                        return refusal;
                    }
                }

                return null;
            default:
                var type = value.GetType();
                if (depth >= MaxDepth || (type.Namespace != typeof(MoveOrder).Namespace && type.Namespace != typeof(StatusDto).Namespace) || !type.IsClass)
                {
                    return null;
                }

                foreach (var property in _properties.GetOrAdd(type, Properties))
                {
                    if (Check(property, property.Read!(value), $"{path}.{property.Name}", depth + 1) is { } refusal)
                    {
                        return refusal;
                    }
                }

                return null;
        }
    }

    /// <summary>An immutable array a protocol read from a null: it holds nothing, not even a count.</summary>
    private static bool IsDefaultImmutableArray(object value) =>
        value.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(ImmutableArray<>)
        && t.GetProperty(nameof(ImmutableArray<object>.IsDefault))!.GetValue(value) is true;

    /// <summary>The limit a text is held to, by what it is: a message, a shock's prose, a player's name, or an identifier.</summary>
    private (int Limit, string Name, string? What) TextLimit(string name) => name switch
    {
        "text" => (limits.MessageLength, nameof(ClientLimits.MessageLength), "a message"),
        "Headline" or "Body" => (limits.MessageLength, nameof(ClientLimits.MessageLength), null),
        "player" => (limits.PlayerNameLength, nameof(ClientLimits.PlayerNameLength), "a player's name"),
        _ => (limits.IdentifierLength, nameof(ClientLimits.IdentifierLength), null),
    };

    private static Slot[] Parameters(MethodInfo method)
    {
        var nullability = new NullabilityInfoContext();
        return [.. method.GetParameters().Select(p => Slot.Of(p.Name!, nullability.Create(p), null))];
    }

    private static Slot[] Properties(Type type)
    {
        var nullability = new NullabilityInfoContext();
        return [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => Slot.Of(p.Name, nullability.Create(p), p.GetValue))];
    }

    /// <summary>A parameter, a property or a list's item: whether it may be null and what its items are.</summary>
    private sealed record Slot(string Name, bool Required, Slot? Item, Func<object?, object?>? Read)
    {
        public static Slot Of(string name, NullabilityInfo info, Func<object?, object?>? read)
        {
            // An immutable array is a value, but a protocol reads a null into it: the contract's lists are never null.
            var immutable = info.Type.IsGenericType && info.Type.GetGenericTypeDefinition() == typeof(ImmutableArray<>);
            var element = info.ElementType ?? (immutable ? info.GenericTypeArguments[0] : null);
            return new(name, info.ReadState == NullabilityState.NotNull && (!info.Type.IsValueType || immutable),
                element is not null ? Of(name, element, null) : null, read);
        }
    }
}
