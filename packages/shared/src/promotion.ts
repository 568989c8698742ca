// Investment promotion (招商引资, DOMAIN §5): the lead pipeline, what each stage requires, the service clocks in
// working days, and the screening (挑商选资) against the zone's admission criteria. Pure functions; the server and the
// web share them. Money is 万元 as exact strings (see projects.ts).
import { centsToMoney, moneyToCents } from './projects.ts';
import { addWorkingDays, workingDaysBetween, type CalendarExceptions } from './working-days.ts';

/** 线索/推介 → 在谈 → 签约 → 拟开工 → 开工 → 到资 → 投产. */
export const leadStages = ['lead', 'negotiating', 'signed', 'preStart', 'started', 'capitalInPlace', 'production'] as const;
export type LeadStage = (typeof leadStages)[number];
export const leadStageIndex = (s: LeadStage) => leadStages.indexOf(s);
/** A lead no longer pursued (screened out, withdrawn): kept for the reports, out of the pipeline. */
export const leadOutcomes = ['active', 'rejected', 'withdrawn'] as const;
export type LeadOutcome = (typeof leadOutcomes)[number];

/** The facts of a lead that stage moves and screening read. */
export interface LeadFacts {
  signedOn?: string | null;
  /** 签约金额, 万元. */
  signedAmount?: string | null;
  plannedStartOn?: string | null;
  startedOn?: string | null;
  /** 到资 so far, 万元. */
  capitalInPlace?: string | null;
  productionOn?: string | null;
}

/** What each stage requires, cumulatively: a lead moved to 开工 must also carry the signing date and amount. */
const stageRequires: Record<LeadStage, (keyof LeadFacts)[]> = {
  lead: [],
  negotiating: [],
  signed: ['signedOn', 'signedAmount'],
  preStart: ['plannedStartOn'],
  started: ['startedOn'],
  capitalInPlace: ['capitalInPlace'],
  production: ['productionOn'],
};

const present = (facts: LeadFacts, key: keyof LeadFacts) => {
  const v = facts[key];
  if (v === null || v === undefined || v === '') return false;
  if (key === 'signedAmount' || key === 'capitalInPlace') return moneyToCents(v) > 0n;
  return true;
};

/**
 * The fields missing for a lead to stand at `to` (those of every stage up to it), in stage order; empty when the
 * move may be made. Moving forward may skip stages; moving back needs no data (the reason is the caller's rule).
 */
export function stageMissing(facts: LeadFacts, to: LeadStage): (keyof LeadFacts)[] {
  const out: (keyof LeadFacts)[] = [];
  for (const stage of leadStages.slice(0, leadStageIndex(to) + 1)) {
    for (const key of stageRequires[stage]) if (!present(facts, key) && !out.includes(key)) out.push(key);
  }
  return out;
}

/** Dates that must be in order when present: signed ≤ started ≤ production. Answers the pairs out of order. */
export function stageDateProblems(facts: LeadFacts): [keyof LeadFacts, keyof LeadFacts][] {
  const order: (keyof LeadFacts)[] = ['signedOn', 'startedOn', 'productionOn'];
  const out: [keyof LeadFacts, keyof LeadFacts][] = [];
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < order.length; j++) {
      const a = facts[order[i]!];
      const b = facts[order[j]!];
      if (a && b && a > b) out.push([order[i]!, order[j]!]);
    }
  }
  return out;
}

// ---- money in foreign currency ------------------------------------------------------------------------------------

/**
 * An amount in a foreign currency as 万元: amount (in the currency's units, e.g. USD) × rate (yuan per unit) / 10,000,
 * to the cent of 万元 (two decimals), rounded half up. The rate used is stored beside it.
 */
export function foreignToWan(amount: string, rate: string): string {
  // exact: amount and rate as scaled integers (six decimals each)
  const scale = (s: string) => {
    const parts = s.trim().split('.');
    const [i, f = ''] = parts;
    if (parts.length > 2 || !/^\d+$/.test(i!) || !/^\d*$/.test(f) || f.length > 6) throw new Error(`not a positive decimal with at most six places: ${s}`);
    return BigInt(i!) * 1_000_000n + BigInt(f.padEnd(6, '0'));
  };
  const product = scale(amount) * scale(rate); // yuan × 10^12
  // 万元 in hundredths: yuan × 100 / 10,000 = yuan / 100
  const hundredths = (product + 50n * 1_000_000_000_000n) / (100n * 1_000_000_000_000n);
  return centsToMoney(hundredths);
}

// ---- service clocks -----------------------------------------------------------------------------------------------

export interface ClockRule {
  code: string;
  /** Working days from registration (or from the last report, when recurring). */
  workingDays: number;
  /** Recurs after each report (跟踪报告 every 2 weeks), else once. */
  recurring: boolean;
}

/**
 * The city regulation's defaults: register and answer a lead within 1 working day; assess it within 3; feed back to
 * the referrer within a week (5 working days); report on followed leads every 2 weeks (10 working days).
 */
export const defaultClockRules: ClockRule[] = [
  { code: 'answer', workingDays: 1, recurring: false },
  { code: 'assess', workingDays: 3, recurring: false },
  { code: 'feedback', workingDays: 5, recurring: false },
  { code: 'report', workingDays: 10, recurring: true },
];

export type ClockState = 'done' | 'open' | 'dueToday' | 'overdue';

export interface ClockStatus {
  code: string;
  dueOn: string;
  doneOn: string | null;
  state: ClockState;
  /** Working days past the due day (overdue, or done late); 0 otherwise. */
  lateDays: number;
}

/**
 * The clocks of a lead registered on `registeredOn`: each due `workingDays` working days later (a recurring one from
 * its last completion), done when `done[code]` holds the day it was done. While the lead is pursued (`active`) an
 * undone clock past its day is overdue; a closed lead's open clocks stop.
 */
export function leadClocks(
  registeredOn: string,
  done: Readonly<Record<string, string | null | undefined>>,
  today: string,
  cal: CalendarExceptions,
  rules: readonly ClockRule[] = defaultClockRules,
  active = true,
): ClockStatus[] {
  return rules.map((rule) => {
    const doneOn = done[rule.code] ?? null;
    const from = rule.recurring && doneOn ? doneOn : registeredOn;
    const dueOn = addWorkingDays(from, rule.workingDays, cal);
    if (rule.recurring && doneOn) {
      // the next report falls due from the last one
      return status(rule.code, dueOn, null, today, cal, active);
    }
    return status(rule.code, dueOn, doneOn, today, cal, active);
  });
}

function status(code: string, dueOn: string, doneOn: string | null, today: string, cal: CalendarExceptions, active: boolean): ClockStatus {
  if (doneOn) return { code, dueOn, doneOn, state: 'done', lateDays: doneOn > dueOn ? workingDaysBetween(dueOn, doneOn, cal) : 0 };
  if (!active || today < dueOn) return { code, dueOn, doneOn: null, state: 'open', lateDays: 0 };
  if (today === dueOn) return { code, dueOn, doneOn: null, state: 'dueToday', lateDays: 0 };
  return { code, dueOn, doneOn: null, state: 'overdue', lateDays: workingDaysBetween(dueOn, today, cal) };
}

// ---- screening (挑商选资) ----------------------------------------------------------------------------------------

/** What a criterion measures; the value is computed from the lead's figures. */
export const criterionMeasures = ['investmentIntensity', 'taxPerMu', 'energyIntensity', 'environmentalCategory', 'chainFit'] as const;
export type CriterionMeasure = (typeof criterionMeasures)[number];

export interface Criterion {
  measure: CriterionMeasure;
  /** min: value ≥ threshold; max: value ≤ threshold; oneOf: value in allowed; required: value true. */
  rule: 'min' | 'max' | 'oneOf' | 'required';
  threshold?: number;
  allowed?: string[];
}

/** Defaults of a chemical park (configurable per zone): 300 万元/亩, 30 万元/亩 a year, 0.5 t standard coal per 万元. */
export const defaultCriteria: Criterion[] = [
  { measure: 'investmentIntensity', rule: 'min', threshold: 300 },
  { measure: 'taxPerMu', rule: 'min', threshold: 30 },
  { measure: 'energyIntensity', rule: 'max', threshold: 0.5 },
  { measure: 'environmentalCategory', rule: 'oneOf', allowed: ['reportForm', 'registration', 'report'] },
  { measure: 'chainFit', rule: 'required' },
];

/** The lead's figures a screening reads. */
export interface ScreeningInput {
  /** Planned investment, 万元. */
  plannedInvestment?: string | null;
  /** Land, 亩. */
  landMu?: number | null;
  /** Expected tax a year at full production, 万元. */
  expectedTax?: number | null;
  /** Energy use a year, tonnes of standard coal. */
  energyUse?: number | null;
  /** Expected output a year, 万元. */
  expectedOutput?: number | null;
  /** 环评类别 expected: report (报告书), reportForm (报告表), registration (登记表). */
  environmentalCategory?: string | null;
  /** The chain segment it fills, when any. */
  chainFit?: boolean | null;
}

export interface CriterionResult {
  measure: CriterionMeasure;
  value: number | string | boolean | null;
  pass: boolean | null;
  /** Why no value: the inputs it needs. */
  missing: (keyof ScreeningInput)[];
}

// twelve significant digits: 66 万元 over 2.2 亩 is 30, not the binary 29.999999999999996 that fails a min of 30
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a === null || a === undefined || !b ? null : Number((a / b).toPrecision(12)));

/** The value of a measure from the lead's figures, or the inputs it lacks. */
export function measureValue(measure: CriterionMeasure, x: ScreeningInput): { value: number | string | boolean | null; missing: (keyof ScreeningInput)[] } {
  const need = (keys: (keyof ScreeningInput)[]) =>
    keys.filter((k) => x[k] === null || x[k] === undefined || x[k] === '' || ((k === 'landMu' || k === 'expectedOutput') && !x[k]));
  switch (measure) {
    case 'investmentIntensity': {
      const missing = need(['plannedInvestment', 'landMu']);
      return { value: missing.length ? null : ratio(Number(x.plannedInvestment), x.landMu), missing };
    }
    case 'taxPerMu': {
      const missing = need(['expectedTax', 'landMu']);
      return { value: missing.length ? null : ratio(x.expectedTax, x.landMu), missing };
    }
    case 'energyIntensity': {
      const missing = need(['energyUse', 'expectedOutput']);
      return { value: missing.length ? null : ratio(x.energyUse, x.expectedOutput), missing };
    }
    case 'environmentalCategory': {
      const missing = need(['environmentalCategory']);
      return { value: missing.length ? null : (x.environmentalCategory ?? null), missing };
    }
    case 'chainFit': {
      const missing = need(['chainFit']);
      return { value: x.chainFit ?? null, missing };
    }
  }
}

/**
 * Checks a lead against the criteria: each with its computed value and pass/fail (null when a value is missing).
 * `complete` is false while any value is missing: an assessment is recorded only when complete.
 */
export function screen(x: ScreeningInput, criteria: readonly Criterion[] = defaultCriteria): { results: CriterionResult[]; complete: boolean; pass: boolean } {
  const results = criteria.map((c): CriterionResult => {
    const { value, missing } = measureValue(c.measure, x);
    if (value === null) return { measure: c.measure, value, pass: null, missing };
    let pass: boolean;
    if (c.rule === 'min') pass = typeof value === 'number' && value >= (c.threshold ?? 0);
    else if (c.rule === 'max') pass = typeof value === 'number' && value <= (c.threshold ?? Infinity);
    else if (c.rule === 'oneOf') pass = (c.allowed ?? []).includes(String(value));
    else pass = value === true;
    return { measure: c.measure, value, pass, missing };
  });
  const complete = results.every((r) => r.pass !== null);
  return { results, complete, pass: complete && results.every((r) => r.pass) };
}

/** Company names compared for duplicates: no spaces, brackets and the usual suffixes (有限公司, 股份有限公司, 集团). */
export function companyKey(name: string): string {
  return (
    name
      .normalize('NFKC')
      .replace(/\s+/g, '')
      .replace(/[()（）]/g, '')
      // repeated: 荣盛集团有限公司 loses both 有限公司 and 集团, as 荣盛集团 and 荣盛有限公司 do
      .replace(/(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司)+$/u, '')
      .toLowerCase()
  );
}
