namespace DiploSim.Core;

/// <summary>
/// The version of the model's rules: what a world, a shock script and moves resolve to, and how a world is hashed.
/// A session stores the version it was played under; when a server replays a stored session under another version
/// and a turn resolves differently, the session opens read-only with the reason instead of being played on under
/// rules it was not played under.
/// </summary>
/// <remarks>
/// Bump <see cref="Current"/> in the same change as anything that makes the same inputs give another state or
/// another hash: a new or changed formula, a parameter's default, a bot's choice, a field of the state. Say in
/// docs/deployment.md (upgrades) what the new version changed. Versions: 1, the releases before sessions recorded
/// it, whose hash left out actors' interests, doctrines, scores and reference values, relations' reference values
/// and the reserve issuer (<see cref="StateHash.ComputeVersion1"/>); 2 hashes every field, and its bots keep rules of
/// conduct, oil supply shocks fade and trade adjusts over years instead of quarters; 3 delivers contracted crude from
/// the quarter it is bought instead of at the pace of trade; 4's bots value slow moves over the turns left in the run,
/// once a year, and propose corridors; 5 prices a supply loss the market expects before it happens
/// (<see cref="OilOutlookEffect"/>, <see cref="State.ModelParameters.OilExpectationHalfLife"/>), which the hash takes in,
/// and crude a country buys displaces its other suppliers' energy instead of adding to it; its investment in export
/// promotion returns sourced yearly exports per dollar, so bots invest while a run has quarters left for it to pay, and
/// the horizon of the bots' slow moves is a set of model parameters (hashed with the others); 6 gives the oil market a
/// demand side: a shock may add world demand the market has yet to meet (<see cref="OilDemandEffect"/>), which the price
/// weighs like lost supply and which fades as producers and demand respond, and the hash takes in that demand; it also has
/// purchase halts (<see cref="PurchaseHaltEffect"/>: a buyer's state buyers withhold a share of a flow while the halt
/// holds, and it is back at once when it lifts), which the hash takes in while one is in force; 7 lets a doctrine bar tariff rises nobody provoked
/// (<see cref="State.RedLine.BeyondAnswer"/>: China's bots answer tariffs in kind and start none), which the hash takes in;
/// weighs a signed agreement's trust by its kind (<see cref="Domain.PoliticalWeight"/>: a corridor half, a visa
/// arrangement a quarter and unnoticed by rivals); counts only trust short of a relationship goal in the goals score; and
/// lets a corridor lift the goods its partners trade, not their crude and gas; 8 lets that red line bar unprovoked
/// tariff cuts too (a government that answers in kind starts no preference either), so China's bots no longer lower
/// a tariff below the rate every WTO member pays unless the partner lowered its own first; and charges a breach of
/// an agreement once, when it begins, not for every turn it goes on (<see cref="State.Agreement.InBreach"/>, which the
/// hash takes in); 9's bots judge an agreement that is built or phased in (a corridor, co-production, civil nuclear
/// cooperation, a free-trade agreement) over <see cref="State.ModelParameters.BuildTurns"/> turns more than their other
/// slow moves, so that they see it built before they hold its gain, and India takes up the corridors Russia offers;
/// 10 lets an actor keep sectors out of its free-trade agreements (<see cref="State.ActorState.FreeTradeExclusions"/>:
/// India's farm goods), whose tariffs an agreement's ceiling then neither lowers nor holds down, which the hash takes
/// in when an actor has some; 11 lets a world name the routes a connectivity corridor can follow
/// (<see cref="State.GlobalState.Routes"/>: the library's are the north–south and Chennai–Vladivostok routes between India
/// and Russia, the India–Middle East–Europe corridor and the Northern Sea Route), so a corridor elsewhere (between the
/// United States and the EU, say) is refused and no bot proposes one, which the hash takes in when a world has routes;
/// 12 lets trust and a strategic partnership lift a pair's goods and no longer its energy, so a government that trusts
/// its oil supplier more no longer imports more oil in all, at a higher bill; 13 lets a world give a sector's flows,
/// or one pair's, a season (<see cref="State.GlobalState.Seasons"/>: each quarter's share of the year, as US farm goods
/// ship to China unevenly over a year), which a quarter's flow follows and the hash takes in when a world has
/// some; a world without seasons resolves and hashes as under version 12; 14 lets a world state how tight its oil
/// market is (<see cref="State.GlobalState.OilTightness"/>: how much of the cushion that offsets shocks, OPEC's spare
/// capacity, is missing), in which the price responds to the same imbalance up to
/// <see cref="State.ModelParameters.OilTightMarketFactor"/> times as much, and which the hash takes in when a world's
/// market is tight; a world whose market is not resolves and hashes as under version 13; 15 lets a world's shocks buy goods
/// other than crude (<see cref="PurchaseEffect"/>: coal, pipeline gas, LNG and fertiliser, <see cref="Good"/>), each at
/// the unit value its purchase states rather than the oil price, and a pair's purchases in a sector add up, crude's
/// contracted value included, under that sector's flow instead of crude's value alone holding the pair's energy; the
/// hash takes purchases in while one is in force (<see cref="State.WorldState.Purchases"/>), so a world without one
/// resolves and hashes as under version 14 (oil products, <see cref="Good.OilProducts"/>, joined those goods later in
/// version 15: a world that buys none resolves and hashes as before they did). Version 15 also lets a shock announce a
/// tariff before it takes effect (<see cref="TariffAnnouncementEffect"/>, withdrawn by <see cref="TariffWithdrawalEffect"/>):
/// until it lands importers buy part of what it is expected to cut ahead (<see cref="State.ModelParameters.FrontRunShare"/>),
/// and after it lands or is withdrawn those goods come back out of their imports
/// (<see cref="State.WorldState.TariffAnnouncements"/>, which the hash takes in while one is pending or being drawn down);
/// a world with no announced tariff resolves and hashes as under version 14; 16 lets a country's own tariff move be
/// announced ahead (<see cref="SetTariff.InTurns"/>), and a tariff move on goods its country has a pending announcement
/// for replaces that announcement, which is withdrawn, where under 15 both stood and the announcement still landed; a
/// world where no tariff move meets a pending announcement resolves and hashes as under version 15.
/// </remarks>
public static class ModelVersion
{
    /// <summary>The version this build resolves and hashes by.</summary>
    public const int Current = 16;

    /// <summary>The version of a session stored before sessions recorded one.</summary>
    public const int Unrecorded = 1;
}
