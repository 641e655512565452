using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DiploSim.Scenarios;

/// <summary>
/// A scenario's calendar: its start, turns a year and length, and the dates in it. Reads the start date and turns
/// dates (<c>2026-Q2</c>, a year when there is one turn a year, <c>2026-T3</c>) or turn numbers into turns,
/// reporting a wrong form or a date outside the span.
/// </summary>
internal sealed partial class ScenarioCalendar(Diagnostics diagnostics, int turnsPerYear, int turns)
{
    public int StartYear { get; private set; } = 2025;

    /// <summary>The start quarter of a quarterly calendar; 4 otherwise (WorldBuilder reads it only for quarterly calendars).</summary>
    public int StartQuarter { get; private set; } = 4;

    public int TurnsPerYear => turnsPerYear;

    public int Turns => turns;

    [GeneratedRegex("^([0-9]{4})(?:-(Q|T)([1-9][0-9]?))?$")]
    private static partial Regex DatePattern();

    /// <summary>Reads the start date, which must have the calendar's form: <c>2026-Q1</c>, <c>2026</c> or <c>2026-T3</c>.</summary>
    public void ReadStart(YamlNode? node)
    {
        if (node is null)
        {
            return;
        }

        var text = (node as YamlScalarNode)?.Value ?? "";
        var m = DatePattern().Match(text);
        var ok = m.Success && (TurnsPerYear, m.Groups[2].Value) switch
        {
            (4, "Q") => true,
            (1, "") => true,
            (not 4 and not 1, "T") => true,
            _ => false,
        };
        if (!ok)
        {
            diagnostics.Add(node, "the start date has the wrong form", Diagnostics.Describe(node), ExpectedDate());
            return;
        }

        StartYear = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        StartQuarter = m.Groups[3].Success && m.Groups[3].Value.Length > 0 ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 1;
        var max = TurnsPerYear == 4 ? 4 : Math.Max(1, TurnsPerYear);
        if (StartQuarter < 1 || StartQuarter > max)
        {
            diagnostics.Add(node, "the start date has the wrong form", Diagnostics.Describe(node), ExpectedDate());
            StartQuarter = 1;
        }

        if (TurnsPerYear != 4)
        {
            StartQuarter = 4; // WorldBuilder reads the quarter only for quarterly calendars.
        }
    }

    /// <summary>What a date of this calendar looks like, for error messages.</summary>
    public string ExpectedDate() => TurnsPerYear switch
    {
        4 => "a quarter such as 2025-Q4",
        1 => "a year such as 2026",
        _ => $"a year and turn such as 2026-T1 (T1 to T{TurnsPerYear})",
    };

    /// <summary>A turn from a date (<c>2026-Q2</c>) or a turn number, checked against the scenario's span.</summary>
    public int? Turn(YamlNode node, string what)
    {
        var last = Turns - 1;
        var span = $"a date from {DateOf(0)} to {DateOf(last)} (or a turn number from 0 to {last})";
        if (node is not YamlScalarNode { Value: { } text })
        {
            diagnostics.Add(node, $"{what} has the wrong type", Diagnostics.Describe(node), span);
            return null;
        }

        int turn;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && !(TurnsPerYear == 1 && text.Length == 4))
        {
            // With one turn a year, a four-digit number is a year (a scenario has at most 1,000 turns, numbered up to 999).
            turn = n;
        }
        else if (DatePattern().Match(text) is { Success: true } m)
        {
            var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var sub = m.Groups[3].Value.Length > 0 ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 1;
            var form = m.Groups[2].Value;
            if ((TurnsPerYear == 4) != (form == "Q") || (TurnsPerYear == 1) != (form == "") || sub < 1 || sub > Math.Max(TurnsPerYear, 1))
            {
                diagnostics.Add(node, $"{what} has the wrong form", $"'{text}'", ExpectedDate());
                return null;
            }

            turn = TurnsPerYear == 4 ? ((year - StartYear) * 4) + (sub - StartQuarter) : ((year - StartYear) * TurnsPerYear) + (sub - 1);
        }
        else
        {
            diagnostics.Add(node, $"{what} has the wrong form", $"'{text}'", ExpectedDate());
            return null;
        }

        if (turn < 0 || turn > last)
        {
            diagnostics.Add(node, $"{what} is a date outside the scenario's span", $"'{text}'", span);
            return null;
        }

        return turn;
    }

    /// <summary>The date of a turn: <c>2026-Q3</c>, <c>2027</c> or <c>2026-T4</c>.</summary>
    public string DateOf(int turn)
    {
        if (TurnsPerYear == 4)
        {
            var q = StartQuarter - 1 + turn;
            return $"{StartYear + (q / 4)}-Q{(q % 4) + 1}";
        }

        return TurnsPerYear == 1 ? $"{StartYear + turn}" : $"{StartYear + (turn / TurnsPerYear)}-T{(turn % TurnsPerYear) + 1}";
    }
}
