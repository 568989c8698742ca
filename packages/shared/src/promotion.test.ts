import { describe, expect, it } from 'vitest';
import {
  type ClockRule,
  companyKey,
  type Criterion,
  criterionMeasures,
  defaultClockRules,
  defaultCriteria,
  foreignToWan,
  type LeadFacts,
  leadClocks,
  leadStageIndex,
  leadStages,
  measureValue,
  type ScreeningInput,
  screen,
  stageDateProblems,
  stageMissing,
} from './promotion.ts';
import type { CalendarExceptions } from './working-days.ts';

// ---- lead stages ------------------------------------------------------------------------------------------------

describe('lead stages', () => {
  it('runs 线索 → 在谈 → 签约 → 拟开工 → 开工 → 到资 → 投产 in that order', () => {
    expect(leadStages).toEqual(['lead', 'negotiating', 'signed', 'preStart', 'started', 'capitalInPlace', 'production']);
    expect(leadStageIndex('lead')).toBe(0);
    expect(leadStageIndex('started')).toBe(4);
    expect(leadStageIndex('production')).toBe(6);
  });
});

describe('stageMissing', () => {
  const signedFacts: LeadFacts = { signedOn: '2026-03-18', signedAmount: '12000.50' };
  const allFacts: LeadFacts = {
    ...signedFacts,
    plannedStartOn: '2026-06-01',
    startedOn: '2026-06-15',
    capitalInPlace: '3000',
    productionOn: '2027-09-30',
  };

  it('asks nothing to stand at lead or negotiating', () => {
    expect(stageMissing({}, 'lead')).toEqual([]);
    expect(stageMissing({}, 'negotiating')).toEqual([]);
  });

  it('asks a signed lead for its signing date and amount', () => {
    expect(stageMissing({}, 'signed')).toEqual(['signedOn', 'signedAmount']);
    expect(stageMissing({ signedOn: '2026-03-18' }, 'signed')).toEqual(['signedAmount']);
    expect(stageMissing({ signedAmount: '12000.50' }, 'signed')).toEqual(['signedOn']);
    expect(stageMissing(signedFacts, 'signed')).toEqual([]);
  });

  it('treats null and empty strings as absent', () => {
    expect(stageMissing({ signedOn: null, signedAmount: null }, 'signed')).toEqual(['signedOn', 'signedAmount']);
    expect(stageMissing({ signedOn: '', signedAmount: '' }, 'signed')).toEqual(['signedOn', 'signedAmount']);
  });

  it('does not count a zero (or negative) amount as signed or as capital in place', () => {
    expect(stageMissing({ signedOn: '2026-03-18', signedAmount: '0' }, 'signed')).toEqual(['signedAmount']);
    expect(stageMissing({ signedOn: '2026-03-18', signedAmount: '0.00' }, 'signed')).toEqual(['signedAmount']);
    expect(stageMissing({ signedOn: '2026-03-18', signedAmount: '-5' }, 'signed')).toEqual(['signedAmount']);
    // 0.01 万元 = 100 yuan: the smallest amount that counts
    expect(stageMissing({ signedOn: '2026-03-18', signedAmount: '0.01' }, 'signed')).toEqual([]);
    expect(stageMissing({ ...allFacts, capitalInPlace: '0' }, 'capitalInPlace')).toEqual(['capitalInPlace']);
  });

  it('is cumulative: a lead moved straight to 开工 also needs the signing facts (and the planned start)', () => {
    // started = signed's [signedOn, signedAmount] + preStart's [plannedStartOn] + started's [startedOn], in stage order
    expect(stageMissing({}, 'started')).toEqual(['signedOn', 'signedAmount', 'plannedStartOn', 'startedOn']);
    expect(stageMissing({ startedOn: '2026-06-15' }, 'started')).toEqual(['signedOn', 'signedAmount', 'plannedStartOn']);
    expect(stageMissing({ startedOn: '2026-06-15', plannedStartOn: '2026-06-01', signedOn: '2026-03-18', signedAmount: '0' }, 'started')).toEqual([
      'signedAmount',
    ]);
    expect(stageMissing({ ...signedFacts, plannedStartOn: '2026-06-01', startedOn: '2026-06-15' }, 'started')).toEqual([]);
  });

  it('asks every fact to stand at production', () => {
    expect(stageMissing({}, 'production')).toEqual(['signedOn', 'signedAmount', 'plannedStartOn', 'startedOn', 'capitalInPlace', 'productionOn']);
    expect(stageMissing(allFacts, 'production')).toEqual([]);
  });

  it('needs nothing to move back to an earlier stage', () => {
    // a lead whose signing fell through goes back to 在谈 without any data
    expect(stageMissing({}, 'negotiating')).toEqual([]);
    expect(stageMissing({ startedOn: '2026-06-15' }, 'lead')).toEqual([]);
    // a lead at production moving back to 拟开工 already carries all that stage asks
    expect(stageMissing(allFacts, 'preStart')).toEqual([]);
  });
});

describe('stageDateProblems', () => {
  it('accepts dates in order, including equal ones', () => {
    expect(stageDateProblems({ signedOn: '2026-03-18', startedOn: '2026-06-15', productionOn: '2027-09-30' })).toEqual([]);
    expect(stageDateProblems({ signedOn: '2026-03-18', startedOn: '2026-03-18', productionOn: '2026-03-18' })).toEqual([]);
  });

  it('ignores absent dates', () => {
    expect(stageDateProblems({})).toEqual([]);
    expect(stageDateProblems({ signedOn: '2026-03-18', startedOn: null, productionOn: '' })).toEqual([]);
  });

  it('answers each pair out of order', () => {
    expect(stageDateProblems({ signedOn: '2026-03-18', startedOn: '2026-03-17' })).toEqual([['signedOn', 'startedOn']]);
    expect(stageDateProblems({ signedOn: '2026-03-18', startedOn: '2026-06-15', productionOn: '2026-06-14' })).toEqual([['startedOn', 'productionOn']]);
    // production before both: two pairs
    expect(stageDateProblems({ signedOn: '2026-03-18', startedOn: '2026-06-15', productionOn: '2026-01-01' })).toEqual([
      ['signedOn', 'productionOn'],
      ['startedOn', 'productionOn'],
    ]);
    // reversed throughout: all three pairs
    expect(stageDateProblems({ signedOn: '2027-01-01', startedOn: '2026-06-15', productionOn: '2026-01-01' })).toEqual([
      ['signedOn', 'startedOn'],
      ['signedOn', 'productionOn'],
      ['startedOn', 'productionOn'],
    ]);
  });

  it('checks signed against production when the start date is absent', () => {
    expect(stageDateProblems({ signedOn: '2026-05-01', productionOn: '2026-04-30' })).toEqual([['signedOn', 'productionOn']]);
  });
});

// ---- foreign currency -------------------------------------------------------------------------------------------

describe('foreignToWan', () => {
  it('converts at the rate and divides by 10,000', () => {
    // 1,000,000 USD × 7.1234 = 7,123,400 yuan = 712.34 万元
    expect(foreignToWan('1000000', '7.1234')).toBe('712.34');
    // 100,000,000 USD × 7.1234 = 712,340,000 yuan = 71,234 万元
    expect(foreignToWan('100000000', '7.1234')).toBe('71234.00');
    // 12,345.67 EUR × 7.654321 = 94,497.72114007 yuan = 9.449772114007 万元 → 9.45
    expect(foreignToWan('12345.67', '7.654321')).toBe('9.45');
    // 0 × anything = 0
    expect(foreignToWan('0', '7.1234')).toBe('0.00');
  });

  it('rounds half up at the hundredth of 万元', () => {
    // 1 × 50 = 50 yuan = 0.005 万元 → exactly half → 0.01
    expect(foreignToWan('1', '50')).toBe('0.01');
    // 1 × 49.999999 = 49.999999 yuan = 0.0049999999 万元 → 0.00
    expect(foreignToWan('1', '49.999999')).toBe('0.00');
    // 1,050 × 1 = 1,050 yuan = 0.105 万元 → half up 0.11 (half-even would give 0.10)
    expect(foreignToWan('1050', '1')).toBe('0.11');
    // 1,049.99 × 1 = 1,049.99 yuan = 0.104999 万元 → 0.10
    expect(foreignToWan('1049.99', '1')).toBe('0.10');
    // 2,345 × 7 = 16,415 yuan = 1.6415 万元 → 1.64
    expect(foreignToWan('2345', '7')).toBe('1.64');
  });

  it('accepts six decimals and surrounding spaces', () => {
    // 100 × 7 = 700 yuan = 0.07 万元
    expect(foreignToWan(' 100 ', '7')).toBe('0.07');
    // 10,000 × 0.000001 = 0.01 yuan = 0.000001 万元 → 0.00
    expect(foreignToWan('10000', '0.000001')).toBe('0.00');
    // 1,000,000 × 0.047123 (JPY) = 47,123 yuan = 4.7123 万元 → 4.71
    expect(foreignToWan('1000000', '0.047123')).toBe('4.71');
  });

  it('throws on bad input', () => {
    for (const bad of ['', ' ', 'abc', '-1', '1e6', '1,000', '1 000', '1.2.3', '1.1234567', '+5']) {
      expect(() => foreignToWan(bad, '7.1234'), bad).toThrow();
      expect(() => foreignToWan('1000', bad), bad).toThrow();
    }
  });
});

// ---- service clocks ---------------------------------------------------------------------------------------------

// The 2026 National Day week: Thursday 1 – Wednesday 7 October off, Saturday 10 October worked (调休).
// Working days after Wednesday 30 September:
//   1: Thu 10-08   2: Fri 10-09   3: Sat 10-10 (make-up)   4: Mon 10-12   5: Tue 10-13
//   6: Wed 10-14   7: Thu 10-15   8: Fri 10-16   9: Mon 10-19   10: Tue 10-20
const cal: CalendarExceptions = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']),
  workdays: new Set(['2026-10-10']),
};
const registeredOn = '2026-09-30';

describe('leadClocks', () => {
  it('sets the due days in working days across the holiday and the make-up Saturday', () => {
    const clocks = leadClocks(registeredOn, {}, '2026-09-30', cal);
    expect(clocks.map((c) => [c.code, c.dueOn])).toEqual([
      ['answer', '2026-10-08'], // 1 working day: the first working day after the holiday
      ['assess', '2026-10-10'], // 3: the make-up Saturday
      ['feedback', '2026-10-13'], // 5
      ['report', '2026-10-20'], // 10
    ]);
    expect(clocks.every((c) => c.state === 'open' && c.lateDays === 0 && c.doneOn === null)).toBe(true);
  });

  it('stays open during the holiday and is due today on the due day', () => {
    const during = leadClocks(registeredOn, {}, '2026-10-05', cal);
    expect(during.map((c) => c.state)).toEqual(['open', 'open', 'open', 'open']);
    const due = leadClocks(registeredOn, {}, '2026-10-08', cal);
    expect(due.map((c) => [c.code, c.state, c.lateDays])).toEqual([
      ['answer', 'dueToday', 0],
      ['assess', 'open', 0],
      ['feedback', 'open', 0],
      ['report', 'open', 0],
    ]);
    // the make-up Saturday is a due day like any other
    expect(leadClocks(registeredOn, {}, '2026-10-10', cal)[1]).toMatchObject({ code: 'assess', state: 'dueToday', lateDays: 0 });
  });

  it('counts overdue days in working days', () => {
    const clocks = leadClocks(registeredOn, {}, '2026-10-12', cal);
    expect(clocks.map((c) => [c.code, c.state, c.lateDays])).toEqual([
      // due Thu 10-08; working days after it up to Mon 10-12: 10-09, 10-10 (make-up), 10-12 = 3
      ['answer', 'overdue', 3],
      // due Sat 10-10; after it up to 10-12: Sunday 10-11 is off, 10-12 = 1
      ['assess', 'overdue', 1],
      ['feedback', 'open', 0],
      ['report', 'open', 0],
    ]);
  });

  it('marks done clocks, late by the working days past the due day', () => {
    const clocks = leadClocks(registeredOn, { answer: '2026-10-08', assess: '2026-10-12', feedback: '2026-10-09', report: null }, '2026-10-14', cal);
    expect(clocks).toEqual([
      { code: 'answer', dueOn: '2026-10-08', doneOn: '2026-10-08', state: 'done', lateDays: 0 }, // on the day
      { code: 'assess', dueOn: '2026-10-10', doneOn: '2026-10-12', state: 'done', lateDays: 1 }, // Sunday not counted
      { code: 'feedback', dueOn: '2026-10-13', doneOn: '2026-10-09', state: 'done', lateDays: 0 }, // early
      { code: 'report', dueOn: '2026-10-20', doneOn: null, state: 'open', lateDays: 0 },
    ]);
    // done during the holiday, before the due day: on time
    expect(leadClocks(registeredOn, { answer: '2026-10-03' }, '2026-10-14', cal)[0]).toMatchObject({ state: 'done', lateDays: 0 });
  });

  it('counts a recurring report clock from its last completion', () => {
    // first report on its due day 10-20; the next is due 10 working days later:
    //   10-21, 22, 23 (3), 26, 27, 28, 29, 30 (8), Mon 11-02 (9), Tue 11-03 (10)
    const report = (today: string) => leadClocks(registeredOn, { report: '2026-10-20' }, today, cal)[3]!;
    expect(report('2026-10-30')).toEqual({ code: 'report', dueOn: '2026-11-03', doneOn: null, state: 'open', lateDays: 0 });
    expect(report('2026-11-03')).toMatchObject({ dueOn: '2026-11-03', state: 'dueToday', lateDays: 0 });
    expect(report('2026-11-04')).toMatchObject({ dueOn: '2026-11-03', state: 'overdue', lateDays: 1 });
    // Mon 11-09: 11-04, 05, 06, 09 = 4 (the weekend not counted)
    expect(report('2026-11-09')).toMatchObject({ dueOn: '2026-11-03', state: 'overdue', lateDays: 4 });
    // a report made late (10-22) moves the next due day with it: 10 working days after 10-22 is 11-05
    //   10-23 (1), 26..30 (6), 11-02, 03, 04 (9), 11-05 (10)
    expect(leadClocks(registeredOn, { report: '2026-10-22' }, '2026-11-05', cal)[3]).toMatchObject({ dueOn: '2026-11-05', state: 'dueToday' });
  });

  it('never makes an inactive lead overdue', () => {
    const clocks = leadClocks(registeredOn, { answer: '2026-10-09' }, '2026-11-30', cal, defaultClockRules, false);
    expect(clocks.map((c) => [c.code, c.state, c.lateDays])).toEqual([
      ['answer', 'done', 1], // done clocks keep their record: due 10-08, done 10-09 = 1 late
      ['assess', 'open', 0],
      ['feedback', 'open', 0],
      ['report', 'open', 0],
    ]);
    // not due today either
    expect(leadClocks(registeredOn, {}, '2026-10-08', cal, defaultClockRules, false)[0]).toMatchObject({ state: 'open' });
    // a recurring clock past due after its last report stays open too
    expect(leadClocks(registeredOn, { report: '2026-10-20' }, '2026-11-30', cal, defaultClockRules, false)[3]).toMatchObject({
      state: 'open',
      lateDays: 0,
    });
  });

  it('starts from the next working day when registered on a day off', () => {
    // registered Sat 10-03 (holiday): day 0 is Thu 10-08, so 1 working day is Fri 10-09, 3 is Mon 10-12
    const clocks = leadClocks('2026-10-03', {}, '2026-10-09', cal);
    expect(clocks.map((c) => [c.code, c.dueOn, c.state])).toEqual([
      ['answer', '2026-10-09', 'dueToday'],
      ['assess', '2026-10-12', 'open'],
      ['feedback', '2026-10-14', 'open'],
      ['report', '2026-10-21', 'open'],
    ]);
  });

  it('takes configured rules', () => {
    // assessment with experts: up to a week (5 working days), then a monthly report (22 working days)
    const rules: ClockRule[] = [
      { code: 'assess', workingDays: 5, recurring: false },
      { code: 'report', workingDays: 22, recurring: true },
    ];
    // 22 working days after 10-20: Oct 21–30 (8), Nov 2–6 (13), 9–13 (18), 16–19 (22) → 11-19
    const clocks = leadClocks(registeredOn, { report: '2026-10-20' }, '2026-10-14', cal, rules);
    expect(clocks.map((c) => [c.code, c.dueOn, c.state, c.lateDays])).toEqual([
      ['assess', '2026-10-13', 'overdue', 1],
      ['report', '2026-11-19', 'open', 0],
    ]);
  });
});

// ---- screening --------------------------------------------------------------------------------------------------

/** Every default criterion exactly at its threshold: 45,000 万元 / 150 亩 = 300; 4,500 / 150 = 30; 5,000 t / 10,000 万元 = 0.5. */
const atThresholds: ScreeningInput = {
  plannedInvestment: '45000',
  landMu: 150,
  expectedTax: 4500,
  energyUse: 5000,
  expectedOutput: 10000,
  environmentalCategory: 'reportForm',
  chainFit: true,
};

describe('measureValue', () => {
  it('computes each measure', () => {
    // 36,000 万元 / 120 亩 = 300 万元/亩
    expect(measureValue('investmentIntensity', { plannedInvestment: '36000', landMu: 120 })).toEqual({ value: 300, missing: [] });
    // 3,600 万元 / 120 亩 = 30 万元/亩
    expect(measureValue('taxPerMu', { expectedTax: 3600, landMu: 120 })).toEqual({ value: 30, missing: [] });
    // 1,200 t / 4,000 万元 = 0.3 t/万元
    expect(measureValue('energyIntensity', { energyUse: 1200, expectedOutput: 4000 })).toEqual({ value: 0.3, missing: [] });
    expect(measureValue('environmentalCategory', { environmentalCategory: 'report' })).toEqual({ value: 'report', missing: [] });
    expect(measureValue('chainFit', { chainFit: true })).toEqual({ value: true, missing: [] });
    // false is a value, not a missing input
    expect(measureValue('chainFit', { chainFit: false })).toEqual({ value: false, missing: [] });
  });

  it('reads decimals of land and money exactly at the boundary', () => {
    // 20,010 万元 / 66.7 亩 = 300; 66 万元 / 2.2 亩 = 30 (in binary 66 / 2.2 = 29.999999999999996)
    expect(measureValue('investmentIntensity', { plannedInvestment: '20010.00', landMu: 66.7 }).value).toBe(300);
    expect(measureValue('taxPerMu', { expectedTax: 66, landMu: 2.2 }).value).toBe(30);
  });

  it('accepts zero numerators', () => {
    expect(measureValue('taxPerMu', { expectedTax: 0, landMu: 50 })).toEqual({ value: 0, missing: [] });
    expect(measureValue('energyIntensity', { energyUse: 0, expectedOutput: 1000 })).toEqual({ value: 0, missing: [] });
  });

  it('names the inputs it lacks', () => {
    expect(measureValue('investmentIntensity', {})).toEqual({ value: null, missing: ['plannedInvestment', 'landMu'] });
    expect(measureValue('investmentIntensity', { plannedInvestment: '', landMu: 10 })).toEqual({ value: null, missing: ['plannedInvestment'] });
    // no land (0 亩) gives no intensity
    expect(measureValue('investmentIntensity', { plannedInvestment: '3000', landMu: 0 })).toEqual({ value: null, missing: ['landMu'] });
    expect(measureValue('taxPerMu', { expectedTax: null, landMu: 10 })).toEqual({ value: null, missing: ['expectedTax'] });
    expect(measureValue('taxPerMu', { expectedTax: 300 })).toEqual({ value: null, missing: ['landMu'] });
    expect(measureValue('energyIntensity', { expectedOutput: 1000 })).toEqual({ value: null, missing: ['energyUse'] });
    // no output (0 万元) gives no intensity either
    expect(measureValue('energyIntensity', { energyUse: 100, expectedOutput: 0 })).toEqual({ value: null, missing: ['expectedOutput'] });
    expect(measureValue('environmentalCategory', {})).toEqual({ value: null, missing: ['environmentalCategory'] });
    expect(measureValue('environmentalCategory', { environmentalCategory: '' })).toEqual({ value: null, missing: ['environmentalCategory'] });
    expect(measureValue('chainFit', { chainFit: null })).toEqual({ value: null, missing: ['chainFit'] });
  });

  it('covers every measure', () => {
    for (const m of criterionMeasures) expect(measureValue(m, atThresholds).missing).toEqual([]);
  });
});

describe('screen', () => {
  it('passes a lead at every threshold: lower and upper boundaries are inclusive', () => {
    const r = screen(atThresholds);
    expect(r.results).toEqual([
      { measure: 'investmentIntensity', value: 300, pass: true, missing: [] },
      { measure: 'taxPerMu', value: 30, pass: true, missing: [] },
      { measure: 'energyIntensity', value: 0.5, pass: true, missing: [] },
      { measure: 'environmentalCategory', value: 'reportForm', pass: true, missing: [] },
      { measure: 'chainFit', value: true, pass: true, missing: [] },
    ]);
    expect(r.complete).toBe(true);
    expect(r.pass).toBe(true);
  });

  it('passes at a boundary reached with decimal land', () => {
    // 66 万元 tax / 2.2 亩 = 30 万元/亩, exactly the minimum
    const r = screen({ expectedTax: 66, landMu: 2.2 }, [{ measure: 'taxPerMu', rule: 'min', threshold: 30 }]);
    expect(r).toEqual({ results: [{ measure: 'taxPerMu', value: 30, pass: true, missing: [] }], complete: true, pass: true });
  });

  it('fails each criterion just past its threshold', () => {
    const cases: [ScreeningInput, number][] = [
      // 44,985 / 150 = 299.9 < 300
      [{ ...atThresholds, plannedInvestment: '44985' }, 0],
      // 4,485 / 150 = 29.9 < 30
      [{ ...atThresholds, expectedTax: 4485 }, 1],
      // 5,001 / 10,000 = 0.5001 > 0.5
      [{ ...atThresholds, energyUse: 5001 }, 2],
      // 'other' is not among reportForm / registration / report
      [{ ...atThresholds, environmentalCategory: 'other' }, 3],
      // fills no chain segment
      [{ ...atThresholds, chainFit: false }, 4],
    ];
    for (const [input, failing] of cases) {
      const r = screen(input);
      expect(r.results.map((x) => x.pass)).toEqual([0, 1, 2, 3, 4].map((i) => i !== failing));
      expect(r.complete).toBe(true);
      expect(r.pass).toBe(false);
    }
    expect(screen({ ...atThresholds, plannedInvestment: '44985' }).results[0]!.value).toBeCloseTo(299.9, 10);
  });

  it('is incomplete while a value is missing, and names the missing inputs', () => {
    const r = screen({});
    expect(r.results.map((x) => [x.measure, x.pass, x.missing])).toEqual([
      ['investmentIntensity', null, ['plannedInvestment', 'landMu']],
      ['taxPerMu', null, ['expectedTax', 'landMu']],
      ['energyIntensity', null, ['energyUse', 'expectedOutput']],
      ['environmentalCategory', null, ['environmentalCategory']],
      ['chainFit', null, ['chainFit']],
    ]);
    expect(r.complete).toBe(false);
    expect(r.pass).toBe(false);
  });

  it('is incomplete with a single missing value, even when the rest pass', () => {
    const r = screen({ ...atThresholds, energyUse: null });
    expect(r.results[2]).toEqual({ measure: 'energyIntensity', value: null, pass: null, missing: ['energyUse'] });
    expect(r.results.filter((x) => x.pass === true)).toHaveLength(4);
    expect(r.complete).toBe(false);
    expect(r.pass).toBe(false);
    // an empty category is missing too, not a failure
    const blank = screen({ ...atThresholds, environmentalCategory: '' });
    expect(blank.results[3]).toEqual({ measure: 'environmentalCategory', value: null, pass: null, missing: ['environmentalCategory'] });
    expect(blank.complete).toBe(false);
  });

  it('applies min, max, oneOf and required rules as configured', () => {
    const x: ScreeningInput = { ...atThresholds, environmentalCategory: 'registration' };
    const criteria: Criterion[] = [
      { measure: 'investmentIntensity', rule: 'min', threshold: 300.01 }, // 300 < 300.01
      { measure: 'investmentIntensity', rule: 'max', threshold: 300 }, // 300 ≤ 300
      { measure: 'taxPerMu', rule: 'min', threshold: 30 }, // 30 ≥ 30
      { measure: 'energyIntensity', rule: 'max', threshold: 0.49 }, // 0.5 > 0.49
      { measure: 'environmentalCategory', rule: 'oneOf', allowed: ['registration'] },
      { measure: 'environmentalCategory', rule: 'oneOf', allowed: ['report', 'reportForm'] },
      { measure: 'environmentalCategory', rule: 'oneOf' }, // nothing allowed
      { measure: 'chainFit', rule: 'required' },
    ];
    const r = screen(x, criteria);
    expect(r.results.map((c) => c.pass)).toEqual([false, true, true, false, true, false, false, true]);
    expect(r.complete).toBe(true);
    expect(r.pass).toBe(false);
    expect(screen({ chainFit: false }, [{ measure: 'chainFit', rule: 'required' }]).pass).toBe(false);
    expect(screen({ chainFit: true }, [{ measure: 'chainFit', rule: 'required' }]).pass).toBe(true);
  });

  it('uses the chemical-park defaults', () => {
    expect(defaultCriteria.map((c) => [c.measure, c.rule, c.threshold ?? c.allowed ?? null])).toEqual([
      ['investmentIntensity', 'min', 300],
      ['taxPerMu', 'min', 30],
      ['energyIntensity', 'max', 0.5],
      ['environmentalCategory', 'oneOf', ['reportForm', 'registration', 'report']],
      ['chainFit', 'required', null],
    ]);
  });
});

// ---- duplicates -------------------------------------------------------------------------------------------------

describe('companyKey', () => {
  it('drops the usual suffixes', () => {
    expect(companyKey('荣盛石化股份有限公司')).toBe('荣盛石化');
    expect(companyKey('荣盛石化有限责任公司')).toBe('荣盛石化');
    expect(companyKey('荣盛石化有限公司')).toBe('荣盛石化');
    expect(companyKey('荣盛石化集团公司')).toBe('荣盛石化');
    expect(companyKey('荣盛石化集团')).toBe('荣盛石化');
    expect(companyKey('荣盛石化公司')).toBe('荣盛石化');
    // 集团 followed by a legal form: both go, so it matches 荣盛石化集团 and 荣盛石化有限公司
    expect(companyKey('荣盛石化集团有限公司')).toBe('荣盛石化');
    expect(companyKey('荣盛石化集团股份有限公司')).toBe('荣盛石化');
  });

  it('drops a suffix only at the end', () => {
    expect(companyKey('公司之家科技有限公司')).toBe('公司之家科技');
    expect(companyKey('集团化工贸易')).toBe('集团化工贸易');
  });

  it('ignores brackets, full-width or not, and keeps what they enclose', () => {
    expect(companyKey('恒逸石化（宁波）有限公司')).toBe('恒逸石化宁波');
    expect(companyKey('恒逸石化(宁波)有限公司')).toBe('恒逸石化宁波');
  });

  it('ignores spaces, including the full-width space', () => {
    expect(companyKey(' 恒逸 石化\t有限公司 ')).toBe('恒逸石化');
    expect(companyKey('恒逸\u3000石化有限公司')).toBe('恒逸石化');
  });

  it('folds full-width and upper-case Latin letters', () => {
    expect(companyKey('ＢＡＳＦ（中国）有限公司')).toBe('basf中国');
    expect(companyKey('BASF (中国) 有限公司')).toBe('basf中国');
  });

  it('makes the variants of one company equal and different companies distinct', () => {
    expect(companyKey('浙江 荣盛控股集团有限公司')).toBe(companyKey('浙江荣盛控股集团'));
    expect(companyKey('浙江荣盛控股集团有限公司')).not.toBe(companyKey('浙江恒逸集团有限公司'));
  });
});
