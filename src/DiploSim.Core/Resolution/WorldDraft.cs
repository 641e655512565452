using System.Collections.Immutable;
using System.Runtime.InteropServices;
using DiploSim.Core.State;

namespace DiploSim.Core.Resolution;

/// <summary>
/// The world while one turn resolves: the same records as <see cref="WorldState"/> in arrays the phases
/// replace element by element, frozen back into an immutable state at the end.
/// </summary>
internal sealed class WorldDraft
{
    /// <remarks>
    /// The arrays and lists are those of the draft this thread released last (<see cref="Release"/>) when its world had
    /// as many actors, refilled: a bot's look-ahead makes dozens of drafts a turn and lets each go once it has read it.
    /// </remarks>
    public WorldDraft(WorldState state)
    {
        Source = state;
        N = state.Actors.Length;
        var spare = t_spareDraft is { } released && released.N == N ? released : null;
        t_spareDraft = null;
        Actors = spare?.Actors ?? new ActorState[N];
        state.Actors.CopyTo(Actors);
        Relations = spare?.Relations ?? new RelationState[state.Relations.Length];
        state.Relations.CopyTo(Relations);
        Agreements = Fill(spare?.Agreements, state.Agreements);
        Proposals = Fill(spare?.Proposals, state.Proposals);
        Deliveries = Fill(spare?.Deliveries, state.Deliveries);
        Contacts = Fill(spare?.Contacts, []);
        PurchaseHalts = Fill(spare?.PurchaseHalts, state.PurchaseHalts);
        Purchases = Fill(spare?.Purchases, state.Purchases);
        TariffAnnouncements = Fill(spare?.TariffAnnouncements, state.TariffAnnouncements);
        Global = state.Global;
        Parameters = state.Parameters;
    }

    /// <summary>A list of <paramref name="items"/> (none when default): <paramref name="list"/> emptied and refilled, or a new one.</summary>
    private static List<T> Fill<T>(List<T>? list, ImmutableArray<T> items)
    {
        if (list is null)
        {
            return items.IsDefault ? [] : [.. items];
        }

        list.Clear();
        foreach (var item in items.IsDefault ? [] : items)
        {
            list.Add(item);
        }

        return list;
    }

    public WorldState Source { get; }

    public int N { get; }

    public int Turn => Source.Turn;

    public ActorState[] Actors { get; }

    public RelationState[] Relations { get; }

    public List<Agreement> Agreements { get; }

    public List<Proposal> Proposals { get; }

    public List<ArmsDelivery> Deliveries { get; }

    /// <summary>Shocks that have fired, this turn's included; null until one fires this turn (then a copy of the source's).</summary>
    private List<FiredShock>? _firedShocks;

    /// <summary>Records a shock that fires this turn.</summary>
    public void Fired(FiredShock shock) => (_firedShocks ??= [.. Source.FiredShocks]).Add(shock);

    /// <summary>Purchase halts in force, in the order they were imposed.</summary>
    public List<PurchaseHalt> PurchaseHalts { get; }

    /// <summary>Purchases in force of goods other than crude, in the order they were first made.</summary>
    public List<GoodsPurchase> Purchases { get; }

    /// <summary>Tariffs announced ahead of their effect, and those whose early purchases are being drawn down, in the order announced.</summary>
    public List<TariffAnnouncement> TariffAnnouncements { get; }

    /// <summary>Contacts made this turn, added to the world's memory when it freezes.</summary>
    public List<Contact> Contacts { get; }

    public void Contact(ContactKind kind, int actor, int other, AgreementKind? agreement = null) =>
        Contacts.Add(new Contact(kind, Actors[actor].Id, Actors[other].Id, Turn, agreement, kind == ContactKind.Refusal ? Rel(actor, other).Trust : 0));

    public GlobalState Global { get; set; }

    public ModelParameters Parameters { get; }

    public int IndexOf(string id)
    {
        for (var i = 0; i < Actors.Length; i++)
        {
            if (string.Equals(Actors[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public RelationState Rel(int from, int to) => Relations[(from * N) + to];

    /// <summary>
    /// Whether a recomputed number is the one already held, bit for bit (so 0 and −0 differ, as they do in the state's
    /// hash): a phase then keeps the record it has instead of copying it with the same value. Look-aheads resolve
    /// dozens of worlds a turn, and most of their actors' and relations' slow figures do not move in a given one.
    /// </summary>
    public static bool Same(double value, double held) => BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(held);

    public void SetRel(int from, int to, RelationState relation) => Relations[(from * N) + to] = relation;

    // A relation, actor or global record that is neither the source's nor in a world this draft has frozen into was
    // made by this draft since (every phase writes a copy, `with`), and nothing else holds it: the setters below write
    // such a record in place and copy any other, so no world's records are ever written. Look-aheads resolve dozens of
    // worlds a turn, and a record that trade or the economy has already copied is moved again by defence, politics and
    // scoring.

    /// <summary>From's trust in To.</summary>
    public void SetTrust(int from, int to, double trust)
    {
        var i = (from * N) + to;
        if (MadeRelation(i))
        {
            Relations[i].WriteTrust(trust);
        }
        else
        {
            Relations[i] = Relations[i] with { Trust = trust };
        }
    }

    /// <summary>The dollar-settled share of From–To trade.</summary>
    public void SetUsdShare(int from, int to, double share)
    {
        var i = (from * N) + to;
        if (MadeRelation(i))
        {
            Relations[i].WriteUsdShare(share);
        }
        else
        {
            Relations[i] = Relations[i] with { UsdShare = share };
        }
    }

    public void SetMilitaryCapability(int a, double capability)
    {
        if (MadeActor(a))
        {
            Actors[a].WriteMilitaryCapability(capability);
        }
        else
        {
            Actors[a] = Actors[a] with { MilitaryCapability = capability };
        }
    }

    public void SetScores(int a, ScoreCard scores)
    {
        if (MadeActor(a))
        {
            Actors[a].WriteScores(scores);
        }
        else
        {
            Actors[a] = Actors[a] with { Scores = scores };
        }
    }

    public void SetDollarShare(double share)
    {
        if (MadeGlobal())
        {
            Global.WriteDollarShare(share);
        }
        else
        {
            Global = Global with { DollarShare = share };
        }
    }

    private bool MadeRelation(int i) =>
        !ReferenceEquals(Relations[i], Source.Relations[i]) && (_frozen is null || !ReferenceEquals(Relations[i], _frozen.Relations[i]));

    private bool MadeActor(int a) =>
        !ReferenceEquals(Actors[a], Source.Actors[a]) && (_frozen is null || !ReferenceEquals(Actors[a], _frozen.Actors[a]));

    private bool MadeGlobal() =>
        !ReferenceEquals(Global, Source.Global) && (_frozen is null || !ReferenceEquals(Global, _frozen.Global));

    /// <summary>
    /// An array for a relation's new exports, every sector of which the caller writes: one that a draft of this thread
    /// let go (<see cref="Release"/>), or a new one.
    /// </summary>
    public double[] NewExports() => t_spareExports is { Count: > 0 } spare ? spare.Pop() : new double[Domain.SectorCount];

    /// <summary>
    /// Hands the export arrays this draft made, and its own arrays and lists, to this thread's next drafts, when the
    /// caller has read what it wanted (a bot's look reads one score) and lets the draft go: no one reads the draft again,
    /// and no world holds them (a world frozen from it has copies of its arrays and lists). A bot looks at dozens of
    /// moves a turn, each with a new array of exports for every pair. A draft that was frozen
    /// keeps them, since the world it froze into holds them, unless <paramref name="frozenWorldLetGo"/>: that world too
    /// is read no more (a look further ahead was resolved from it and read, and is let go as well).
    /// </summary>
    public void Release(bool frozenWorldLetGo = false)
    {
        if ((_frozen is not null && !frozenWorldLetGo) || _released)
        {
            return;
        }

        _released = true;

        var spare = t_spareExports ??= new Stack<double[]>();
        for (var i = 0; i < Relations.Length; i++)
        {
            var exports = Relations[i].Exports;
            if (exports != Source.Relations[i].Exports && spare.Count < MaxSpareExports)
            {
                spare.Push(ImmutableCollectionsMarshal.AsArray(exports)!);
            }
        }

        t_spareDraft = this; // its arrays and lists, for this thread's next draft
    }

    private bool _released;

    [ThreadStatic]
    private static WorldDraft? t_spareDraft;

    /// <summary>Export arrays a thread keeps for its drafts: those of a few worlds of up to 20 actors.</summary>
    private const int MaxSpareExports = 2048;

    [ThreadStatic]
    private static Stack<double[]>? t_spareExports;

    /// <summary>The last world this draft froze into (phases freeze it to validate moves mid-turn), which holds its records.</summary>
    private WorldState? _frozen;

    public bool Binds(int a, int b, AgreementKind kind) => Find(a, b, kind) is not null;

    public Agreement? Find(int a, int b, AgreementKind kind)
    {
        var ida = Actors[a].Id;
        var idb = Actors[b].Id;
        foreach (var agreement in Agreements)
        {
            if (agreement.Kind == kind && agreement.Binds(ida, idb))
            {
                return agreement;
            }
        }

        return null;
    }

    public WorldState Freeze(int turn)
    {
        return _frozen = Source with
        {
            Turn = turn,
            Actors = ImmutableArray.Create(Actors),
            Relations = ImmutableArray.Create(Relations),
            Agreements = [.. Agreements],
            Proposals = [.. Proposals],
            Deliveries = [.. Deliveries],
            Global = Global,
            FiredShocks = _firedShocks is null ? Source.FiredShocks : [.. _firedShocks],
            Contacts = Remembered(turn),
            PurchaseHalts = PurchaseHalts.Count == 0 ? [] : [.. PurchaseHalts],
            Purchases = Purchases.Count == 0 ? [] : [.. Purchases],
            TariffAnnouncements = TariffAnnouncements.Count == 0 ? [] : [.. TariffAnnouncements],
        };
    }

    /// <summary>The contacts still remembered at <paramref name="turn"/>: the source's recent ones and this turn's.</summary>
    private ImmutableArray<Contact> Remembered(int turn)
    {
        var oldest = turn - Source.ContactTurns;
        if (Contacts.Count == 0 && (Source.Contacts.IsDefaultOrEmpty || Source.Contacts[0].Turn >= oldest))
        {
            return Source.Contacts.IsDefault ? [] : Source.Contacts;
        }

        var kept = ImmutableArray.CreateBuilder<Contact>();
        foreach (var c in Source.Contacts.IsDefault ? [] : Source.Contacts)
        {
            if (c.Turn >= oldest)
            {
                kept.Add(c);
            }
        }

        kept.AddRange(Contacts);
        return kept.ToImmutable();
    }
}

/// <summary>Kinds of diplomatic event that the politics phase turns into trust, tension and stability.</summary>
internal enum EventKind
{
    TariffChange,
    SanctionChange,
    SecondaryThreat,
    Summit,
    Support,
    Condemn,
    AgreementSigned,
    Withdrawal,
    Breach,
    ArmsOrder,
    DeliveryDelayed,
    DeliveryCancelled,
    CrudePurchase,
    Diversification,
    Aid,
    BlocJoined,
    BlocLeft,
}

/// <summary>Something <see cref="Actor"/> did to <see cref="Target"/> this turn; magnitude is signed where direction matters; ties scale how much rivals mind it (signed agreements).</summary>
internal readonly record struct DiplomaticEvent(EventKind Kind, int Actor, int Target, double Magnitude, double Ties = 1);

/// <summary>
/// What a turn accumulates as it resolves: move results, events, news and per-actor scratch values. A bot's look-ahead
/// resolves dozens of turns for each one played, so a journal is not made anew for each: <see cref="Open"/> hands out the
/// one this thread disposed of last, emptied, with its lists' room and its per-actor arrays (which may be longer than
/// the number of actors, zeroed up to it), and <see cref="Dispose"/> empties it and keeps it for the next.
/// </summary>
internal sealed class TurnJournal : IDisposable
{
    [ThreadStatic]
    private static TurnJournal? t_spare;

    private TurnJournal()
    {
    }

    /// <summary>A journal for resolving <paramref name="turn"/> of a world of <paramref name="n"/> actors; dispose of it when the turn is resolved.</summary>
    public static TurnJournal Open(int n, int turn, bool writeNews)
    {
        var journal = t_spare ?? new TurnJournal();
        t_spare = null;
        journal.Turn = turn;
        journal.WriteNews = writeNews;
        if (journal.Spent.Length < n)
        {
            journal.Spent = new int[n];
            journal.EnergySavings = new double[n];
            journal.AidGiven = new double[n];
            journal.AidReceived = new double[n];
            journal.Investment = new double[n];
            journal.Prestige = new double[n];
        }

        return journal;
    }

    /// <summary>Empties the journal (the outcome has copied what it keeps) and keeps it for this thread's next turn.</summary>
    public void Dispose()
    {
        MoveResults.Clear();
        Shocks.Clear();
        Events.Clear();
        News.Clear();
        Signed.Clear();
        Breaches.Clear();
        Array.Clear(Spent);
        foreach (var array in (ReadOnlySpan<double[]>)[EnergySavings, AidGiven, AidReceived, Investment, Prestige])
        {
            Array.Clear(array);
        }

        StrandedOil = 0;
        t_spare = this;
    }

    public int Turn { get; private set; }

    public bool WriteNews { get; private set; }

    public List<MoveResult> MoveResults { get; } = [];

    public List<ShockReport> Shocks { get; } = [];

    public List<DiplomaticEvent> Events { get; } = [];

    public List<NewsItem> News { get; } = [];

    public List<AgreementSigned> Signed { get; } = [];

    public List<AgreementBreach> Breaches { get; } = [];

    public int[] Spent { get; private set; } = [];

    public double[] EnergySavings { get; private set; } = [];

    public double[] AidGiven { get; private set; } = [];

    public double[] AidReceived { get; private set; } = [];

    public double[] Investment { get; private set; } = [];

    public double[] Prestige { get; private set; } = [];

    /// <summary>Crude that sanctions took off the market this turn and found no other buyer, mb/d.</summary>
    public double StrandedOil { get; set; }

    public void Event(EventKind kind, int actor, int target, double magnitude = 1) => Events.Add(new(kind, actor, target, magnitude));

    /// <summary>A signed agreement, weighed by its kind (<see cref="Domain.PoliticalWeight"/>).</summary>
    public void SigningEvent(AgreementKind kind, int actor, int target)
    {
        var (trust, ties) = kind.PoliticalWeight();
        Events.Add(new(EventKind.AgreementSigned, actor, target, trust, ties));
    }

    public void Report(string category, string headline, string body, params string[] actors)
    {
        if (WriteNews)
        {
            News.Add(new NewsItem(Turn, headline, body, [.. actors], category));
        }
    }
}
