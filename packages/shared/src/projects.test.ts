import { describe, expect, it } from 'vitest';
import {
  milestoneOverdueDays,
  centsToMoney,
  compareMoney,
  computeProjectLight,
  DEFAULT_REPORT_DUE_DAYS,
  defaultMilestoneTemplate,
  defaultProjectLightRule,
  duePeriods,
  isMoney,
  moneyToCents,
  normalizeMoney,
  percentOf,
  periodOfDay,
  periodRange,
  pipelineGroupOf,
  planMilestones,
  pointInPolygon,
  predecessorProblem,
  previousPeriod,
  PRODUCTION_NODE,
  type ProjectLightInput,
  type ProjectLightReason,
  projectLightReasonText,
  type ProjectStage,
  projectStages,
  reportDueOn,
  stageMoveNeedsReason,
  START_NODE,
  sumMoney,
  templateProblems,
  trackedStages,
} from './projects.ts';
import { moneySchema } from './schemas/projects.ts';

// ---- money ----------------------------------------------------------------------------------------------------

describe('money in 万元', () => {
  it('moneyToCents reads strings exactly as integer hundredths, including the largest numeric(16,2) amount', () => {
    expect(moneyToCents('1234.5')).toBe(123450n);
    expect(moneyToCents('1234.56')).toBe(123456n);
    expect(moneyToCents('1234')).toBe(123400n);
    expect(moneyToCents('0')).toBe(0n);
    expect(moneyToCents('0.01')).toBe(1n);
    expect(moneyToCents('007.5')).toBe(750n);
    expect(moneyToCents('99999999999999.99')).toBe(9999999999999999n);
    expect(moneyToCents('-99999999999999.99')).toBe(-9999999999999999n);
  });

  it('moneyToCents reads negatives, and "-0" is plain zero', () => {
    expect(moneyToCents('-0.5')).toBe(-50n);
    expect(moneyToCents('-12.34')).toBe(-1234n);
    expect(moneyToCents('-0')).toBe(0n);
    expect(moneyToCents('-0.00')).toBe(0n);
  });

  it('moneyToCents refuses three decimals, exponents, empty strings and anything that is not a plain amount', () => {
    for (const bad of ['1.234', '0.001', '1e5', '1E5', '', ' ', '.5', '5.', '+5', '1,000', '12 345', '--1', 'abc', '100000000000000', 'NaN', 'Infinity']) {
      expect(() => moneyToCents(bad), JSON.stringify(bad)).toThrow(RangeError);
    }
    expect(() => moneyToCents('1.234')).toThrow('not an amount in 万元: 1.234');
    expect(() => moneyToCents('')).toThrow('not an amount in 万元: ');
  });

  it('moneyToCents trims surrounding whitespace of a string: " 12 " is 12 万元 (the code trims before matching)', () => {
    expect(moneyToCents(' 12 ')).toBe(1200n);
    expect(moneyToCents('\t-3.5\n')).toBe(-350n);
    expect(isMoney(' 12 ')).toBe(false); // isMoney itself does not trim
  });

  it('moneyToCents rounds a number to the cent (toFixed), so 0.1 + 0.2 is exactly 0.30', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(moneyToCents(0.1 + 0.2)).toBe(30n);
    expect(moneyToCents(12.5)).toBe(1250n);
    expect(moneyToCents(-1.5)).toBe(-150n);
    expect(moneyToCents(1e5)).toBe(10000000n); // the number 1e5 is fine; the string "1e5" is not
    expect(moneyToCents(0)).toBe(0n);
    expect(moneyToCents(-0.001)).toBe(0n);
    // A number's third decimal is rounded by toFixed, not refused (the string form is refused, and moneySchema refuses both).
    expect(moneyToCents(1.234)).toBe(123n);
    expect(moneyToCents(0.125)).toBe(13n);
  });

  it('moneyToCents refuses numbers that are not finite or exceed 14 integer digits', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e15, 1e21]) {
      expect(() => moneyToCents(bad), String(bad)).toThrow(RangeError);
    }
  });

  it('a number cannot carry 99999999999999.99 exactly: the nearest double reads as ...98, so big amounts travel as strings', () => {
    const big = Number('99999999999999.99'); // what a client sends when it writes the amount as a number
    expect(moneyToCents(big)).toBe(9999999999999998n);
    expect(moneyToCents('99999999999999.99')).toBe(9999999999999999n);
  });

  it('centsToMoney writes two decimals and a sign', () => {
    expect(centsToMoney(123450n)).toBe('1234.50');
    expect(centsToMoney(0n)).toBe('0.00');
    expect(centsToMoney(1n)).toBe('0.01');
    expect(centsToMoney(10n)).toBe('0.10');
    expect(centsToMoney(-5n)).toBe('-0.05');
    expect(centsToMoney(-12345n)).toBe('-123.45');
    expect(centsToMoney(9999999999999999n)).toBe('99999999999999.99');
    expect(centsToMoney(-9999999999999999n)).toBe('-99999999999999.99');
  });

  it('normalizeMoney gives the canonical form', () => {
    expect(normalizeMoney('1234.5')).toBe('1234.50');
    expect(normalizeMoney('007')).toBe('7.00');
    expect(normalizeMoney(' 12 ')).toBe('12.00');
    expect(normalizeMoney('-0')).toBe('0.00');
    expect(normalizeMoney('-1.2')).toBe('-1.20');
    expect(normalizeMoney(0.1 + 0.2)).toBe('0.30');
    expect(normalizeMoney('99999999999999.99')).toBe('99999999999999.99');
    expect(() => normalizeMoney('1.005')).toThrow(RangeError);
  });

  it('sumMoney adds exactly, skips null, undefined and empty strings, and is "0.00" for nothing', () => {
    expect(sumMoney([])).toBe('0.00');
    expect(sumMoney([null, undefined, ''])).toBe('0.00');
    expect(sumMoney(['0.1', '0.2'])).toBe('0.30');
    expect(sumMoney([0.1, 0.2, 0.3])).toBe('0.60');
    expect(sumMoney(['10', null, '2.5', undefined, '', 3])).toBe('15.50');
    expect(sumMoney(['100', '-30.25'])).toBe('69.75');
    expect(sumMoney(['99999999999999.99', '-99999999999999.99', '0.01'])).toBe('0.01');
    // A thousand times 0.01 is exactly 10.00 (floating point would drift).
    expect(sumMoney(Array.from({ length: 1000 }, () => '0.01'))).toBe('10.00');
    // A sum may exceed 14 integer digits (it is not stored as one amount).
    expect(sumMoney(['99999999999999.99', '0.01'])).toBe('100000000000000.00');
    expect(sumMoney(['99999999999999.99', '99999999999999.99'])).toBe('199999999999999.98');
  });

  it('sumMoney refuses an invalid element instead of skipping it', () => {
    expect(() => sumMoney(['1', '1.234'])).toThrow(RangeError);
    expect(() => sumMoney(['1', ' '])).toThrow(RangeError);
  });

  it('compareMoney compares values, not strings', () => {
    expect(compareMoney('1.5', '1.50')).toBe(0);
    expect(compareMoney('9', '10')).toBe(-1);
    expect(compareMoney('10', '9')).toBe(1);
    expect(compareMoney('-1', '0')).toBe(-1);
    expect(compareMoney('-0', '0.00')).toBe(0);
    expect(compareMoney('99999999999999.99', '99999999999999.98')).toBe(1);
    expect(compareMoney('99999999999999.98', '99999999999999.99')).toBe(-1);
    expect(() => compareMoney('1e5', '1')).toThrow(RangeError);
  });

  it('percentOf gives one decimal, truncated toward zero, and null for a zero base', () => {
    expect(percentOf('50', '100')).toBe(50);
    expect(percentOf('1', '3')).toBe(33.3);
    expect(percentOf('2', '3')).toBe(66.6); // truncated, not rounded to 66.7
    expect(percentOf('89.99', '100')).toBe(89.9);
    expect(percentOf('150', '100')).toBe(150);
    expect(percentOf('0', '5')).toBe(0);
    expect(percentOf('-1', '3')).toBe(-33.3);
    expect(percentOf('5', '0')).toBeNull();
    expect(percentOf('5', '0.00')).toBeNull();
    expect(percentOf('99999999999999.99', '99999999999999.99')).toBe(100);
    expect(percentOf('0.01', '99999999999999.99')).toBe(0);
    expect(percentOf('70000000000000', '99999999999999.99')).toBe(70);
    expect(() => percentOf('1', '')).toThrow(RangeError);
  });
});

// ---- the API money schema -------------------------------------------------------------------------------------

describe('moneySchema', () => {
  const ok = (v: unknown) => moneySchema.parse(v);
  const refused = (v: unknown) => moneySchema.safeParse(v).success === false;

  it('accepts strings and numbers and normalises them to two decimals', () => {
    expect(ok('1234.5')).toBe('1234.50');
    expect(ok('1234')).toBe('1234.00');
    expect(ok('0.01')).toBe('0.01');
    expect(ok(' 12 ')).toBe('12.00');
    expect(ok('007.1')).toBe('7.10');
    expect(ok(1234.5)).toBe('1234.50');
    expect(ok(0)).toBe('0.00');
    expect(ok(-0)).toBe('0.00');
    expect(ok(1e5)).toBe('100000.00');
    expect(ok('99999999999999.99')).toBe('99999999999999.99');
  });

  it('a big number loses its last cent before it reaches the schema; the string keeps it', () => {
    expect(ok(Number('99999999999999.99'))).toBe('99999999999999.98');
  });

  it('refuses negatives, three decimals, exponents, empty strings and other types', () => {
    for (const v of ['-1', '-0.01', '-0', -1, -0.01, '1.234', 1.234, '1e5', '', '   ', '100000000000000', 1e15, 1e21, 1e-7, null, undefined, true, {}, []]) {
      expect(refused(v), JSON.stringify(v) ?? String(v)).toBe(true);
    }
  });

  it('refuses 0.1 + 0.2 sent as a number: its decimal form has more than two decimals', () => {
    expect(refused(0.1 + 0.2)).toBe(true);
    expect(ok(0.3)).toBe('0.30');
  });

  it('explains the refusal', () => {
    const r = moneySchema.safeParse('-5');
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual(['an amount in 万元 with at most two decimals']);
  });
});

// ---- reporting periods ----------------------------------------------------------------------------------------

describe('reporting periods', () => {
  it('periodRange of a month runs from the 1st to the month end', () => {
    expect(periodRange('2026-01')).toEqual({ start: '2026-01-01', end: '2026-01-31', year: 2026, month: 1 });
    expect(periodRange('2026-04')).toEqual({ start: '2026-04-01', end: '2026-04-30', year: 2026, month: 4 });
    expect(periodRange('2026-12')).toEqual({ start: '2026-12-01', end: '2026-12-31', year: 2026, month: 12 });
  });

  it('periodRange knows February in leap and common years (including the century rules)', () => {
    expect(periodRange('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29', year: 2024, month: 2 });
    expect(periodRange('2026-02')).toEqual({ start: '2026-02-01', end: '2026-02-28', year: 2026, month: 2 });
    expect(periodRange('2000-02').end).toBe('2000-02-29');
    expect(periodRange('2100-02').end).toBe('2100-02-28');
  });

  it('periodRange of a 旬: 1–10, 11–20, and 21 to the month end', () => {
    expect(periodRange('2026-03-1')).toEqual({ start: '2026-03-01', end: '2026-03-10', year: 2026, month: 3 });
    expect(periodRange('2026-03-2')).toEqual({ start: '2026-03-11', end: '2026-03-20', year: 2026, month: 3 });
    expect(periodRange('2026-03-3')).toEqual({ start: '2026-03-21', end: '2026-03-31', year: 2026, month: 3 });
    expect(periodRange('2026-04-3')).toEqual({ start: '2026-04-21', end: '2026-04-30', year: 2026, month: 4 });
    expect(periodRange('2024-02-3')).toEqual({ start: '2024-02-21', end: '2024-02-29', year: 2024, month: 2 });
    expect(periodRange('2026-02-3')).toEqual({ start: '2026-02-21', end: '2026-02-28', year: 2026, month: 2 });
    expect(periodRange('2026-02-2')).toEqual({ start: '2026-02-11', end: '2026-02-20', year: 2026, month: 2 });
  });

  it('periodRange refuses what is not a period', () => {
    for (const bad of ['2026-13', '2026-00', '2026-3', '2026-03-4', '2026-03-0', '2026-03-01', '26-03', '2026-03 ', '2026/03', '']) {
      expect(() => periodRange(bad), bad).toThrow(RangeError);
    }
    expect(() => periodRange('2026-13')).toThrow('not a reporting period: 2026-13');
  });

  it('periodOfDay: the month, or the 旬 a day falls in', () => {
    expect(periodOfDay('2026-03-31', 'month')).toBe('2026-03');
    expect(periodOfDay('2026-03-01', 'month')).toBe('2026-03');
    const tenDays = ['01', '10', '11', '20', '21', '31'].map((d) => periodOfDay(`2026-03-${d}`, 'tenDays'));
    expect(tenDays).toEqual(['2026-03-1', '2026-03-1', '2026-03-2', '2026-03-2', '2026-03-3', '2026-03-3']);
    expect(periodOfDay('2024-02-29', 'tenDays')).toBe('2024-02-3');
  });

  it('periodOfDay and periodRange agree on every day of a leap year', () => {
    for (let d = new Date(Date.UTC(2024, 0, 1)); d.getUTCFullYear() === 2024; d.setUTCDate(d.getUTCDate() + 1)) {
      const day = d.toISOString().slice(0, 10);
      for (const f of ['month', 'tenDays'] as const) {
        const r = periodRange(periodOfDay(day, f));
        expect(r.start <= day && day <= r.end, `${day} ${f}`).toBe(true);
      }
    }
  });

  it('previousPeriod steps back one month or one 旬, across month and year boundaries', () => {
    expect(previousPeriod('2026-03')).toBe('2026-02');
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(previousPeriod('2026-01-1')).toBe('2025-12-3');
    expect(previousPeriod('2026-03-1')).toBe('2026-02-3');
    expect(previousPeriod('2026-03-2')).toBe('2026-03-1');
    expect(previousPeriod('2026-03-3')).toBe('2026-03-2');
    expect(() => previousPeriod('2026-3')).toThrow(RangeError);
  });

  it('reportDueOn: by default the 5th day after the period ends', () => {
    expect(DEFAULT_REPORT_DUE_DAYS).toBe(5);
    expect(reportDueOn('2026-03')).toBe('2026-04-05');
    expect(reportDueOn('2026-02')).toBe('2026-03-05');
    expect(reportDueOn('2024-02')).toBe('2024-03-05');
    expect(reportDueOn('2026-12')).toBe('2027-01-05');
    expect(reportDueOn('2026-03-1')).toBe('2026-03-15');
    expect(reportDueOn('2026-03-2')).toBe('2026-03-25');
    expect(reportDueOn('2026-03-3')).toBe('2026-04-05');
    expect(reportDueOn('2024-02-3')).toBe('2024-03-05');
    expect(reportDueOn('2026-03', 10)).toBe('2026-04-10');
    expect(reportDueOn('2026-03', 0)).toBe('2026-03-31');
  });

  it('duePeriods lists the finished periods whose due day has passed, not the due day itself', () => {
    expect(duePeriods('2026-01-01', '2026-04-05', 'month')).toEqual(['2026-01', '2026-02']);
    expect(duePeriods('2026-01-01', '2026-04-06', 'month')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(duePeriods('2026-01-15', '2026-02-06', 'month')).toEqual(['2026-01']);
  });

  it('duePeriods crosses the year boundary and never includes the current period', () => {
    expect(duePeriods('2025-11-20', '2026-02-10', 'month')).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(duePeriods('2026-04-01', '2026-04-30', 'month')).toEqual([]);
    expect(duePeriods('2026-05-01', '2026-04-30', 'month')).toEqual([]);
  });

  it('duePeriods by 旬, over a leap February', () => {
    expect(duePeriods('2026-03-01', '2026-03-26', 'tenDays')).toEqual(['2026-03-1', '2026-03-2']);
    expect(duePeriods('2026-03-01', '2026-03-25', 'tenDays')).toEqual(['2026-03-1']);
    expect(duePeriods('2024-02-15', '2024-03-12', 'tenDays')).toEqual(['2024-02-2', '2024-02-3']);
    expect(duePeriods('2025-12-25', '2026-01-16', 'tenDays')).toEqual(['2025-12-3', '2026-01-1']);
  });

  it('duePeriods honours another due day', () => {
    expect(duePeriods('2026-01-01', '2026-02-01', 'month', 0)).toEqual(['2026-01']);
    expect(duePeriods('2026-01-01', '2026-02-10', 'month', 10)).toEqual([]);
    expect(duePeriods('2026-01-01', '2026-02-11', 'month', 10)).toEqual(['2026-01']);
  });
});

// ---- the milestone template -----------------------------------------------------------------------------------

describe('milestone template', () => {
  it('the default template has the 20 nodes of DOMAIN §4, in order', () => {
    expect(defaultMilestoneTemplate.code).toBe('default20');
    expect(defaultMilestoneTemplate.name).toBe('重点项目20个节点');
    expect(defaultMilestoneTemplate.nodes.map((n) => n.name)).toEqual([
      '项目申请报告',
      '可研',
      '初设及概算',
      '规划选址',
      '环评',
      '用地预审',
      '规划许可',
      '审图',
      '招投标',
      '施工许可',
      '供地',
      '水电接入',
      '其他前期',
      '进场',
      '基础开挖',
      '基础完成',
      '主体封顶',
      '装修或设备安装调试',
      '试投产',
      '正式投产',
    ]);
    expect(defaultMilestoneTemplate.nodes.map((n) => n.code)).toEqual([
      'application',
      'feasibility',
      'preliminaryDesign',
      'siteSelection',
      'eia',
      'landPreReview',
      'planningPermit',
      'drawingReview',
      'tendering',
      'constructionPermit',
      'landSupply',
      'utilities',
      'otherPrep',
      'siteEntry',
      'excavation',
      'foundation',
      'topping',
      'installation',
      'trialProduction',
      'production',
    ]);
    expect(defaultMilestoneTemplate.nodes.every((n) => n.nameEn.length > 0)).toBe(true);
    expect(START_NODE).toBe('siteEntry');
    expect(PRODUCTION_NODE).toBe('production');
  });

  it('the default template is sound, lists every predecessor before its node, and has parallel nodes', () => {
    expect(templateProblems(defaultMilestoneTemplate.nodes)).toEqual([]);
    const seen = new Set<string>();
    for (const n of defaultMilestoneTemplate.nodes) {
      for (const a of n.after) expect(seen.has(a), `${n.code} after ${a}`).toBe(true);
      seen.add(n.code);
    }
    const afterApplication = defaultMilestoneTemplate.nodes.filter((n) => n.after.join() === 'application').map((n) => n.code);
    expect(afterApplication).toEqual(['feasibility', 'siteSelection', 'otherPrep']);
    expect(defaultMilestoneTemplate.nodes.find((n) => n.code === 'constructionPermit')?.after).toEqual(['planningPermit', 'drawingReview', 'tendering']);
  });

  it('templateProblems finds duplicate codes', () => {
    expect(
      templateProblems([
        { code: 'a', after: [] },
        { code: 'b', after: ['a'] },
        { code: 'a', after: [] },
      ]),
    ).toEqual(['duplicate node a']);
  });

  it('templateProblems finds unknown predecessors', () => {
    expect(
      templateProblems([
        { code: 'a', after: [] },
        { code: 'b', after: ['a', 'x'] },
        { code: 'c', after: ['y'] },
      ]),
    ).toEqual(['node b: unknown predecessor x', 'node c: unknown predecessor y']);
  });

  it('templateProblems finds cycles, including a node that waits for itself', () => {
    expect(
      templateProblems([
        { code: 'a', after: ['b'] },
        { code: 'b', after: ['a'] },
      ]),
    ).toEqual(['cycle: a → b → a']);
    expect(templateProblems([{ code: 'a', after: ['a'] }])).toEqual(['cycle: a → a']);
    expect(
      templateProblems([
        { code: 'a', after: ['c'] },
        { code: 'b', after: ['a'] },
        { code: 'c', after: ['b'] },
      ]),
    ).toEqual(['cycle: a → c → b → a']);
  });

  it('templateProblems names only the nodes of the cycle, not the node that led to it', () => {
    expect(
      templateProblems([
        { code: 'c', after: ['a'] },
        { code: 'a', after: ['b'] },
        { code: 'b', after: ['a'] },
      ]),
    ).toEqual(['cycle: a → b → a']);
  });

  it('templateProblems accepts parallel branches that join (a diamond is no cycle) and an empty template', () => {
    expect(
      templateProblems([
        { code: 'a', after: [] },
        { code: 'b', after: ['a'] },
        { code: 'c', after: ['a'] },
        { code: 'd', after: ['b', 'c'] },
      ]),
    ).toEqual([]);
    expect(templateProblems([])).toEqual([]);
  });

  it('templateProblems lists duplicates, then unknown predecessors, then cycles', () => {
    expect(
      templateProblems([
        { code: 'a', after: ['b'] },
        { code: 'b', after: ['a', 'z'] },
        { code: 'b', after: ['a', 'z'] },
      ]),
    ).toEqual(['duplicate node b', 'node b: unknown predecessor z', 'node b: unknown predecessor z', 'cycle: a → b → a']);
  });

  it('planMilestones dates every node from the planned start and completion', () => {
    const plan = planMilestones(defaultMilestoneTemplate.nodes, '2026-01-01', '2026-12-31');
    expect(Object.fromEntries(plan.map((p) => [p.code, p.plannedOn]))).toEqual({
      application: '2025-02-05', // −330 days
      feasibility: '2025-03-07', // −300
      preliminaryDesign: '2025-05-06', // −240
      siteSelection: '2025-03-07', // −300
      eia: '2025-06-05', // −210
      landPreReview: '2025-05-06', // −240
      planningPermit: '2025-08-04', // −150
      drawingReview: '2025-09-03', // −120
      tendering: '2025-10-03', // −90
      constructionPermit: '2025-12-02', // −30
      landSupply: '2025-09-03', // −120
      utilities: '2025-12-02', // −30
      otherPrep: '2025-11-02', // −60
      siteEntry: '2026-01-01', // the planned start
      excavation: '2026-01-19', // 5% of 364 days = 18.2 → 18
      foundation: '2026-04-02', // 25% = 91
      topping: '2026-07-20', // 55% = 200.2 → 200
      installation: '2026-11-06', // 85% = 309.4 → 309
      trialProduction: '2026-12-31', // 100%: the planned completion
      production: '2027-03-01', // 60 days after the planned completion
    });
    expect(plan.map((p) => p.code)).toEqual(defaultMilestoneTemplate.nodes.map((n) => n.code));
  });

  it('planMilestones with completion before start puts the span nodes on the start', () => {
    const plan = planMilestones(defaultMilestoneTemplate.nodes, '2026-06-01', '2026-05-01');
    const on = Object.fromEntries(plan.map((p) => [p.code, p.plannedOn]));
    expect([on.excavation, on.foundation, on.topping, on.installation, on.trialProduction]).toEqual([
      '2026-06-01',
      '2026-06-01',
      '2026-06-01',
      '2026-06-01',
      '2026-06-01',
    ]);
    expect(on.production).toBe('2026-06-30');
  });

  it('planMilestones of a custom template', () => {
    expect(
      planMilestones(
        [
          { code: 'x', name: 'X', nameEn: 'X', plan: { anchor: 'start', days: 10 }, after: [] },
          { code: 'y', name: 'Y', nameEn: 'Y', plan: { anchor: 'span', share: 0.5 }, after: ['x'] },
        ],
        '2024-02-01',
        '2024-03-02',
      ),
    ).toEqual([
      { code: 'x', plannedOn: '2024-02-11' },
      { code: 'y', plannedOn: '2024-02-16' }, // half of 30 days (leap February)
    ]);
  });

  it('predecessorProblem: every predecessor needs an actual date on or before the node', () => {
    const node = { code: 'constructionPermit', after: ['planningPermit', 'drawingReview', 'tendering'] };
    const all = new Map<string, string | null>([
      ['planningPermit', '2026-05-01'],
      ['drawingReview', '2026-05-09'],
      ['tendering', '2026-05-10'],
    ]);
    expect(predecessorProblem(node, '2026-05-10', all)).toBeNull();
    expect(predecessorProblem(node, '2026-05-09', all)).toEqual({ predecessor: 'tendering', actualOn: '2026-05-10' });
    expect(predecessorProblem(node, '2026-05-10', new Map([...all, ['drawingReview', null]]))).toEqual({ predecessor: 'drawingReview', actualOn: null });
    const missing = new Map(all);
    missing.delete('planningPermit');
    expect(predecessorProblem(node, '2026-05-10', missing)).toEqual({ predecessor: 'planningPermit', actualOn: null });
    // The first one that breaks the rule, in the order of `after`.
    expect(predecessorProblem(node, '2026-05-01', all)).toEqual({ predecessor: 'drawingReview', actualOn: '2026-05-09' });
    expect(predecessorProblem({ code: 'application', after: [] }, '2020-01-01', new Map())).toBeNull();
  });
});

// ---- stages ---------------------------------------------------------------------------------------------------

describe('stages', () => {
  it('are the eight of the lifecycle, in order', () => {
    expect(projectStages).toEqual(['planned', 'reserve', 'nominated', 'listed', 'preparation', 'construction', 'completed', 'production']);
  });

  it('stageMoveNeedsReason: a move back needs a reason, a move forward (even skipping stages) or staying does not', () => {
    expect(stageMoveNeedsReason('reserve', 'listed')).toBe(false);
    expect(stageMoveNeedsReason('planned', 'production')).toBe(false);
    expect(stageMoveNeedsReason('construction', 'construction')).toBe(false);
    expect(stageMoveNeedsReason('construction', 'preparation')).toBe(true);
    expect(stageMoveNeedsReason('production', 'planned')).toBe(true);
    for (const [i, from] of projectStages.entries()) {
      for (const [j, to] of projectStages.entries()) expect(stageMoveNeedsReason(from, to), `${from} → ${to}`).toBe(j < i);
    }
  });

  it('pipelineGroupOf: 谋划、储备、申报 each their own group, everything from 列入 on has landed', () => {
    expect(Object.fromEntries(projectStages.map((s) => [s, pipelineGroupOf(s)]))).toEqual({
      planned: 'planning',
      reserve: 'reserve',
      nominated: 'nominated',
      listed: 'landed',
      preparation: 'landed',
      construction: 'landed',
      completed: 'landed',
      production: 'landed',
    });
  });
});

// ---- pointInPolygon -------------------------------------------------------------------------------------------

describe('pointInPolygon', () => {
  const outer = [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
    [0, 0],
  ];
  const hole = [
    [4, 4],
    [6, 4],
    [6, 6],
    [4, 6],
    [4, 4],
  ];

  it('is inside the outer ring and outside of it', () => {
    expect(pointInPolygon(2, 2, [outer])).toBe(true);
    expect(pointInPolygon(5, 5, [outer])).toBe(true);
    expect(pointInPolygon(11, 5, [outer])).toBe(false);
    expect(pointInPolygon(-1, 5, [outer])).toBe(false);
    expect(pointInPolygon(5, 11, [outer])).toBe(false);
    expect(pointInPolygon(5, -0.5, [outer])).toBe(false);
  });

  it('a point in a hole is not in the polygon; between the hole and the outer ring it is', () => {
    expect(pointInPolygon(5, 5, [outer, hole])).toBe(false);
    expect(pointInPolygon(4.5, 5.5, [outer, hole])).toBe(false);
    expect(pointInPolygon(5, 3, [outer, hole])).toBe(true);
    expect(pointInPolygon(1, 9, [outer, hole])).toBe(true);
    expect(pointInPolygon(12, 5, [outer, hole])).toBe(false);
  });

  it('handles a concave ring: the notch of an L is outside', () => {
    const l = [
      [0, 0],
      [10, 0],
      [10, 4],
      [4, 4],
      [4, 10],
      [0, 10],
      [0, 0],
    ];
    expect(pointInPolygon(2, 8, [l])).toBe(true);
    expect(pointInPolygon(8, 2, [l])).toBe(true);
    expect(pointInPolygon(8, 8, [l])).toBe(false);
  });

  it('works on real [lng, lat] coordinates and is false without any ring', () => {
    const park = [
      [118.78, 32.04],
      [118.82, 32.04],
      [118.82, 32.07],
      [118.78, 32.07],
      [118.78, 32.04],
    ];
    expect(pointInPolygon(118.8, 32.05, [park])).toBe(true);
    expect(pointInPolygon(32.05, 118.8, [park])).toBe(false); // lat/lng swapped
    expect(pointInPolygon(118.83, 32.05, [park])).toBe(false);
    expect(pointInPolygon(5, 5, [])).toBe(false);
  });
});

// ---- the light of a project -----------------------------------------------------------------------------------

describe('computeProjectLight', () => {
  const today = '2026-06-15';
  const node = (code: string, plannedOn: string | null, actualOn: string | null = null) => ({
    code,
    name: `节点${code}`,
    nameEn: `Node ${code}`,
    plannedOn,
    actualOn,
  });
  const input = (over: Partial<ProjectLightInput> = {}): ProjectLightInput => ({
    stage: 'construction',
    nodes: [],
    ytdCompleted: '100.00',
    ytdPlanned: '100.00',
    missingReports: [],
    ...over,
  });

  it('the default rule: 7 days, 90% and 70%, reports due on the 5th day', () => {
    expect(defaultProjectLightRule).toEqual({ yellowDays: 7, investYellowPercent: 90, investRedPercent: 70, reportDueDays: 5 });
    expect(trackedStages).toEqual(['listed', 'preparation', 'construction', 'completed']);
  });

  it('green when nothing is late, due soon or behind', () => {
    expect(computeProjectLight(input({ nodes: [node('a', '2026-06-23'), node('b', '2026-06-01', '2026-05-30'), node('c', null)] }), today)).toEqual({
      light: 'green',
      reasons: [{ code: 'onTrack' }],
    });
  });

  it('none, with the stage as the reason, for the stages that are not tracked, whatever their nodes', () => {
    const late = { nodes: [node('a', '2026-01-01')], ytdCompleted: '0.00', missingReports: ['2026-01', '2026-02'] };
    for (const stage of ['planned', 'reserve', 'nominated', 'production'] as ProjectStage[]) {
      expect(computeProjectLight(input({ ...late, stage }), today), stage).toEqual({ light: 'none', reasons: [{ code: 'notTracked', stage }] });
    }
    for (const stage of trackedStages) expect(computeProjectLight(input({ ...late, stage }), today).light, stage).toBe('red');
  });

  it('red for an overdue node, the most overdue first; done and unplanned nodes do not count', () => {
    const r = computeProjectLight(
      input({
        nodes: [node('a', '2026-06-10'), node('b', '2026-06-01'), node('c', '2026-06-14'), node('d', '2026-05-01', '2026-06-01'), node('e', null)],
      }),
      today,
    );
    expect(r).toEqual({
      light: 'red',
      reasons: [
        { code: 'nodeOverdue', node: 'b', name: '节点b', nameEn: 'Node b', days: 14 },
        { code: 'nodeOverdue', node: 'a', name: '节点a', nameEn: 'Node a', days: 5 },
        { code: 'nodeOverdue', node: 'c', name: '节点c', nameEn: 'Node c', days: 1 },
      ],
    });
  });

  it('yellow for a node due within 7 days (today included); 8 days away is not yet', () => {
    expect(computeProjectLight(input({ nodes: [node('a', '2026-06-22')] }), today)).toEqual({
      light: 'yellow',
      reasons: [{ code: 'nodeDueSoon', node: 'a', name: '节点a', nameEn: 'Node a', days: 7 }],
    });
    expect(computeProjectLight(input({ nodes: [node('a', '2026-06-15')] }), today)).toEqual({
      light: 'yellow',
      reasons: [{ code: 'nodeDueSoon', node: 'a', name: '节点a', nameEn: 'Node a', days: 0 }],
    });
    expect(computeProjectLight(input({ nodes: [node('a', '2026-06-23')] }), today).light).toBe('green');
    expect(computeProjectLight(input({ nodes: [node('a', '2026-06-14')] }), today).light).toBe('red');
  });

  it('the number of warning days comes from the rule', () => {
    const rule = { ...defaultProjectLightRule, yellowDays: 3 };
    expect(computeProjectLight(input({ nodes: [node('a', '2026-06-19')] }), today, rule).light).toBe('green');
    expect(computeProjectLight(input({ nodes: [node('a', '2026-06-18')] }), today, rule).reasons).toEqual([
      { code: 'nodeDueSoon', node: 'a', name: '节点a', nameEn: 'Node a', days: 3 },
    ]);
  });

  it('yellow for investment from 70% to below 90% of plan, red below 70%, nothing from 90% or with no plan', () => {
    const light = (ytdCompleted: string, ytdPlanned = '1000.00') => computeProjectLight(input({ ytdCompleted, ytdPlanned }), today);
    expect(light('700.00')).toEqual({ light: 'yellow', reasons: [{ code: 'investmentBehind', percent: 70 }] });
    expect(light('899.99')).toEqual({ light: 'yellow', reasons: [{ code: 'investmentBehind', percent: 89.9 }] });
    expect(light('699.99')).toEqual({ light: 'red', reasons: [{ code: 'investmentBehind', percent: 69.9 }] });
    expect(light('0.00')).toEqual({ light: 'red', reasons: [{ code: 'investmentBehind', percent: 0 }] });
    expect(light('900.00')).toEqual({ light: 'green', reasons: [{ code: 'onTrack' }] });
    expect(light('1500.00')).toEqual({ light: 'green', reasons: [{ code: 'onTrack' }] });
    expect(light('0.00', '0.00')).toEqual({ light: 'green', reasons: [{ code: 'onTrack' }] });
    // Exact on big amounts: one cent short of 90% of the largest plan is still behind.
    expect(light('89999999999999.99', '99999999999999.99').light).toBe('yellow');
  });

  it('yellow for one late report, with the days since its due day', () => {
    expect(computeProjectLight(input({ missingReports: ['2026-05'] }), today)).toEqual({
      light: 'yellow',
      reasons: [{ code: 'reportLate', period: '2026-05', days: 10 }], // due 2026-06-05
    });
    expect(computeProjectLight(input({ missingReports: ['2026-06-1'] }), today).reasons).toEqual([{ code: 'reportLate', period: '2026-06-1', days: 0 }]); // due today
    expect(computeProjectLight(input({ missingReports: ['2026-05'] }), today, { ...defaultProjectLightRule, reportDueDays: 12 }).reasons).toEqual([
      { code: 'reportLate', period: '2026-05', days: 3 },
    ]);
    // A period not yet due counts no negative days.
    expect(computeProjectLight(input({ missingReports: ['2026-06'] }), today).reasons).toEqual([{ code: 'reportLate', period: '2026-06', days: 0 }]);
  });

  it('red for two or more missing reports', () => {
    expect(computeProjectLight(input({ missingReports: ['2026-04', '2026-05'] }), today)).toEqual({
      light: 'red',
      reasons: [{ code: 'reportsMissing', count: 2 }],
    });
    expect(computeProjectLight(input({ missingReports: ['2026-03', '2026-04', '2026-05'] }), today).reasons).toEqual([{ code: 'reportsMissing', count: 3 }]);
  });

  it('reasons come in the documented order: red ones (overdue nodes, investment, missing reports) before yellow ones', () => {
    const r = computeProjectLight(
      input({
        nodes: [node('soon', '2026-06-20'), node('late', '2026-06-12'), node('later', '2026-05-15')],
        ytdCompleted: '10.00',
        missingReports: ['2026-04', '2026-05'],
      }),
      today,
    );
    expect(r.light).toBe('red');
    expect(r.reasons).toEqual([
      { code: 'nodeOverdue', node: 'later', name: '节点later', nameEn: 'Node later', days: 31 },
      { code: 'nodeOverdue', node: 'late', name: '节点late', nameEn: 'Node late', days: 3 },
      { code: 'investmentBehind', percent: 10 },
      { code: 'reportsMissing', count: 2 },
      { code: 'nodeDueSoon', node: 'soon', name: '节点soon', nameEn: 'Node soon', days: 5 },
    ]);
  });

  it('a red light keeps the yellow reasons after the red ones; a yellow light lists node, investment, report', () => {
    const red = computeProjectLight(
      input({ nodes: [node('soon', '2026-06-16'), node('late', '2026-06-14')], ytdCompleted: '80.00', missingReports: ['2026-05'] }),
      today,
    );
    expect(red.light).toBe('red');
    expect(red.reasons.map((x) => x.code)).toEqual(['nodeOverdue', 'nodeDueSoon', 'investmentBehind', 'reportLate']);
    const yellow = computeProjectLight(input({ nodes: [node('soon', '2026-06-16')], ytdCompleted: '80.00', missingReports: ['2026-05'] }), today);
    expect(yellow).toEqual({
      light: 'yellow',
      reasons: [
        { code: 'nodeDueSoon', node: 'soon', name: '节点soon', nameEn: 'Node soon', days: 1 },
        { code: 'investmentBehind', percent: 80 },
        { code: 'reportLate', period: '2026-05', days: 10 },
      ],
    });
  });
});

// ---- reason texts ---------------------------------------------------------------------------------------------

describe('projectLightReasonText', () => {
  const topping = { node: 'topping', name: '主体封顶', nameEn: 'Structure topped out' };
  const cases: [ProjectLightReason, string, string][] = [
    [{ code: 'onTrack' }, '按计划推进', 'on schedule'],
    [{ code: 'notTracked', stage: 'planned' }, '谋划阶段，不亮灯', 'planned: not tracked'],
    [{ code: 'notTracked', stage: 'reserve' }, '储备阶段，不亮灯', 'reserve: not tracked'],
    [{ code: 'notTracked', stage: 'nominated' }, '申报阶段，不亮灯', 'nominated: not tracked'],
    [{ code: 'notTracked', stage: 'production' }, '投产阶段，不亮灯', 'in production: not tracked'],
    [{ code: 'nodeOverdue', ...topping, days: 12 }, '节点“主体封顶”滞后12天', 'milestone "Structure topped out" 12 days late'],
    [{ code: 'nodeOverdue', ...topping, days: 1 }, '节点“主体封顶”滞后1天', 'milestone "Structure topped out" 1 day late'],
    [{ code: 'nodeDueSoon', ...topping, days: 0 }, '节点“主体封顶”今日到期', 'milestone "Structure topped out" due today'],
    [{ code: 'nodeDueSoon', ...topping, days: 1 }, '节点“主体封顶”1天后到期', 'milestone "Structure topped out" due in 1 day'],
    [{ code: 'nodeDueSoon', ...topping, days: 7 }, '节点“主体封顶”7天后到期', 'milestone "Structure topped out" due in 7 days'],
    [{ code: 'investmentBehind', percent: 65.5 }, '年度投资完成65.5%（低于计划进度）', 'investment at 65.5% of plan to date'],
    [{ code: 'investmentBehind', percent: 80 }, '年度投资完成80%（低于计划进度）', 'investment at 80% of plan to date'],
    [{ code: 'reportLate', period: '2026-05', days: 10 }, '2026-05投资月报逾期10天未报', 'investment report for 2026-05 10 days late'],
    [{ code: 'reportLate', period: '2026-05-2', days: 1 }, '2026-05-2投资旬报逾期1天未报', 'investment report for 2026-05-2 1 day late'],
    [{ code: 'reportsMissing', count: 3 }, '3期投资报表未报', '3 investment reports missing'],
  ];

  for (const [reason, zh, en] of cases) {
    it(`${JSON.stringify(reason)} reads "${zh}" / "${en}"`, () => {
      expect(projectLightReasonText(reason, 'zh')).toBe(zh);
      expect(projectLightReasonText(reason, 'en')).toBe(en);
      expect(projectLightReasonText(reason)).toBe(zh); // Chinese by default
    });
  }

  it('every reason code has a text in both languages', () => {
    const codes = new Set(cases.map(([r]) => r.code));
    expect([...codes].sort()).toEqual(['investmentBehind', 'nodeDueSoon', 'nodeOverdue', 'notTracked', 'onTrack', 'reportLate', 'reportsMissing']);
  });
});

describe('milestoneOverdueDays', () => {
  it('counts the days past the planned date of an open node only', () => {
    expect(milestoneOverdueDays({ plannedOn: '2026-11-01', actualOn: null }, '2026-11-23')).toBe(22);
    expect(milestoneOverdueDays({ plannedOn: '2026-11-23', actualOn: null }, '2026-11-23')).toBeNull();
    expect(milestoneOverdueDays({ plannedOn: '2026-11-01', actualOn: '2026-11-05' }, '2026-11-23')).toBeNull();
    expect(milestoneOverdueDays({ plannedOn: null, actualOn: null }, '2026-11-23')).toBeNull();
  });
});
