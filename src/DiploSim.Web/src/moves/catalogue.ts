import {
  AgreementKind, announcementTurns, Capacity, DeliveryDecision, DependenceDomain, Move as MoveSchema, MoveKind as MoveKinds, SanctionDomain, SanctionLevel, Sector, Stance,
  type Move,
} from '../generated/contract';
import { countryName, label as enumLabel, plain, say, words, type EnumName } from '../i18n';

const f = words.fields;
const kinds = words.enums.MoveKind;

// The names the model reads (Core's enums, generated from the C# contract): the move kinds and the choices their fields offer.
export const moveKinds = MoveKinds.options;
export type MoveKind = (typeof moveKinds)[number];
export const sectors = Sector.options;
export const sanctionDomains = SanctionDomain.options;
export const sanctionLevels = SanctionLevel.options;
export const agreementKinds = AgreementKind.options;
export const deliveryDecisions = DeliveryDecision.options;
export const stances = Stance.options;
export const dependenceDomains = DependenceDomain.options;
export const capacities = Capacity.options;

/**
 * What a field asks for. `actor` is another actor, `actors` one or more; `proposal`, `agreement` and `delivery` pick
 * from the seat's pending proposals, agreements in force and deliveries it sells; `percent` is entered in percent and
 * sent as a fraction; `flag` is a yes/no choice.
 */
export type FieldKind = 'actor' | 'actors' | 'choice' | 'percent' | 'number' | 'whole' | 'text' | 'flag' | 'proposal' | 'agreement' | 'delivery';

export interface Field {
  /** The move's property it fills (Terms.X for an agreement's terms). */
  readonly wire: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly options?: readonly string[];
  /** The enum the options are values of, for their words. */
  readonly enumName?: EnumName;
  /** For a flag: the labels of true and false. */
  readonly flag?: readonly [string, string];
  readonly optional?: boolean;
  readonly initial?: string;
  readonly hint?: string;
  /** Words in the model's refusals that are about this field, so the reason is shown beside it. */
  readonly mentions?: RegExp;
}

export interface KindSpec {
  readonly label: string;
  readonly fields: readonly Field[];
  /** Properties the page writes itself: a new proposal's id. */
  readonly ids?: readonly ('ProposalId' | 'NewProposalId')[];
}

const target = (label: string = f.Target): Field => ({ wire: 'Target', label, kind: 'actor', mentions: /cannot target itself|unknown actor/ });
const terms: readonly Field[] = [
  { wire: 'Terms.TariffCeiling', label: f.TariffCeiling, kind: 'percent', optional: true, mentions: /tariff ceiling/ },
  { wire: 'Terms.TradeTarget', label: f.TradeTarget, kind: 'number', optional: true, mentions: /trade target/ },
  { wire: 'Terms.EnergyVolumeMbd', label: f.EnergyVolumeMbd, kind: 'number', optional: true, mentions: /energy volume|needs a volume/ },
  { wire: 'Terms.EnergyDiscount', label: f.EnergyDiscount, kind: 'percent', optional: true, mentions: /energy discount/ },
  { wire: 'Terms.MaxUsdShare', label: f.MaxUsdShare, kind: 'percent', optional: true, mentions: /dollar share/ },
  { wire: 'Terms.Supplier', label: f.Supplier, kind: 'actor', optional: true, mentions: /supplier|one supplier/ },
];

/** Every move the model has, with the fields a player fills in. The table is checked against Core's catalogue by a test. */
export const catalogue: Record<MoveKind, KindSpec> = {
  SetTariff: { label: kinds.SetTariff, fields: [target(), { wire: 'Sector', label: f.Sector, kind: 'choice', options: sectors, enumName: 'Sector', optional: true, hint: f.allSectors }, { wire: 'Rate', label: f.Rate, kind: 'percent', initial: '10', mentions: /tariff rate|'rate'/ }, { wire: 'InTurns', label: f.InTurns, kind: 'whole', optional: true, hint: say(f.inTurnsHint, { max: announcementTurns }), mentions: /takes effect/ }] },
  SetSanction: { label: kinds.SetSanction, fields: [target(), { wire: 'Domain', label: f.Domain, kind: 'choice', options: sanctionDomains, enumName: 'SanctionDomain' }, { wire: 'Level', label: f.Level, kind: 'choice', options: sanctionLevels, enumName: 'SanctionLevel', initial: 'Targeted', mentions: /sanctions on .* are already|sanction level/ }] },
  ThreatenSecondarySanctions: { label: kinds.ThreatenSecondarySanctions, fields: [{ ...target(), mentions: /cannot target itself|unknown actor|must sanction|threat/ }, { wire: 'Active', label: f.Threat, kind: 'flag', flag: [f.threaten, f.dropThreat] }] },
  ProposeAgreement: { label: kinds.ProposeAgreement, ids: ['ProposalId'], fields: [{ wire: 'Partners', label: f.Partners, kind: 'actors', mentions: /partner|cannot target itself|unknown actor|already in force|corridor route/ }, { wire: 'Agreement', label: f.Agreement, kind: 'choice', options: agreementKinds, enumName: 'AgreementKind', mentions: /agreement kind/ }, ...terms] },
  AnswerProposal: { label: kinds.AnswerProposal, fields: [{ wire: 'ProposalId', label: f.Proposal, kind: 'proposal', mentions: /proposal/ }, { wire: 'Accept', label: f.Answer, kind: 'flag', flag: [f.accept, f.reject] }] },
  CounterProposal: { label: kinds.CounterProposal, ids: ['NewProposalId'], fields: [{ wire: 'ProposalId', label: f.Proposal, kind: 'proposal', mentions: /proposal/ }, ...terms] },
  WithdrawFromAgreement: { label: kinds.WithdrawFromAgreement, fields: [{ wire: 'AgreementId', label: f.AgreementId, kind: 'agreement', mentions: /agreement|party|in force/ }] },
  OrderArms: { label: kinds.OrderArms, fields: [{ ...target(f.Seller), mentions: /cannot target itself|unknown actor|arms industry|sanctions on|export controls/ }, { wire: 'System', label: f.System, kind: 'text', initial: f.systemExample, mentions: /system/ }, { wire: 'Value', label: f.Value, kind: 'number', initial: '1', mentions: /order's value|'value'/ }, { wire: 'DeliveryTurns', label: f.DeliveryTurns, kind: 'whole', initial: '4', mentions: /delivery must be due|'deliveryTurns'/ }] },
  DecideDelivery: { label: kinds.DecideDelivery, fields: [{ wire: 'DeliveryId', label: f.Delivery, kind: 'delivery', mentions: /delivery '|seller of/ }, { wire: 'Decision', label: f.Decision, kind: 'choice', options: deliveryDecisions, enumName: 'DeliveryDecision', mentions: /decision/ }] },
  BuyDiscountedCrude: { label: kinds.BuyDiscountedCrude, fields: [{ ...target(f.Seller), mentions: /cannot target itself|unknown actor|net oil exporter|energy sanctions|price cap|buys no discounted/ }, { wire: 'VolumeMbd', label: f.VolumeMbd, kind: 'number', initial: '0.5', mentions: /volume/ }, { wire: 'Discount', label: f.Discount, kind: 'percent', initial: '5', mentions: /discount/ }] },
  SetPriceCapStance: { label: kinds.SetPriceCapStance, fields: [{ wire: 'Join', label: f.Stance, kind: 'flag', flag: [f.capJoin, f.capDefy], mentions: /price cap/ }] },
  HoldSummit: { label: kinds.HoldSummit, fields: [{ wire: 'Partners', label: f.With, kind: 'actors', mentions: /partner|cannot target itself|unknown actor/ }] },
  MakeStatement: { label: kinds.MakeStatement, fields: [target(f.About), { wire: 'Stance', label: f.Stance, kind: 'choice', options: stances, enumName: 'Stance' }] },
  Diversify: { label: kinds.Diversify, fields: [{ ...target(f.AwayFrom), mentions: /cannot target itself|unknown actor|dollar's issuer|already diversifying|complete/ }, { wire: 'Domain', label: f.Domain, kind: 'choice', options: dependenceDomains, enumName: 'DependenceDomain', mentions: /payments can only/ }] },
  Invest: { label: kinds.Invest, fields: [{ wire: 'Capacity', label: f.Capacity, kind: 'choice', options: capacities, enumName: 'Capacity' }, { wire: 'Amount', label: f.Amount, kind: 'number', initial: '5', mentions: /investment|'amount'/ }] },
  SetBlocMembership: { label: kinds.SetBlocMembership, fields: [{ wire: 'Bloc', label: f.Bloc, kind: 'text', initial: 'BRICS', hint: f.blocHint, mentions: /bloc|member/ }, { wire: 'Join', label: f.Membership, kind: 'flag', flag: [f.join, f.leave] }] },
  GiveAid: { label: kinds.GiveAid, fields: [target(f.Recipient), { wire: 'Amount', label: f.Amount, kind: 'number', initial: '2', mentions: /aid|'amount'/ }] },
};

/** What the seat can pick from: the other actors, and the proposals, agreements and deliveries a field may name. */
export interface Choices {
  me: string;
  others: readonly string[];
  proposals: readonly { id: string; label: string }[];
  agreements: readonly { id: string; label: string }[];
  deliveries: readonly { id: string; label: string }[];
}

/** A field's choices as value and label ('' is "none" for an optional field). */
export function optionsOf(field: Field, c: Choices): { value: string; label: string }[] {
  const list = (values: readonly string[], name: (v: string) => string) => values.map((v) => ({ value: v, label: name(v) }));
  const items = field.kind === 'actor' ? list(field.wire === 'Terms.Supplier' ? [c.me, ...c.others] : c.others, countryName)
    : field.kind === 'actors' ? list(c.others, countryName)
    : field.kind === 'choice' ? list(field.options ?? [], (v) => (field.enumName ? enumLabel(field.enumName, v) : v))
    : field.kind === 'flag' ? [{ value: 'true', label: field.flag![0] }, { value: 'false', label: field.flag![1] }]
    : field.kind === 'proposal' ? c.proposals.map((p) => ({ value: p.id, label: p.label }))
    : field.kind === 'agreement' ? c.agreements.map((p) => ({ value: p.id, label: p.label }))
    : field.kind === 'delivery' ? c.deliveries.map((p) => ({ value: p.id, label: p.label }))
    : [];
  return field.optional && field.kind !== 'actors' ? [{ value: '', label: field.hint ?? '—' }, ...items] : items;
}

/** The values a fresh form starts with: the first choice, or the field's example; partners are for the player to pick. */
export function initialValues(kind: MoveKind, c: Choices): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of catalogue[kind].fields) {
    values[f.wire] = f.initial ?? (f.optional || f.kind === 'actors' ? '' : optionsOf(f, c)[0]?.value ?? '');
  }
  return values;
}

export type FieldErrors = Record<string, string>;

/**
 * Reads a form as a move: every required field filled, numbers that are numbers, percentages as fractions. Returns the
 * move, or the reason beside each field that is not right. Ranges and rules are the model's, shown from its preview.
 */
export function readMove(kind: MoveKind, values: Record<string, string>, ids: { ProposalId?: string; NewProposalId?: string } = {}): { move: Move | null; errors: FieldErrors } {
  const spec = catalogue[kind];
  const move: Record<string, unknown> = { Kind: kind };
  const errors: FieldErrors = {};
  for (const id of spec.ids ?? []) move[id] = ids[id];
  for (const f of spec.fields) {
    const text = (values[f.wire] ?? '').trim();
    if (text === '') {
      if (!f.optional) errors[f.wire] = f.kind === 'actors' ? words.fields.pickOne : words.fields.required;
      continue;
    }
    let value: unknown = text;
    if (f.kind === 'percent' || f.kind === 'number' || f.kind === 'whole') {
      const n = Number(text);
      if (!Number.isFinite(n)) { errors[f.wire] = words.fields.aNumber; continue; }
      if (f.kind === 'whole' && !Number.isInteger(n)) { errors[f.wire] = words.fields.aWholeNumber; continue; }
      value = f.kind === 'percent' ? Math.round(n * 1e6) / 1e8 : n;
    } else if (f.kind === 'flag') {
      value = text === 'true';
    } else if (f.kind === 'actors') {
      value = text.split(',').map((x) => x.trim()).filter(Boolean);
    }
    if (f.wire.startsWith('Terms.')) {
      const terms = (move.Terms ??= {}) as Record<string, unknown>;
      terms[f.wire.slice('Terms.'.length)] = value;
    } else {
      move[f.wire] = value;
    }
  }
  if (Object.keys(errors).length) return { move: null, errors };
  // The contract's move union has the last word on which fields a kind needs and what they hold.
  const parsed = MoveSchema.safeParse(move);
  if (parsed.success) return { move: parsed.data, errors };
  for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'Kind'] ??= issue.message;
  return { move: null, errors };
}

/**
 * Where the model's reason for refusing a move belongs: the field it is about (the field the reason names, or whose
 * words it uses, or whose chosen actor it names), else null (the move as a whole).
 */
export function fieldOfRefusal(kind: MoveKind, reason: string, values: Record<string, string> = {}): string | null {
  const fields = catalogue[kind].fields;
  const named = /'(\w+)' (is required|must|needs)/.exec(reason)?.[1];
  if (named) {
    const f = fields.find((x) => x.wire.replace(/^Terms\./, '').toLowerCase() === named.toLowerCase());
    if (f) return f.wire;
  }
  const byWords = fields.find((f) => f.mentions?.test(reason));
  if (byWords) return byWords.wire;
  const byActor = fields.find((f) => (f.kind === 'actor' || f.kind === 'actors') && values[f.wire] && values[f.wire].split(',').some((a) => a && reason.includes(a)));
  return byActor?.wire ?? null;
}

/** A short line for a move in the draft when the model's description is not at hand. */
export function summary(move: Move): string {
  const spec = catalogue[move.Kind as MoveKind];
  const fields = move as Partial<Record<string, unknown>>;
  const parts = (spec?.fields ?? []).map((f) => {
    const v = f.wire.startsWith('Terms.') ? (fields.Terms as Record<string, unknown> | undefined)?.[f.wire.slice(6)] : fields[f.wire];
    if (v === undefined || v === null) return '';
    if (Array.isArray(v)) return v.map((x) => countryName(String(x))).join(', ');
    if (f.kind === 'actor') return countryName(String(v));
    if (f.kind === 'choice' && f.enumName) return enumLabel(f.enumName, String(v));
    if (f.kind === 'flag') return f.flag![v === true ? 0 : 1];
    if (f.kind === 'percent' && typeof v === 'number') return `${Math.round(v * 1e6) / 1e4}%`;
    return plain(String(v));
  }).filter(Boolean);
  return [spec?.label ?? enumLabel('MoveKind', move.Kind), ...parts].join(' · ');
}
