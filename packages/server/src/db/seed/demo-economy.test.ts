import { describe, expect, it } from 'vitest';
import { buildDemoEconomy, DEMO_ECONOMY_DRAFT_CODES, DEMO_ECONOMY_LAST_MONTH } from './demo-economy.ts';
import { economyCatalogue } from './economy-catalogue.ts';

const data = buildDemoEconomy();

describe('buildDemoEconomy', () => {
  it('is deterministic', () => {
    expect(buildDemoEconomy()).toEqual(data);
  });

  it('has figures for every catalogue indicator, region and period, and a lead unit for each', () => {
    const monthly = economyCatalogue.filter((i) => i.frequency === 'month').length;
    const quarterly = economyCatalogue.length - monthly;
    // 2024-01 … 2026-10: 34 months; 2024-Q1 … 2026-Q3: 11 quarters.
    expect(data.figures).toHaveLength(data.regions.length * (monthly * 34 + quarterly * 11));
    expect(new Set(data.figures.map((f) => `${f.code}|${f.region}|${f.period}`)).size).toBe(data.figures.length);
    expect(Object.keys(data.leads).sort()).toEqual(economyCatalogue.map((i) => i.code).sort());
    expect(data.targets).toHaveLength(economyCatalogue.length * 2);
  });

  it('leaves as drafts only the last month of the leading indicators, entered before they are approved', () => {
    for (const f of data.figures) {
      expect(f.draft, `${f.code} ${f.period}`).toBe(DEMO_ECONOMY_DRAFT_CODES.includes(f.code) && f.period === DEMO_ECONOMY_LAST_MONTH);
      if (f.approvedAt) expect(f.approvedAt.getTime()).toBeGreaterThan(f.enteredAt.getTime());
      else expect(f.draft).toBe(true);
    }
  });
});
