using System.Collections.Immutable;
using DiploSim.Core.State;

namespace DiploSim.Core.Worlds;

/// <summary>
/// The baseline world built in code: India, Russia, China, the United States and the European Union in
/// 2025-Q4, on the eve of the 23rd India–Russia Annual Summit, calibrated from public 2024–25 figures.
/// Flows are USD bn per year in sector order (energy, defence, agriculture, pharma, industrial, technology,
/// other); bilateral totals match the sources, sector splits are approximate shares of the same sources.
/// </summary>
public static class BaselineWorld
{
    public const string India = "IND";
    public const string Russia = "RUS";
    public const string China = "CHN";
    public const string UnitedStates = "USA";
    public const string EuropeanUnion = "EU";

    /// <summary>The calibrated turn-0 world with the given seed.</summary>
    public static WorldState Create(ulong seed = 1, ModelParameters? parameters = null)
    {
        var b = new WorldBuilder()
            .Calendar(2025, 4, 4)
            .Seed(seed)
            .Parameters(parameters ?? new ModelParameters())
            // Brent ≈ $63/bbl in Nov 2025; world supply ≈ 106 mb/d (IEA Oil Market Report 2025).
            // Price cap $47.60 on Russian crude: EU 18th package, Jul 2025.
            .Global(new WorldBuilder.GlobalSpec(63, 106, 55, 47.6, [Russia], UnitedStates));

        // GDP: IMF World Economic Outlook, Oct 2025, 2025 estimates (rounded). Oil: Energy Institute
        // Statistical Review 2025 (2024, incl. NGLs). Capability and industry indices are DiploSim's own
        // 0–100 / 0–1 scales; arms-import needs follow SIPRI's 2020–24 volumes (approximate).
        b.Actor(new ActorSpec(India, "India", 4125, 0.065, 0.7, 5.6, 48, 5.0, 0.35, 68,
            Interests(0.30, 0.20, 0.20, 0.20, 0.10, (Russia, 60, 100), (UnitedStates, 50, null), (China, 0, null), (EuropeanUnion, 50, null)),
            Doctrine(0.3, 0.5,
                [MoveKind.HoldSummit, MoveKind.MakeStatement, MoveKind.BuyDiscountedCrude, MoveKind.OrderArms, MoveKind.Diversify, MoveKind.Invest, MoveKind.ProposeAgreement, MoveKind.AnswerProposal, MoveKind.SetTariff],
                [new RedLine(MoveKind.SetSanction, Russia), new RedLine(MoveKind.SetPriceCapStance), new RedLine(MoveKind.SetBlocMembership, OnlyEasing: true)])));
        b.Actor(new ActorSpec(Russia, "Russia", 2200, 0.010, 11.0, 3.7, 68, 0.3, 0.75, 60,
            Interests(0.25, 0.25, 0.10, 0.15, 0.25, (India, 70, 100), (China, 60, null), (UnitedStates, 0, null), (EuropeanUnion, -20, null)),
            Doctrine(0.6, 0.5,
                [MoveKind.HoldSummit, MoveKind.MakeStatement, MoveKind.ProposeAgreement, MoveKind.AnswerProposal, MoveKind.DecideDelivery, MoveKind.SetSanction, MoveKind.Invest],
                [new RedLine(MoveKind.SetSanction, India), new RedLine(MoveKind.SetSanction, China)])));
        b.Actor(new ActorSpec(China, "China", 19400, 0.045, 4.3, 16.4, 72, 1.5, 0.80, 65,
            Interests(0.35, 0.15, 0.15, 0.15, 0.20, (Russia, 50, null), (India, 10, null), (UnitedStates, 0, null), (EuropeanUnion, 30, null)),
            Doctrine(0.5, 0.5,
                [MoveKind.SetTariff, MoveKind.MakeStatement, MoveKind.HoldSummit, MoveKind.Invest, MoveKind.BuyDiscountedCrude, MoveKind.ProposeAgreement, MoveKind.AnswerProposal, MoveKind.SetSanction],
                [new RedLine(MoveKind.SetSanction, Russia)])));
        b.Actor(new ActorSpec(UnitedStates, "United States", 30600, 0.020, 20.1, 20.5, 100, 2.0, 0.95, 45,
            Interests(0.30, 0.25, 0.05, 0.10, 0.30, (India, 50, null), (Russia, -20, null), (China, -30, null), (EuropeanUnion, 60, null)),
            Doctrine(0.7, 0.5,
                [MoveKind.SetTariff, MoveKind.SetSanction, MoveKind.ThreatenSecondarySanctions, MoveKind.MakeStatement, MoveKind.HoldSummit, MoveKind.ProposeAgreement, MoveKind.AnswerProposal, MoveKind.Invest],
                [new RedLine(MoveKind.SetBlocMembership)]),
            PriceCapMember: true));
        b.Actor(new ActorSpec(EuropeanUnion, "European Union", 20000, 0.012, 0.4, 10.3, 55, 12.0, 0.70, 55,
            Interests(0.35, 0.20, 0.20, 0.10, 0.15, (India, 50, null), (Russia, -50, null), (China, 0, null), (UnitedStates, 50, null)),
            Doctrine(0.4, 0.5,
                [MoveKind.SetSanction, MoveKind.MakeStatement, MoveKind.HoldSummit, MoveKind.ProposeAgreement, MoveKind.AnswerProposal, MoveKind.Diversify, MoveKind.Invest, MoveKind.SetTariff],
                [new RedLine(MoveKind.SetSanction, Russia, OnlyEasing: true), new RedLine(MoveKind.BuyDiscountedCrude, Russia), new RedLine(MoveKind.SetPriceCapStance, OnlyEasing: true)]),
            PriceCapMember: true));

        // India–Russia, FY2024-25: $68.7bn; India's exports ≈ $4.9bn, imports ≈ $63.8bn (Indian commerce ministry, Aug 2025).
        b.Exports(Russia, India, 55.0, 1.2, 2.5, 0.0, 1.5, 0.3, 3.3);
        b.Exports(India, Russia, 0.0, 0.0, 0.8, 0.6, 1.6, 0.5, 1.4);
        // India–US, FY2024-25: $131.8bn; exports $86.5bn, imports $45.3bn (commerce ministry via PTI).
        b.Exports(India, UnitedStates, 5.5, 0.0, 6.0, 10.5, 22.0, 14.0, 28.5);
        b.Exports(UnitedStates, India, 14.0, 1.0, 2.5, 0.8, 9.0, 8.0, 10.0);
        // India–China, FY2024-25: $127.7bn; imports $113.5bn, exports $14.3bn (same).
        b.Exports(India, China, 1.0, 0.0, 2.0, 0.5, 3.0, 0.5, 7.3);
        b.Exports(China, India, 0.5, 0.0, 2.0, 8.0, 38.0, 40.0, 25.0);
        // Russia–China, 2024: $244.8bn (China customs); Russia's exports ≈ $129.3bn, China's ≈ $115.5bn.
        b.Exports(Russia, China, 95.0, 1.0, 6.0, 0.0, 8.0, 0.0, 19.3);
        b.Exports(China, Russia, 0.0, 0.0, 3.0, 1.0, 55.0, 30.0, 26.5);
        // US–China, 2024: $688.3bn (China customs); China's exports $524.7bn, imports $163.6bn.
        b.Exports(China, UnitedStates, 1.0, 0.0, 6.0, 8.0, 170.0, 180.0, 159.7);
        b.Exports(UnitedStates, China, 16.0, 0.0, 29.0, 10.0, 40.0, 35.0, 33.6);
        // EU–Russia, 2024: imports €35.9bn ≈ $39bn, exports €31.5bn ≈ $34bn (Eurostat).
        b.Exports(Russia, EuropeanUnion, 24.0, 0.0, 3.0, 0.0, 6.0, 0.0, 6.0);
        b.Exports(EuropeanUnion, Russia, 0.0, 0.0, 5.0, 8.0, 12.0, 2.0, 7.0);
        // EU–India, FY2024-25: India's exports $75.9bn, imports $60.7bn (commerce ministry).
        b.Exports(India, EuropeanUnion, 15.0, 0.0, 5.0, 6.0, 20.0, 8.0, 21.9);
        b.Exports(EuropeanUnion, India, 0.0, 2.0, 1.5, 3.0, 30.0, 12.0, 12.2);
        // EU–US, 2024: EU exports €532bn ≈ $575bn, imports €334bn ≈ $370bn (Eurostat).
        b.Exports(EuropeanUnion, UnitedStates, 10.0, 5.0, 35.0, 130.0, 220.0, 60.0, 115.0);
        b.Exports(UnitedStates, EuropeanUnion, 80.0, 15.0, 15.0, 50.0, 90.0, 60.0, 60.0);
        // EU–China, 2024: imports €517bn ≈ $560bn, exports €213bn ≈ $230bn (Eurostat).
        b.Exports(China, EuropeanUnion, 0.0, 0.0, 10.0, 10.0, 200.0, 190.0, 150.0);
        b.Exports(EuropeanUnion, China, 0.0, 0.0, 15.0, 30.0, 110.0, 40.0, 35.0);
        // US–Russia, 2024: imports ≈ $3.0bn (fertiliser, metals), exports ≈ $0.5bn (US Census).
        b.Exports(Russia, UnitedStates, 0.0, 0.0, 1.2, 0.0, 0.0, 0.0, 1.8);
        b.Exports(UnitedStates, Russia, 0.0, 0.0, 0.0, 0.3, 0.0, 0.0, 0.2);

        // US tariffs on India: 25% reciprocal (7 Aug 2025) + 25% for Russian oil purchases (27 Aug 2025) = 50%;
        // pharma, electronics and energy exempt (US executive orders).
        b.Tariff(UnitedStates, India, Sector.Agriculture, 0.50).Tariff(UnitedStates, India, Sector.Industrial, 0.50).Tariff(UnitedStates, India, Sector.Other, 0.50);
        // US–China after the Busan meeting (Nov 2025): roughly 35% on most Chinese goods; China ≈ 20% on US goods (approximate averages).
        b.Tariff(UnitedStates, China, null, 0.35).Tariff(UnitedStates, China, Sector.Energy, 0.10).Tariff(UnitedStates, China, Sector.Agriculture, 0.25).Tariff(UnitedStates, China, Sector.Pharma, 0.10);
        b.Tariff(China, UnitedStates, null, 0.20).Tariff(China, UnitedStates, Sector.Agriculture, 0.25);
        // US–EU framework (Jul 2025): a 15% ceiling on most EU goods; EU industrial tariffs on US goods removed.
        b.Tariff(UnitedStates, EuropeanUnion, null, 0.15).Tariff(UnitedStates, EuropeanUnion, Sector.Energy, 0).Tariff(UnitedStates, EuropeanUnion, Sector.Defence, 0);
        b.Tariff(EuropeanUnion, UnitedStates, null, 0.02).Tariff(EuropeanUnion, UnitedStates, Sector.Agriculture, 0.08).Tariff(EuropeanUnion, UnitedStates, Sector.Energy, 0);
        // Russia lost normal trade relations with the US in 2022: column-2 rates, ≈ 35%.
        b.Tariff(UnitedStates, Russia, null, 0.35);
        // MFN averages (WTO tariff profiles, approximate).
        foreach (var partner in new[] { Russia, China, UnitedStates, EuropeanUnion })
        {
            b.Tariff(India, partner, null, 0.12).Tariff(India, partner, Sector.Agriculture, 0.35).Tariff(India, partner, Sector.Energy, 0.05).Tariff(India, partner, Sector.Defence, 0);
        }

        foreach (var partner in new[] { India, China, UnitedStates, EuropeanUnion })
        {
            b.Tariff(Russia, partner, null, 0.06);
        }

        foreach (var partner in new[] { India, Russia, EuropeanUnion })
        {
            b.Tariff(China, partner, null, 0.07);
        }

        foreach (var partner in new[] { India, China, Russia })
        {
            b.Tariff(EuropeanUnion, partner, null, 0.04).Tariff(EuropeanUnion, partner, Sector.Agriculture, 0.10).Tariff(EuropeanUnion, partner, Sector.Energy, 0);
        }

        // Sanctions on Russia: EU 18th (Jul 2025) and 19th (Oct 2025) packages; US Treasury (incl. Rosneft
        // and Lukoil, Oct 2025); Russia's counter-sanctions. US export controls on China and China's
        // rare-earth controls.
        b.Sanction(EuropeanUnion, Russia, SanctionDomain.Trade, SanctionLevel.Sectoral)
            .Sanction(EuropeanUnion, Russia, SanctionDomain.Finance, SanctionLevel.Comprehensive)
            .Sanction(EuropeanUnion, Russia, SanctionDomain.Energy, SanctionLevel.Sectoral)
            .Sanction(EuropeanUnion, Russia, SanctionDomain.Technology, SanctionLevel.Comprehensive)
            .Sanction(UnitedStates, Russia, SanctionDomain.Trade, SanctionLevel.Targeted)
            .Sanction(UnitedStates, Russia, SanctionDomain.Finance, SanctionLevel.Comprehensive)
            .Sanction(UnitedStates, Russia, SanctionDomain.Energy, SanctionLevel.Sectoral)
            .Sanction(UnitedStates, Russia, SanctionDomain.Technology, SanctionLevel.Comprehensive)
            .Sanction(Russia, EuropeanUnion, SanctionDomain.Trade, SanctionLevel.Targeted)
            .Sanction(Russia, EuropeanUnion, SanctionDomain.Finance, SanctionLevel.Targeted)
            .Sanction(Russia, UnitedStates, SanctionDomain.Trade, SanctionLevel.Targeted)
            .Sanction(Russia, UnitedStates, SanctionDomain.Finance, SanctionLevel.Targeted)
            .Sanction(UnitedStates, China, SanctionDomain.Technology, SanctionLevel.Sectoral)
            .Sanction(China, UnitedStates, SanctionDomain.Technology, SanctionLevel.Targeted)
            .SecondaryThreat(UnitedStates, Russia);

        // Trust, −100..100: DiploSim's reading of 2025 relations (not a measured series).
        b.Trust(India, Russia, 60, 55).Trust(India, UnitedStates, 10, 15).Trust(India, China, -40, -30).Trust(India, EuropeanUnion, 30, 30)
            .Trust(Russia, China, 50, 45).Trust(Russia, UnitedStates, -50, -45).Trust(Russia, EuropeanUnion, -70, -80)
            .Trust(China, UnitedStates, -45, -50).Trust(China, EuropeanUnion, 0, -15)
            .Trust(UnitedStates, EuropeanUnion, 35, 30);

        // Arms imports, SIPRI 2025 (2020–24): India — Russia 36%, France 33%, US ≈ 5%; China — mostly Russia;
        // European NATO — 64% from the US.
        b.ArmsShare(India, Russia, 0.36).ArmsShare(India, EuropeanUnion, 0.33).ArmsShare(India, UnitedStates, 0.05)
            .ArmsShare(China, Russia, 0.77).ArmsShare(China, EuropeanUnion, 0.10)
            .ArmsShare(EuropeanUnion, UnitedStates, 0.64)
            .ArmsShare(UnitedStates, EuropeanUnion, 0.30);

        // Settlement: India–Russia "over 90%" in national currencies (Russian ministry); Russia–China ≈ 95% in
        // roubles and yuan (Kremlin statements, 2024); others mostly dollars or euros (approximate).
        b.Settlement(India, Russia, 0.10).Settlement(Russia, China, 0.05).Settlement(India, UnitedStates, 0.95)
            .Settlement(India, China, 0.85).Settlement(China, UnitedStates, 0.95).Settlement(India, EuropeanUnion, 0.45)
            .Settlement(Russia, EuropeanUnion, 0.20).Settlement(Russia, UnitedStates, 0.90).Settlement(China, EuropeanUnion, 0.45)
            .Settlement(UnitedStates, EuropeanUnion, 0.50);

        // Discounted Russian crude: ≈ 39% of India's crude imports (Apr–Sep 2024, Vortexa), ≈ 1.7 mb/d;
        // China ≈ 2.1 mb/d (seaborne and pipeline, Kpler 2024); Urals discounts ≈ 5% in late 2025.
        b.Crude(India, Russia, 1.7, 0.05).Crude(China, Russia, 2.1, 0.05);

        // Agreements of the article and their peers.
        b.Agreement("ind-rus-special-partnership", AgreementKind.StrategicPartnership, [India, Russia])   // 2000, elevated 2010
            .Agreement("relos", AgreementKind.Logistics, [India, Russia])                                   // signed Feb 2025
            .Agreement("ind-rus-rupee-rouble", AgreementKind.LocalCurrencySettlement, [India, Russia], new AgreementTerms(MaxUsdShare: 0.1))
            .Agreement("brahmos", AgreementKind.DefenceCoProduction, [Russia, India], progress: 0.5)
            .Agreement("rosneft-reliance", AgreementKind.EnergyContract, [Russia, India], new AgreementTerms(EnergyVolumeMbd: 0.5, EnergyDiscount: 0.03, Supplier: Russia)) // Dec 2024, 10 years
            .Agreement("chn-rus-partnership", AgreementKind.StrategicPartnership, [China, Russia])
            .Agreement("chn-rus-settlement", AgreementKind.LocalCurrencySettlement, [China, Russia], new AgreementTerms(MaxUsdShare: 0.05))
            .Agreement("espo-pipeline", AgreementKind.EnergyContract, [Russia, China], new AgreementTerms(EnergyVolumeMbd: 0.6, EnergyDiscount: 0.03, Supplier: Russia))
            .Agreement("usa-eu-framework", AgreementKind.FreeTrade, [UnitedStates, EuropeanUnion], new AgreementTerms(TariffCeiling: 0.15))
            .Agreement("ind-usa-partnership", AgreementKind.StrategicPartnership, [India, UnitedStates])
            .Agreement("ind-eu-partnership", AgreementKind.StrategicPartnership, [India, EuropeanUnion]);

        // Pending deliveries: the last two S-400 regiments (stalled), MQ-9B drones (2024 deal), Rafale-M (Apr 2025 deal).
        b.Delivery("s400-regiment-4", India, Russia, "S-400 regiment 4", 1.1, 2, DeliveryStatus.Delayed)
            .Delivery("s400-regiment-5", India, Russia, "S-400 regiment 5", 1.1, 6, DeliveryStatus.Delayed)
            .Delivery("mq9b", India, UnitedStates, "MQ-9B drones", 3.5, 12)
            .Delivery("rafale-m", India, EuropeanUnion, "Rafale-M fighters", 7.4, 16)
            .Delivery("f35-europe", EuropeanUnion, UnitedStates, "F-35 batch", 8.0, 4);

        b.Bloc("BRICS", India, Russia, China).Bloc("SCO", India, Russia, China).Bloc("Quad", India, UnitedStates)
            .Bloc("G7", UnitedStates, EuropeanUnion).Bloc("EAEU", Russia).Bloc("NATO", UnitedStates, EuropeanUnion);

        var built = b.Build();
        return built.Value ?? throw new InvalidOperationException(built.Error);
    }

    internal static Interests Interests(double prosperity, double security, double energy, double autonomy, double influence, params (string Target, double Trust, double? Trade)[] goals) =>
        new(prosperity, security, energy, autonomy, influence, 0.2, [.. goals.Select(g => new RelationshipGoal(g.Target, g.Trust, g.Trade))]);

    internal static Doctrine Doctrine(double risk, double temperature, ImmutableArray<MoveKind> favoured, ImmutableArray<RedLine> redLines) =>
        new(favoured, redLines, risk, temperature);
}
