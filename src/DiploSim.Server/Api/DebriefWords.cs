using DiploSim.Core;

namespace DiploSim.Server.Api;

/// <summary>
/// Every heading and label the debrief (HTML) writes, in one place: a school translates the debrief by giving
/// <see cref="SessionRecord.Html"/> another instance. Templates use <c>{0}</c>, <c>{1}</c> placeholders, filled in
/// the order each property's comment gives. The pages' own words are in <c>src/DiploSim.Web/src/i18n/en.ts</c>.
/// </summary>
public sealed record DebriefWords
{
    /// <summary>The words the debrief ships with.</summary>
    public static DebriefWords English { get; } = new();

    /// <summary>The language of the words, for the page's <c>lang</c> attribute.</summary>
    public string Language { get; init; } = "en";

    /// <summary>{0} the session's title, {1} its id (the class reads the title; the id is in <see cref="Reproduce"/>).</summary>
    public string Title { get; init; } = "Debrief — {0}";

    /// <summary>{0} the scenario, {1} the turns played, {2} the state hash (kept for <see cref="Reproduce"/>).</summary>
    public string Summary { get; init; } = "Scenario {0} · turns played: {1}";

    /// <summary>
    /// The last line, for whoever checks or replays the game (a researcher, the teacher next year): {0} the session's id,
    /// {1} its state hash after the last turn played.
    /// </summary>
    public string Reproduce { get; init; } = "Session {0} · state hash {1}: the same scenario, seed and moves give the same hash.";

    public string Charts { get; init; } = "Charts";
    public string Gdp { get; init; } = "GDP";
    public string GdpUnit { get; init; } = "US$ billion";
    public string Stability { get; init; } = "Stability";
    public string Score { get; init; } = "Score";
    public string OutOf100 { get; init; } = "out of 100";

    /// <summary>{0} the chart's title, {1} its unit: what a screen reader hears for a chart.</summary>
    public string ChartLabel { get; init; } = "{0} by turn ({1})";

    /// <summary>The charts' turn axis: its ticks are the start, then each turn by the number the pages and the lines below give it.</summary>
    public string TurnAxis { get; init; } = "Turn";

    /// <summary>The first tick of the turn axis: where the scenario starts, before turn 0 is played (the pages' word).</summary>
    public string Start { get; init; } = "start";
    public string FinalScores { get; init; } = "Final scores";

    /// <summary>In place of the scores of a game ended before its first turn (the same words as the pages').</summary>
    public string NoScores { get; init; } = "None: countries are only scored when a turn ends.";
    /// <summary>The heads of the scores table: the pages' names for the five components, the goals and the score.</summary>
    public IReadOnlyList<string> ScoresHead { get; init; } = ["Country", "Prosperity", "Security", "Energy security", "Independence", "Influence", "Relationship goals", "Score"];
    public string Agreements { get; init; } = "Agreements kept and broken";

    /// <summary>In place of the agreements of a game where none was signed or broken (the same words as the pages').</summary>
    public string NoAgreements { get; init; } = "No agreement was signed.";
    public string Timeline { get; init; } = "Timeline";

    /// <summary>{0} the time zone the times are in.</summary>
    public string TimelineNote { get; init; } = "Times on the 24-hour clock, {0} time.";

    /// <summary>{0} the event's headline: a timeline line for an event the teacher set off (the same words as the pages').</summary>
    public string InjectFired { get; init; } = "News flash: {0}";

    /// <summary>{0} the turn: a timeline line for a what-if copy made of this session (the copy's id means nothing to a reader).</summary>
    public string ForkedInto { get; init; } = "A what-if copy of the game was made at turn {0}";

    /// <summary>{0} the turn: a timeline line for a session that is itself a what-if copy.</summary>
    public string ForkedFrom { get; init; } = "This game is a what-if copy of another, made at turn {0}";

    public string News { get; init; } = "News";
    public string Messages { get; init; } = "Every message";

    /// <summary>{0} the turn: the start of a line of the agreements, the news and the messages.</summary>
    public string TurnLine { get; init; } = "Turn {0}";

    /// <summary>Who a public message went to.</summary>
    public string Everyone { get; init; } = "everyone";

    /// <summary>{0} the parties, {1} the kind of agreement: a line of the agreements for one that entered into force.</summary>
    public string Signed { get; init; } = "{0} sign a {1}";

    /// <summary>{0} the country that broke it, {1} the kind of agreement, {2} its partners: a line of the agreements for a breach.</summary>
    public string Broken { get; init; } = "{0} breaks the {1} with {2}";

    /// <summary>Between the last two names of a list ('India, Russia and China').</summary>
    public string And { get; init; } = " and ";

    /// <summary>{0} the proposer: what a generated proposal id becomes in a news line or the timeline.</summary>
    public string Proposal { get; init; } = "{0}’s proposal";

    /// <summary>Each kind of agreement (Core's <c>AgreementKind</c>, by name) in words.</summary>
    public IReadOnlyDictionary<string, string> AgreementKinds { get; init; } =
        Enum.GetValues<AgreementKind>().ToDictionary(k => k.ToString(), k => k.Describe(), StringComparer.Ordinal);
}
