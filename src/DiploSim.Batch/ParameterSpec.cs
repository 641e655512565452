using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Core.State;

namespace DiploSim.Batch;

/// <summary>
/// The parameters a sweep can vary, with their canonical names: the model's scalar parameters (and which are
/// integers), and the bots' settings <c>bots.ACTOR.FIELD</c> (<see cref="BotFactor"/>).
/// </summary>
public static class ParameterCatalog
{
    private static readonly HashSet<string> IntegerNames =
        typeof(ModelParameters).GetProperties()
            .Where(p => p.PropertyType == typeof(int))
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The canonical name of a parameter (<c>model.tradeElasticity</c> → <c>TradeElasticity</c>), or an error
    /// listing the known names.
    /// </summary>
    public static string? Canonical(string name)
    {
        var bare = name.StartsWith("model.", StringComparison.OrdinalIgnoreCase) ? name[6..] : name;
        return ModelParameters.ScalarNames.FirstOrDefault(n => string.Equals(n, bare, StringComparison.OrdinalIgnoreCase));
    }

    public static string UnknownMessage(string name) =>
        $"unknown model parameter '{name}'; expected one of: {string.Join(", ", ModelParameters.ScalarNames)}; or a bot setting 'bots.ACTOR.FIELD' (FIELD one of {string.Join(", ", BotFactor.Fields)})";

    /// <summary>
    /// The canonical name of a model parameter or a bot setting (<c>Bots.RUS.Policy</c> → <c>bots.RUS.policy</c>),
    /// or what was expected.
    /// </summary>
    public static (string? Name, string? Error) Resolve(string written)
    {
        if (BotFactor.IsBotName(written))
        {
            var (factor, error) = BotFactor.Parse(written);
            return (factor?.Name, error);
        }

        return Canonical(written) is { } name ? (name, null) : (null, UnknownMessage(written));
    }

    public static bool IsInteger(string canonicalName) => IntegerNames.Contains(canonicalName);

    /// <summary>Whether a parameter's values are words (a bot's policy) rather than numbers.</summary>
    public static bool IsText(string canonicalName) => Bot(canonicalName) is { IsPolicy: true };

    /// <summary>The bot setting a canonical name stands for, or null for a model parameter.</summary>
    public static BotFactor? Bot(string canonicalName) =>
        BotFactor.IsBotName(canonicalName) ? BotFactor.Parse(canonicalName).Factor : null;

    /// <summary>
    /// Checks a value against its parameter: its kind (number or policy) and its range, the bot setting's or the
    /// model parameter's (<see cref="ModelParameters.RangeOf"/>, the ranges docs/model.md lists).
    /// </summary>
    public static string? Check(ParameterValue value)
    {
        if (Bot(value.Name) is { } bot)
        {
            return bot.Check(value);
        }

        if (value.Text is not null)
        {
            return $"{value.Name} takes a number, got '{value.Text}'";
        }

        return ModelParameters.RangeOf(value.Name)?.Check(value.Value) is { } problem ? $"model parameter {Canonical(value.Name) ?? value.Name} {problem}" : null;
    }
}

/// <summary>
/// Parses parameter values as written in experiments and flags: a number (<c>3</c>), a list (<c>2,3,4</c>),
/// an evenly spaced range (<c>2..5:4</c> = 2, 3, 4, 5; a count of 1 only when both ends are equal) or, for
/// sampling, a bare range (<c>2..5</c>); for a
/// bot's policy, a policy or a list of them (<c>doctrine,passive</c>).
/// </summary>
public static class ParameterSpec
{
    /// <summary>A factorial axis: policy names for a bot's policy, numbers for everything else.</summary>
    public static (ParameterAxis? Axis, string? Error) ParseAxis(string parameter, string text, SourceLocation? location = null)
    {
        if (ParameterCatalog.IsText(parameter))
        {
            var (texts, textError) = ParseTexts(parameter, text);
            return textError is null ? (ParameterAxis.OfTexts(parameter, texts, location), null) : (null, textError);
        }

        var (values, error) = ParseValues(parameter, text);
        return error is null ? (new ParameterAxis(parameter, values, location), null) : (null, error);
    }

    /// <summary>Policy names separated by commas, each a known policy.</summary>
    public static (ImmutableArray<string> Texts, string? Error) ParseTexts(string parameter, string text)
    {
        var texts = text.Split(',', StringSplitOptions.TrimEntries).ToImmutableArray();
        foreach (var policy in texts)
        {
            if (ParameterCatalog.Check(ParameterValue.OfText(parameter, policy)) is { } error)
            {
                return ([], error);
            }
        }

        return (texts, null);
    }

    /// <summary>Values for a factorial axis; a bare range is an error because it has no count.</summary>
    public static (ImmutableArray<double> Values, string? Error) ParseValues(string parameter, string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Contains("..", StringComparison.Ordinal))
        {
            var colon = trimmed.LastIndexOf(':');
            if (colon < 0)
            {
                return ([], $"range '{trimmed}' for {parameter} needs a count of values, e.g. '{trimmed}:4' (a bare range is only for latinHypercube)");
            }

            var (low, high, error) = ParseRange(parameter, trimmed[..colon]);
            if (error is not null)
            {
                return ([], error);
            }

            if (!int.TryParse(trimmed[(colon + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                return ([], $"range '{trimmed}' for {parameter}: expected a whole number of values (at least 1) after ':'");
            }

            if (count == 1 && low != high)
            {
                var alone = low.ToString("R", CultureInfo.InvariantCulture);
                return ([], $"range '{trimmed}' for {parameter} asks for one value between two ends; write the value alone ('{alone}') or a count of at least 2");
            }

            var values = Enumerable.Range(0, count)
                .Select(i => count == 1 ? low : low + ((high - low) * i / (count - 1)))
                .ToImmutableArray();
            return CheckIntegers(parameter, values, trimmed);
        }

        var parts = trimmed.Split(',', StringSplitOptions.TrimEntries);
        var list = ImmutableArray.CreateBuilder<double>(parts.Length);
        foreach (var part in parts)
        {
            var (value, error) = ParseNumber(parameter, part);
            if (error is not null)
            {
                return ([], error);
            }

            list.Add(value);
        }

        return CheckIntegers(parameter, list.ToImmutable(), trimmed);
    }

    /// <summary>A range <c>low..high</c> with low ≤ high.</summary>
    public static (double Low, double High, string? Error) ParseRange(string parameter, string text)
    {
        if (ParameterCatalog.IsText(parameter))
        {
            return (0, 0, NoRangeMessage(parameter));
        }

        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            return (0, 0, $"expected a range 'low..high' for {parameter}, got '{text}'");
        }

        var (low, e1) = ParseNumber(parameter, parts[0]);
        var (high, e2) = ParseNumber(parameter, parts[1]);
        if ((e1 ?? e2) is { } error)
        {
            return (0, 0, error);
        }

        if (low > high)
        {
            return (0, 0, $"range '{text}' for {parameter}: the low end is above the high end");
        }

        if (ParameterCatalog.IsInteger(parameter) && (low != Math.Floor(low) || high != Math.Floor(high)))
        {
            return (0, 0, $"{parameter} is a whole number; expected a range of whole numbers, got '{text}'");
        }

        return (low, high, null);
    }

    /// <summary>Why a bot's policy cannot be sampled from a range.</summary>
    public static string NoRangeMessage(string parameter) =>
        $"{parameter} takes policies ({string.Join(", ", BotPolicies.Names)}), which have no range: list them in 'factorial' or name them in 'sets'";

    /// <summary>One number, checked for finiteness and, for integer parameters, wholeness.</summary>
    public static (double Value, string? Error) ParseNumber(string parameter, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return (0, $"expected a number for {parameter}, got '{text}'");
        }

        if (ParameterCatalog.IsInteger(parameter) && value != Math.Floor(value))
        {
            return (0, $"{parameter} is a whole number; got '{text}'");
        }

        return ParameterCatalog.Check(new ParameterValue(parameter, value)) is { } error ? (0, error) : (value, null);
    }

    private static (ImmutableArray<double>, string?) CheckIntegers(string parameter, ImmutableArray<double> values, string text) =>
        ParameterCatalog.IsInteger(parameter) && values.Any(v => v != Math.Floor(v))
            ? ([], $"{parameter} is a whole number, but '{text}' gives fractional values")
            : (values, null);
}
