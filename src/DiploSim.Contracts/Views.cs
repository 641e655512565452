using System.Collections.Immutable;

namespace DiploSim.Contracts;

/// <summary>
/// A player's dashboard: their country now, its relations, proposals waiting for it and their draft. Messages are not
/// in it: a page reads them with the log's events it lacks (<see cref="SessionSlice.Log"/>), so each arrives once.
/// </summary>
[GenerateSerializer, Immutable, Alias("diplosim.CountryView")]
public sealed record CountryView(
    string Country,
    string Name,
    int Turn,
    string Date,
    double Gdp,
    double Growth,
    double Stability,
    int Capital,
    double Utility,
    bool BotPlaying,
    ImmutableArray<RelationView> Relations,
    ImmutableArray<ProposalView> Proposals,
    ImmutableArray<MoveOrder> Draft,
    ImmutableArray<AnnouncedTariff> Announced);

/// <summary>
/// A seat's whole dashboard, read in one call: its view and its ledger. The session fills the view's draft with the
/// moves submitted this turn; the country grain replaces it with the player's saved draft.
/// </summary>
[GenerateSerializer, Immutable, Alias("diplosim.SeatDashboard")]
public sealed record SeatDashboard(CountryView View, CountryLedger Ledger);

/// <summary>The country's ties with one other actor.</summary>
/// <param name="TrustIn">The country's trust in <paramref name="Other"/>.</param>
/// <param name="TrustFrom"><paramref name="Other"/>'s trust in the country.</param>
/// <param name="ExportsTo">The country's exports to the other, USD bn/yr.</param>
/// <param name="ImportsFrom">The country's imports from the other, USD bn/yr.</param>
/// <param name="Tariffs">
/// The country's tariff rates on goods from the other, one per <see cref="DiploSim.Core.Sector"/> in the order of its values
/// (0.25 = 25%): what a new tariff would raise or cut. Public, as tariffs are.
/// </param>
/// <param name="TariffsFrom">
/// <paramref name="Other"/>'s tariff rates on the country's goods, in the same order: what a player weighs before
/// retaliating or offering a cut. Public too.
/// </param>
[GenerateSerializer, Immutable, Alias("diplosim.RelationView")]
public sealed record RelationView(string Other, double TrustIn, double TrustFrom, double ExportsTo, double ImportsFrom, ImmutableArray<double> Tariffs, ImmutableArray<double> TariffsFrom);

/// <summary>A proposal that involves the country.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.ProposalView")]
public sealed record ProposalView(string Id, string Proposer, string Agreement, ImmutableArray<string> Parties, AgreementTermsData Terms, int Turn, ImmutableArray<string> AcceptedBy);

/// <summary>
/// A tariff announced and not yet in force (Core's pending <c>TariffAnnouncement</c>): public, as governments announce
/// them, so every page may show every one. A world holds at most one per importer, exporter and goods.
/// </summary>
/// <param name="Importer">The country that will charge it.</param>
/// <param name="Exporter">The country whose goods it taxes.</param>
/// <param name="Sector">A name of Core's <see cref="DiploSim.Core.Sector"/>; null: all goods.</param>
/// <param name="Rate">The rate it sets when it lands (0.25 = 25%).</param>
/// <param name="EffectiveTurn">The turn it takes effect in.</param>
[GenerateSerializer, Immutable, Alias("diplosim.AnnouncedTariff")]
public sealed record AnnouncedTariff(string Importer, string Exporter, string? Sector, double Rate, int EffectiveTurn);
