import {
  AgreementKind, Capacity, DeliveryDecision, DependenceDomain, Move as MoveSchema, MoveKind as MoveKinds, SanctionDomain, SanctionLevel, Sector, Stance,
  type Move,
} from '../generated/contract';

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

const target = (label = 'Target'): Field => ({ wire: 'Target', label, kind: 'actor', mentions: /cannot target itself|unknown actor/ });
const terms: readonly Field[] = [
  { wire: 'Terms.TariffCeiling', label: 'Tariff ceiling (%)', kind: 'percent', optional: true, mentions: /tariff ceiling/ },
  { wire: 'Terms.TradeTarget', label: 'Trade target (USD bn)', kind: 'number', optional: true, mentions: /trade target/ },
  { wire: 'Terms.EnergyVolumeMbd', label: 'Energy volume (mb/d)', kind: 'number', optional: true, mentions: /energy volume|needs a volume/ },
  { wire: 'Terms.EnergyDiscount', label: 'Energy discount (%)', kind: 'percent', optional: true, mentions: /energy discount/ },
  { wire: 'Terms.MaxUsdShare', label: 'Dollar share at most (%)', kind: 'percent', optional: true, mentions: /dollar share/ },
  { wire: 'Terms.Supplier', label: 'Energy supplier', kind: 'actor', optional: true, mentions: /supplier|one supplier/ },
];

/** Every move the model has, with the fields a player fills in. The table is checked against Core's catalogue by a test. */
export const catalogue: Record<MoveKind, KindSpec> = {
  SetTariff: { label: 'Set a tariff', fields: [target(), { wire: 'Sector', label: 'Sector', kind: 'choice', options: sectors, optional: true, hint: 'all sectors' }, { wire: 'Rate', label: 'Rate (%)', kind: 'percent', initial: '10', mentions: /tariff rate|'rate'/ }] },
  SetSanction: { label: 'Set sanctions', fields: [target(), { wire: 'Domain', label: 'Domain', kind: 'choice', options: sanctionDomains }, { wire: 'Level', label: 'Level', kind: 'choice', options: sanctionLevels, initial: 'Targeted', mentions: /sanctions on .* are already|sanction level/ }] },
  ThreatenSecondarySanctions: { label: 'Threaten secondary sanctions', fields: [{ ...target(), mentions: /cannot target itself|unknown actor|must sanction|threat/ }, { wire: 'Active', label: 'Threat', kind: 'flag', flag: ['threaten', 'drop the threat'] }] },
  ProposeAgreement: { label: 'Propose an agreement', ids: ['ProposalId'], fields: [{ wire: 'Partners', label: 'Partners', kind: 'actors', mentions: /partner|cannot target itself|unknown actor|already in force/ }, { wire: 'Agreement', label: 'Agreement', kind: 'choice', options: agreementKinds, mentions: /agreement kind/ }, ...terms] },
  AnswerProposal: { label: 'Answer a proposal', fields: [{ wire: 'ProposalId', label: 'Proposal', kind: 'proposal', mentions: /proposal/ }, { wire: 'Accept', label: 'Answer', kind: 'flag', flag: ['accept', 'reject'] }] },
  CounterProposal: { label: 'Counter a proposal', ids: ['NewProposalId'], fields: [{ wire: 'ProposalId', label: 'Proposal', kind: 'proposal', mentions: /proposal/ }, ...terms] },
  WithdrawFromAgreement: { label: 'Withdraw from an agreement', fields: [{ wire: 'AgreementId', label: 'Agreement', kind: 'agreement', mentions: /agreement|party|in force/ }] },
  OrderArms: { label: 'Order arms', fields: [{ ...target('Seller'), mentions: /cannot target itself|unknown actor|arms industry|sanctions on|export controls/ }, { wire: 'System', label: 'System', kind: 'text', initial: 'Air defence battery', mentions: /system/ }, { wire: 'Value', label: 'Value (USD bn)', kind: 'number', initial: '1', mentions: /order's value|'value'/ }, { wire: 'DeliveryTurns', label: 'Delivered in (turns)', kind: 'whole', initial: '4', mentions: /delivery must be due|'deliveryTurns'/ }] },
  DecideDelivery: { label: 'Decide a delivery you sell', fields: [{ wire: 'DeliveryId', label: 'Delivery', kind: 'delivery', mentions: /delivery '|seller of/ }, { wire: 'Decision', label: 'Decision', kind: 'choice', options: deliveryDecisions, mentions: /decision/ }] },
  BuyDiscountedCrude: { label: 'Buy discounted crude', fields: [{ ...target('Seller'), mentions: /cannot target itself|unknown actor|net oil exporter|energy sanctions|price cap|buys no discounted/ }, { wire: 'VolumeMbd', label: 'Volume (mb/d)', kind: 'number', initial: '0.5', mentions: /volume/ }, { wire: 'Discount', label: 'Discount (%)', kind: 'percent', initial: '5', mentions: /discount/ }] },
  SetPriceCapStance: { label: 'Oil price cap', fields: [{ wire: 'Join', label: 'Stance', kind: 'flag', flag: ['join (enforce)', 'defy'], mentions: /price cap/ }] },
  HoldSummit: { label: 'Hold a summit', fields: [{ wire: 'Partners', label: 'With', kind: 'actors', mentions: /partner|cannot target itself|unknown actor/ }] },
  MakeStatement: { label: 'Make a statement', fields: [target('About'), { wire: 'Stance', label: 'Stance', kind: 'choice', options: stances }] },
  Diversify: { label: 'Diversify away from', fields: [{ ...target('Away from'), mentions: /cannot target itself|unknown actor|dollar's issuer|already diversifying|complete/ }, { wire: 'Domain', label: 'Domain', kind: 'choice', options: dependenceDomains, mentions: /payments can only/ }] },
  Invest: { label: 'Invest at home', fields: [{ wire: 'Capacity', label: 'Capacity', kind: 'choice', options: capacities }, { wire: 'Amount', label: 'Amount (USD bn)', kind: 'number', initial: '5', mentions: /investment|'amount'/ }] },
  SetBlocMembership: { label: 'Join or leave a bloc', fields: [{ wire: 'Bloc', label: 'Bloc', kind: 'text', initial: 'BRICS', hint: 'e.g. BRICS, SCO, Quad, G7', mentions: /bloc|member/ }, { wire: 'Join', label: 'Membership', kind: 'flag', flag: ['join', 'leave'] }] },
  GiveAid: { label: 'Give aid', fields: [target('Recipient'), { wire: 'Amount', label: 'Amount (USD bn)', kind: 'number', initial: '2', mentions: /aid|'amount'/ }] },
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
  const list = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
  const items = field.kind === 'actor' ? list(field.wire === 'Terms.Supplier' ? [c.me, ...c.others] : c.others)
    : field.kind === 'actors' ? list(c.others)
    : field.kind === 'choice' ? list(field.options ?? [])
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
      if (!f.optional) errors[f.wire] = f.kind === 'actors' ? 'pick at least one' : 'required';
      continue;
    }
    let value: unknown = text;
    if (f.kind === 'percent' || f.kind === 'number' || f.kind === 'whole') {
      const n = Number(text);
      if (!Number.isFinite(n)) { errors[f.wire] = 'a number'; continue; }
      if (f.kind === 'whole' && !Number.isInteger(n)) { errors[f.wire] = 'a whole number'; continue; }
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
    return v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v);
  }).filter(Boolean);
  return [spec?.label ?? move.Kind, ...parts].join(' · ');
}
