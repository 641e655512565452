using System.Collections.Immutable;
using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Contracts;

/// <summary>Maps moves between the wire (<see cref="MoveOrder"/>) and Core (<see cref="Move"/>).</summary>
public static class MoveMapping
{
    /// <summary>
    /// Reads an order as a move of <paramref name="actor"/>; a missing field, an unknown name or an actor
    /// other than the seat gives the reason instead of a move. Rules (budget, targets) are Core's, checked later.
    /// </summary>
    public static Result<Move> ToCore(MoveOrder order, string actor)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Actor is { } named && !string.Equals(named, actor, StringComparison.Ordinal))
        {
            return Result<Move>.Fail($"the move is for {named}, not for {actor}");
        }

        if (!TryName(order.Kind, out MoveKind kind))
        {
            return Result<Move>.Fail($"unknown move kind '{order.Kind}'");
        }

        var r = new Reader();
        Move? move = kind switch
        {
            MoveKind.SetTariff => r.Text(order.Target, "target") is { } t && r.Number(order.Rate, "rate") is { } rate
                ? new SetTariff(actor, t, r.OptionalName<Sector>(order.Sector, "sector"), rate, order.InTurns ?? 0) : null,
            MoveKind.SetSanction => r.Text(order.Target, "target") is { } t && r.Name<SanctionDomain>(order.Domain, "domain") is { } d && r.Name<SanctionLevel>(order.Level, "level") is { } l
                ? new SetSanction(actor, t, d, l) : null,
            MoveKind.ThreatenSecondarySanctions => r.Text(order.Target, "target") is { } t
                ? new ThreatenSecondarySanctions(actor, t, order.Active ?? true) : null,
            MoveKind.ProposeAgreement => r.Text(order.ProposalId, "proposalId") is { } id && r.Name<AgreementKind>(order.Agreement, "agreement") is { } k && r.Some(order.Partners, "partners") is { } ps
                ? new ProposeAgreement(actor, id, k, ps, Terms(order.Terms)) : null,
            MoveKind.AnswerProposal => r.Text(order.ProposalId, "proposalId") is { } id && r.Flag(order.Accept, "accept") is { } a
                ? new AnswerProposal(actor, id, a) : null,
            MoveKind.CounterProposal => r.Text(order.ProposalId, "proposalId") is { } id && r.Text(order.NewProposalId, "newProposalId") is { } nid
                ? new CounterProposal(actor, id, nid, Terms(order.Terms)) : null,
            MoveKind.WithdrawFromAgreement => r.Text(order.AgreementId, "agreementId") is { } id
                ? new WithdrawFromAgreement(actor, id) : null,
            MoveKind.OrderArms => r.Text(order.Target, "target") is { } s && r.Text(order.System, "system") is { } sys && r.Number(order.Value, "value") is { } v && r.Whole(order.DeliveryTurns, "deliveryTurns") is { } dt
                ? new OrderArms(actor, s, sys, v, dt) : null,
            MoveKind.DecideDelivery => r.Text(order.DeliveryId, "deliveryId") is { } id && r.Name<DeliveryDecision>(order.Decision, "decision") is { } dd
                ? new DecideDelivery(actor, id, dd) : null,
            MoveKind.BuyDiscountedCrude => r.Text(order.Target, "target") is { } s && r.Number(order.VolumeMbd, "volumeMbd") is { } vol && r.Number(order.Discount, "discount") is { } disc
                ? new BuyDiscountedCrude(actor, s, vol, disc) : null,
            MoveKind.SetPriceCapStance => r.Flag(order.Join, "join") is { } j
                ? new SetPriceCapStance(actor, j) : null,
            MoveKind.HoldSummit => r.Some(order.Partners, "partners") is { } ps
                ? new HoldSummit(actor, ps) : null,
            MoveKind.MakeStatement => r.Text(order.Target, "target") is { } t && r.Name<Stance>(order.Stance, "stance") is { } st
                ? new MakeStatement(actor, t, st) : null,
            MoveKind.Diversify => r.Text(order.Target, "target") is { } t && r.Name<DependenceDomain>(order.Domain, "domain") is { } dd
                ? new Diversify(actor, t, dd) : null,
            MoveKind.Invest => r.Name<Capacity>(order.Capacity, "capacity") is { } c && r.Number(order.Amount, "amount") is { } am
                ? new Invest(actor, c, am) : null,
            MoveKind.SetBlocMembership => r.Text(order.Bloc, "bloc") is { } b && r.Flag(order.Join, "join") is { } j
                ? new SetBlocMembership(actor, b, j) : null,
            MoveKind.GiveAid => r.Text(order.Target, "target") is { } t && r.Number(order.Amount, "amount") is { } am
                ? new GiveAid(actor, t, am) : null,
            _ => null,
        };

        return move is not null && r.Error is null
            ? Result<Move>.Ok(move)
            : Result<Move>.Fail($"malformed {kind} move: {r.Error ?? "unsupported kind"}");
    }

    /// <summary>Writes a Core move as an order.</summary>
    public static MoveOrder FromCore(Move move)
    {
        ArgumentNullException.ThrowIfNull(move);
        var o = new MoveOrder { Kind = move.Kind.ToString(), Actor = move.Actor };
        return move switch
        {
            SetTariff m => o with { Target = m.Target, Sector = m.Sector?.ToString(), Rate = m.Rate, InTurns = m.InTurns == 0 ? null : m.InTurns },
            SetSanction m => o with { Target = m.Target, Domain = m.Domain.ToString(), Level = m.Level.ToString() },
            ThreatenSecondarySanctions m => o with { Target = m.Target, Active = m.Active },
            ProposeAgreement m => o with { ProposalId = m.ProposalId, Agreement = m.Agreement.ToString(), Partners = m.Partners, Terms = Terms(m.Terms) },
            AnswerProposal m => o with { ProposalId = m.ProposalId, Accept = m.Accept },
            CounterProposal m => o with { ProposalId = m.ProposalId, NewProposalId = m.NewProposalId, Terms = Terms(m.Terms) },
            WithdrawFromAgreement m => o with { AgreementId = m.AgreementId },
            OrderArms m => o with { Target = m.Seller, System = m.System, Value = m.Value, DeliveryTurns = m.DeliveryTurns },
            DecideDelivery m => o with { DeliveryId = m.DeliveryId, Decision = m.Decision.ToString() },
            BuyDiscountedCrude m => o with { Target = m.Seller, VolumeMbd = m.VolumeMbd, Discount = m.Discount },
            SetPriceCapStance m => o with { Join = m.Join },
            HoldSummit m => o with { Partners = m.Partners },
            MakeStatement m => o with { Target = m.About, Stance = m.Stance.ToString() },
            Diversify m => o with { Target = m.AwayFrom, Domain = m.Domain.ToString() },
            Invest m => o with { Capacity = m.Capacity.ToString(), Amount = m.Amount },
            SetBlocMembership m => o with { Bloc = m.Bloc, Join = m.Join },
            GiveAid m => o with { Target = m.Recipient, Amount = m.Amount },
            _ => throw new ArgumentOutOfRangeException(nameof(move), move.Kind, "a move kind the wire format does not know"),
        };
    }

    public static AgreementTerms Terms(AgreementTermsData? t) => t is null
        ? AgreementTerms.None
        : new AgreementTerms(t.TariffCeiling, t.TradeTarget, t.EnergyVolumeMbd, t.EnergyDiscount, t.MaxUsdShare, t.Supplier);

    public static AgreementTermsData Terms(AgreementTerms t) =>
        new(t.TariffCeiling, t.TradeTarget, t.EnergyVolumeMbd, t.EnergyDiscount, t.MaxUsdShare, t.Supplier);

    internal static bool TryName<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        return !string.IsNullOrWhiteSpace(text)
            && !char.IsAsciiDigit(text.TrimStart()[0]) && text.TrimStart()[0] != '-'
            && Enum.TryParse(text, ignoreCase: true, out value)
            && Enum.IsDefined(value);
    }

    /// <summary>Reads required fields, keeping the first thing that is missing or wrong.</summary>
    private sealed class Reader
    {
        public string? Error { get; private set; }

        private T? Fail<T>(string reason)
        {
            Error ??= reason;
            return default;
        }

        public string? Text(string? value, string field) =>
            string.IsNullOrWhiteSpace(value) ? Fail<string>($"'{field}' is required") : value;

        public double? Number(double? value, string field) => value switch
        {
            null => Fail<double?>($"'{field}' is required"),
            { } v when !double.IsFinite(v) => Fail<double?>($"'{field}' must be a finite number"),
            _ => value,
        };

        public int? Whole(int? value, string field) => value ?? Fail<int?>($"'{field}' is required");

        public bool? Flag(bool? value, string field) => value ?? Fail<bool?>($"'{field}' is required");

        public ImmutableArray<string>? Some(ImmutableArray<string> values, string field) =>
            values.IsDefaultOrEmpty || values.Any(string.IsNullOrWhiteSpace) ? Fail<ImmutableArray<string>?>($"'{field}' needs at least one actor") : values;

        public T? Name<T>(string? text, string field)
            where T : struct, Enum =>
            TryName(text, out T value) ? value : Fail<T?>($"'{field}' must be one of {string.Join(", ", Enum.GetNames<T>())}");

        public T? OptionalName<T>(string? text, string field)
            where T : struct, Enum =>
            text is null ? null : Name<T>(text, field);
    }
}
