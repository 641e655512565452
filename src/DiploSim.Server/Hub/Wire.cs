using System.Collections.Immutable;
using DiploSim.Contracts;

namespace DiploSim.Server.Hub;

// What crosses the hub, in both protocols. Flat records of strings, numbers and arrays, times as Unix
// milliseconds: JSON and MessagePack then give the browser the same shape (property names as written here),
// and a stored contract record can change without breaking clients.

/// <summary>The answer to a hub call: <see cref="Refusal"/> is null when it was done.</summary>
public sealed record Answer(string? Refusal)
{
    public static readonly Answer Done = new((string?)null);
}

/// <summary>The answer to a hub call that returns a value.</summary>
public sealed record Answer<T>(T? Value, string? Refusal);

public sealed record SeatDto(string Country, bool OpenToPlayers, string? Player, bool Present, bool BotPlaying, bool Ready, bool Submitted);

/// <summary>A session at a glance. <see cref="NowMs"/> is the server's clock, so a browser's countdown ignores its own skew.</summary>
public sealed record StatusDto(
    string SessionId, string ScenarioId, string Title, string JoinCode, string Phase, int Turn, int Turns, string Date,
    long? DeadlineMs, long NowMs, string StateHash, SeatDto[] Seats, string? ForkedFrom, long LogLength, string[] Injects, string? ReadOnly = null);

/// <summary>One event of the session's log, flattened; <see cref="Kind"/> is the contract record's name.</summary>
public sealed record EventDto(
    long Sequence, long AtMs, string By, string Kind, string Text, int? Turn = null, string? Country = null, string? To = null,
    string? Message = null, bool? Ready = null, long? DeadlineMs = null, string? ShockId = null, string? SessionId = null,
    string? Player = null, TurnDto? Outcome = null);

public sealed record VerdictDto(string Actor, string Kind, string Description, bool Accepted, int Cost, string? Reason);

public sealed record ShockNoteDto(string Id, string Headline, string[] Notes);

public sealed record NewsDto(int Turn, string Headline, string Body, string[] Actors, string Category);

public sealed record ChangeDto(string Subject, string Indicator, double Before, double After);

public sealed record ScoreDto(string Actor, double Prosperity, double Security, double EnergySecurity, double Autonomy, double Influence, double Goals, double Utility);

public sealed record TurnDto(int Turn, string Date, string StateHash, VerdictDto[] Moves, ShockNoteDto[] Shocks, NewsDto[] News, ChangeDto[] Changes, ScoreDto[] Scores);

public sealed record RelationDto(string Other, double TrustIn, double TrustFrom, double ExportsTo, double ImportsFrom);

public sealed record TermsDto(double? TariffCeiling, double? TradeTarget, double? EnergyVolumeMbd, double? EnergyDiscount, double? MaxUsdShare, string? Supplier);

public sealed record ProposalDto(string Id, string Proposer, string Agreement, string[] Parties, TermsDto Terms, int Turn, string[] AcceptedBy);

public sealed record ViewDto(
    string Country, string Name, int Turn, string Date, double Gdp, double Growth, double Stability, int Capital, double Utility,
    bool BotPlaying, RelationDto[] Relations, ProposalDto[] Proposals, MoveDto[] Draft, LedgerDto? Ledger = null);

public sealed record TradeLineDto(string Partner, string Sector, double Exports, double Imports);

public sealed record CrudeDto(string Seller, double VolumeMbd, double Discount);

public sealed record EnergyDto(double Bill, double BillShareOfGdp, double NetOilImportsMbd, double OilPrice, bool PriceCapMember, CrudeDto[] DiscountedCrude);

public sealed record ArmsSupplierDto(string Supplier, double Share);

public sealed record DeliveryDto(string Id, string Buyer, string Seller, string System, double Value, int DueTurn, string Status);

public sealed record AgreementDto(string Id, string Kind, string[] Parties, TermsDto Terms, int SignedTurn, string Status, double Progress, int Breaches, string? LastBreachedBy);

/// <summary>The dashboard's ledger: trade by partner and sector, energy, arms dependency, deliveries, agreements and their compliance.</summary>
public sealed record LedgerDto(TradeLineDto[] Trade, EnergyDto Energy, ArmsSupplierDto[] ArmsSuppliers, DeliveryDto[] Deliveries, AgreementDto[] Agreements);

public sealed record ActorNodeDto(string Id, string Name, double Gdp);

public sealed record RelationLinkDto(string A, string B, double TrustAB, double TrustBA, double Trade);

/// <summary>Every pair of actors' trust and trade, for the network view.</summary>
public sealed record NetworkDto(int Turn, ActorNodeDto[] Actors, RelationLinkDto[] Links);

public sealed record EffectDto(string Indicator, double Without, double With, double Change);

/// <summary>The model's preview of a move's direct effect one turn ahead; <see cref="Refusal"/> (and nothing else) when the move is invalid.</summary>
public sealed record MovePreviewDto(string? Description, int Cost, int Capital, string? Target, EffectDto[] Effects, string? Refusal);

/// <summary>A move as the browser writes it: <see cref="MoveOrder"/> with arrays, settable for both protocols.</summary>
public sealed class MoveDto
{
    public string Kind { get; set; } = string.Empty;
    public string? Actor { get; set; }
    public string? Target { get; set; }
    public string? Sector { get; set; }
    public double? Rate { get; set; }
    public string? Domain { get; set; }
    public string? Level { get; set; }
    public bool? Active { get; set; }
    public string? ProposalId { get; set; }
    public string? NewProposalId { get; set; }
    public string? Agreement { get; set; }
    public string[]? Partners { get; set; }
    public TermsDto? Terms { get; set; }
    public bool? Accept { get; set; }
    public string? AgreementId { get; set; }
    public string? System { get; set; }
    public double? Value { get; set; }
    public int? DeliveryTurns { get; set; }
    public string? DeliveryId { get; set; }
    public string? Decision { get; set; }
    public double? VolumeMbd { get; set; }
    public double? Discount { get; set; }
    public bool? Join { get; set; }
    public string? Stance { get; set; }
    public string? Capacity { get; set; }
    public double? Amount { get; set; }
    public string? Bloc { get; set; }
}

/// <summary>A move's capital cost and what it does, before it is submitted; <see cref="Refusal"/> when it is malformed.</summary>
public sealed record PreviewDto(int Cost, string? Description, string? Refusal);

/// <summary>An ad hoc shock as the teacher writes it: one effect of the simple kinds.</summary>
public sealed record ShockDto(string Id, string Headline, string Body, ShockEffectDto[] Effects);

public sealed record ShockEffectDto(string Kind, string? Actor, string? Other, double? Delta, double? Fraction, string? Sector, int? Turns);

/// <summary>
/// What a session's creator (or a fork's) receives: the codes and passes to hand out. After the teacher's pass is
/// replaced <see cref="SpectatorPass"/> is null: the screen's pass is unchanged, and the session cannot hand it out again.
/// </summary>
public sealed record SessionPassesDto(string SessionId, string JoinCode, string TeacherPass, string? SpectatorPass);

/// <summary>A player's pass for one seat.</summary>
public sealed record SeatPassDto(string SessionId, string Country, string Pass);

/// <summary>Everything a page needs to draw itself after connecting or reconnecting.</summary>
/// <summary>A page's copy of a session. <see cref="History"/> holds the turns from index <see cref="HistoryFrom"/> on (all of them in a full snapshot).</summary>
public sealed record SnapshotDto(string Role, string? Country, StatusDto Status, TurnDto[] History, EventDto[] Events, ViewDto? View, NetworkDto? Network = null, int HistoryFrom = 0);

/// <summary>Maps contract records to the hub's wire records.</summary>
public static class Wire
{
    public static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public static StatusDto Status(SessionStatus s, ScenarioListing? scenario, DateTimeOffset now) => new(
        s.SessionId, s.ScenarioId, scenario?.Title ?? s.ScenarioId, s.JoinCode, s.Phase.ToString(), s.Turn, scenario?.Turns ?? 0, s.Date,
        s.Deadline is { } d ? Ms(d) : null, Ms(now), s.StateHash,
        [.. s.Seats.Select(x => new SeatDto(x.Country, x.OpenToPlayers, x.Player, x.Present, x.BotPlaying, x.Ready, x.Submitted))],
        s.ForkedFrom, s.LogLength, scenario is null ? [] : [.. scenario.Injects], s.ReadOnly);

    public static TurnDto Turn(TurnSummary t) => new(
        t.Turn, t.Date, t.StateHash,
        [.. t.Moves.Select(m => new VerdictDto(m.Move.Actor ?? string.Empty, m.Move.Kind, m.Description, m.Accepted, m.Cost, m.Reason))],
        [.. t.Shocks.Select(s => new ShockNoteDto(s.Id, s.Headline, [.. s.Notes]))],
        [.. t.News.Select(n => new NewsDto(n.Turn, n.Headline, n.Body, [.. n.Actors], n.Category))],
        [.. t.Changes.Select(c => new ChangeDto(c.Subject, c.Indicator, c.Before, c.After))],
        [.. t.Scores.Select(s => new ScoreDto(s.Actor, s.Prosperity, s.Security, s.EnergySecurity, s.Autonomy, s.Influence, s.Goals, s.Utility))]);

    public static EventDto Event(LoggedEvent entry, TurnSummary? outcome = null)
    {
        var e = new EventDto(entry.Sequence, Ms(entry.At), entry.By, entry.Event.GetType().Name, string.Empty, Outcome: outcome is null ? null : Turn(outcome));
        return entry.Event switch
        {
            MovesSubmitted m => e with { Turn = m.Turn, Country = m.Country, Text = $"{m.Country} submitted {m.Moves.Length} move(s)" },
            ReadinessChanged r => e with { Turn = r.Turn, Country = r.Country, Ready = r.Ready, Text = $"{r.Country} is {(r.Ready ? "ready" : "not ready")}" },
            MessageSent m => e with
            {
                Turn = m.Turn, Country = m.From, To = m.To, Message = m.Text,
                Text = m.To is null ? $"{m.From} to all: {m.Text}" : $"{m.From} wrote to {m.To}",
            },
            SeatAssigned s => e with { Country = s.Country, Player = s.Player, Text = $"{s.Player} took the seat of {s.Country}" },
            SeatFreed s => e with { Country = s.Country, Text = $"the seat of {s.Country} was freed" },
            PlayerLeft p => e with { Country = p.Country, Text = $"{p.Country}'s player left; the bot plays" },
            PlayerReturned p => e with { Country = p.Country, Text = $"{p.Country}'s player returned" },
            SessionStarted s => e with { DeadlineMs = Ms(s.Deadline), Text = "the session started" },
            SessionPaused => e with { Text = "the session is paused" },
            SessionResumed s => e with { DeadlineMs = Ms(s.Deadline), Text = "the session resumed" },
            DeadlineExtended d => e with { DeadlineMs = Ms(d.Deadline), Text = "the deadline was extended" },
            InjectFired i => e with { Turn = i.Turn, ShockId = i.ShockId, Text = $"inject fired: {i.AdHoc?.Headline ?? i.ShockId}" },
            TurnResolved t => e with { Turn = t.Turn, DeadlineMs = t.NextDeadline is { } n ? Ms(n) : null, Text = $"turn {t.Turn} resolved ({t.Cause})" },
            RolledBack r => e with { Turn = r.ToTurn, Text = $"rolled back to turn {r.ToTurn}" },
            ForkedInto f => e with { Turn = f.AtTurn, SessionId = f.SessionId, Text = $"forked at turn {f.AtTurn} into {f.SessionId}" },
            ForkedFrom f => e with { Turn = f.AtTurn, SessionId = f.SessionId, Text = $"forked from {f.SessionId} at turn {f.AtTurn}" },
            SessionEnded => e with { Text = "the session ended" },
            PassReplaced { Holder: PassHolder.Teacher } => e with { Text = "the teacher's pass was replaced" },
            PassReplaced => e with { Text = "the classroom screen's pass was replaced" },
            _ => e with { Text = entry.Event.GetType().Name },
        };
    }

    /// <summary>Whether an event may be shown to everyone in the session: a private message's text may not.</summary>
    public static bool IsPublic(LoggedEvent entry) => entry.Event is not MessageSent { To: not null };

    /// <summary>Whether <paramref name="country"/> may read the event (public, or a private message it sent or received).</summary>
    public static bool Concerns(LoggedEvent entry, string country) =>
        IsPublic(entry) || entry.Event is MessageSent m && (m.From == country || m.To == country);

    public static ViewDto View(CountryView v, CountryLedger? ledger = null) => new(
        v.Country, v.Name, v.Turn, v.Date, v.Gdp, v.Growth, v.Stability, v.Capital, v.Utility, v.BotPlaying,
        [.. v.Relations.Select(r => new RelationDto(r.Other, r.TrustIn, r.TrustFrom, r.ExportsTo, r.ImportsFrom))],
        [.. v.Proposals.Select(p => new ProposalDto(p.Id, p.Proposer, p.Agreement, [.. p.Parties], Terms(p.Terms), p.Turn, [.. p.AcceptedBy]))],
        v.Draft.IsDefault ? [] : [.. v.Draft.Select(Move)],
        ledger is null ? null : Ledger(ledger));

    public static LedgerDto Ledger(CountryLedger l) => new(
        [.. l.Trade.Select(t => new TradeLineDto(t.Partner, t.Sector, t.Exports, t.Imports))],
        new EnergyDto(l.Energy.Bill, l.Energy.BillShareOfGdp, l.Energy.NetOilImportsMbd, l.Energy.OilPrice, l.Energy.PriceCapMember,
            [.. l.Energy.DiscountedCrude.Select(c => new CrudeDto(c.Seller, c.VolumeMbd, c.Discount))]),
        [.. l.ArmsSuppliers.Select(a => new ArmsSupplierDto(a.Supplier, a.Share))],
        [.. l.Deliveries.Select(d => new DeliveryDto(d.Id, d.Buyer, d.Seller, d.System, d.Value, d.DueTurn, d.Status))],
        [.. l.Agreements.Select(g => new AgreementDto(g.Id, g.Kind, [.. g.Parties], Terms(g.Terms), g.SignedTurn, g.Status, g.Progress, g.Breaches, g.LastBreachedBy))]);

    public static NetworkDto Network(RelationsMap m) => new(
        m.Turn,
        [.. m.Actors.Select(a => new ActorNodeDto(a.Id, a.Name, a.Gdp))],
        [.. m.Links.Select(l => new RelationLinkDto(l.A, l.B, l.TrustAB, l.TrustBA, l.Trade))]);

    public static MovePreviewDto Preview(MovePreview p) => new(
        p.Description, p.Cost, p.Capital, p.Target,
        p.Effects.IsDefault ? [] : [.. p.Effects.Select(e => new EffectDto(e.Indicator, e.Without, e.With, e.Change))],
        p.Refusal);

    public static TermsDto Terms(AgreementTermsData? t) => t is null
        ? new TermsDto(null, null, null, null, null, null)
        : new TermsDto(t.TariffCeiling, t.TradeTarget, t.EnergyVolumeMbd, t.EnergyDiscount, t.MaxUsdShare, t.Supplier);

    public static MoveDto Move(MoveOrder m) => new()
    {
        Kind = m.Kind, Actor = m.Actor, Target = m.Target, Sector = m.Sector, Rate = m.Rate, Domain = m.Domain, Level = m.Level,
        Active = m.Active, ProposalId = m.ProposalId, NewProposalId = m.NewProposalId, Agreement = m.Agreement,
        Partners = m.Partners.IsDefault ? [] : [.. m.Partners], Terms = m.Terms is null ? null : Terms(m.Terms), Accept = m.Accept,
        AgreementId = m.AgreementId, System = m.System, Value = m.Value, DeliveryTurns = m.DeliveryTurns, DeliveryId = m.DeliveryId,
        Decision = m.Decision, VolumeMbd = m.VolumeMbd, Discount = m.Discount, Join = m.Join, Stance = m.Stance,
        Capacity = m.Capacity, Amount = m.Amount, Bloc = m.Bloc,
    };

    public static MoveOrder Order(MoveDto m) => new()
    {
        Kind = m.Kind ?? string.Empty, Actor = m.Actor, Target = m.Target, Sector = m.Sector, Rate = m.Rate, Domain = m.Domain, Level = m.Level,
        Active = m.Active, ProposalId = m.ProposalId, NewProposalId = m.NewProposalId, Agreement = m.Agreement,
        Partners = m.Partners is null ? [] : [.. m.Partners], Accept = m.Accept,
        Terms = m.Terms is { } t ? new AgreementTermsData(t.TariffCeiling, t.TradeTarget, t.EnergyVolumeMbd, t.EnergyDiscount, t.MaxUsdShare, t.Supplier) : null,
        AgreementId = m.AgreementId, System = m.System, Value = m.Value, DeliveryTurns = m.DeliveryTurns, DeliveryId = m.DeliveryId,
        Decision = m.Decision, VolumeMbd = m.VolumeMbd, Discount = m.Discount, Join = m.Join, Stance = m.Stance,
        Capacity = m.Capacity, Amount = m.Amount, Bloc = m.Bloc,
    };

    public static ImmutableArray<MoveOrder> Orders(MoveDto[]? moves) => moves is null ? [] : [.. moves.Select(Order)];

    public static ShockData Shock(ShockDto s) => new(
        s.Id, s.Headline, s.Body ?? string.Empty,
        s.Effects is null ? [] : [.. s.Effects.Select(e => new ShockEffectData
        {
            Kind = e.Kind, Actor = e.Actor, Other = e.Other, Delta = e.Delta, Fraction = e.Fraction, Sector = e.Sector, Turns = e.Turns,
        })]);
}
