import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api.ts';
import { byMonth, fieldErrorsOfCode, fundingCheck, isMasked, milestoneState, projectReasonTexts, tabOf } from './project-ui.ts';

describe('projectReasonTexts', () => {
  it('are the rule’s own words in the page language, unknown codes as they are', () => {
    const reasons = [{ code: 'nodeOverdue', node: 'topping', name: '主体封顶', nameEn: 'Structure topped out', days: 12 }, { code: 'somethingNew' }];
    expect(projectReasonTexts(reasons, 'zh')).toEqual(['节点“主体封顶”滞后12天', 'somethingNew']);
    expect(projectReasonTexts([{ code: 'onTrack' }], 'en')).toEqual(['on schedule']);
  });
});

describe('milestoneState', () => {
  const today = '2026-03-10';

  it('is done once there is an actual date, with the days it came late', () => {
    expect(milestoneState({ plannedOn: '2026-03-01', actualOn: '2026-03-05' }, today)).toEqual({ kind: 'done', late: 4 });
    expect(milestoneState({ plannedOn: '2026-03-20', actualOn: '2026-03-05' }, today)).toEqual({ kind: 'done', late: 0 });
    expect(milestoneState({ plannedOn: null, actualOn: '2026-03-05' }, today)).toEqual({ kind: 'done', late: 0 });
  });

  it('is overdue past its planned date, the server’s figure first', () => {
    expect(milestoneState({ plannedOn: '2026-02-28', actualOn: null }, today)).toEqual({ kind: 'overdue', days: 10 });
    expect(milestoneState({ plannedOn: '2026-02-28', actualOn: null, overdueDays: 9 }, today)).toEqual({ kind: 'overdue', days: 9 });
  });

  it('is due soon within the window, due later beyond it, unplanned without dates', () => {
    expect(milestoneState({ plannedOn: '2026-03-10', actualOn: null }, today)).toEqual({ kind: 'dueSoon', days: 0 });
    expect(milestoneState({ plannedOn: '2026-03-17', actualOn: null }, today)).toEqual({ kind: 'dueSoon', days: 7 });
    expect(milestoneState({ plannedOn: '2026-03-18', actualOn: null }, today)).toEqual({ kind: 'due', days: 8 });
    expect(milestoneState({ plannedOn: '2026-03-18', actualOn: null }, today, 10)).toEqual({ kind: 'dueSoon', days: 8 });
    expect(milestoneState({ plannedOn: null, actualOn: null }, today)).toEqual({ kind: 'unplanned' });
  });
});

describe('fundingCheck', () => {
  it('adds the lines exactly and compares them with the total', () => {
    expect(fundingCheck('100.30', [{ amount: '100.10' }, { amount: '0.2' }])).toEqual({ sum: '100.30', differs: false, diff: '0.00' });
    expect(fundingCheck('100', [{ amount: 60 }, { amount: '30' }])).toEqual({ sum: '90.00', differs: true, diff: '-10.00' });
    expect(fundingCheck('12345678901234.56', [{ amount: '12345678901234.55' }, { amount: '0.01' }]).differs).toBe(false);
  });

  it('counts lines without a valid amount as 0 and does not compare without lines', () => {
    expect(fundingCheck('10', [{ amount: 'x' }, { amount: null }, null, { amount: '10' }])).toEqual({ sum: '10.00', differs: false, diff: '0.00' });
    expect(fundingCheck('10', [])).toEqual({ sum: '0.00', differs: false, diff: '-10.00' });
    expect(fundingCheck(undefined, undefined).differs).toBe(false);
  });
});

describe('fieldErrorsOfCode', () => {
  const fields = { FUNDING_MISMATCH: [['totalInvestment'], ['funding']], OUTSIDE_ZONE: [['lng'], ['lat']] };

  it('puts the text of a rule error on the fields of its code', () => {
    const err = new ApiError(422, 'FUNDING_MISMATCH', 'x');
    expect(fieldErrorsOfCode(err, fields, '不一致')).toEqual([
      { name: ['totalInvestment'], errors: ['不一致'] },
      { name: ['funding'], errors: ['不一致'] },
    ]);
  });

  it('leaves errors that name their fields, other codes and other errors alone', () => {
    expect(fieldErrorsOfCode(new ApiError(422, 'OUTSIDE_ZONE', 'x', [{ path: 'body.lat', message: 'm' }]), fields, 't')).toEqual([]);
    expect(fieldErrorsOfCode(new ApiError(409, 'STALE_VERSION', 'x'), fields, 't')).toEqual([]);
    expect(fieldErrorsOfCode(new Error('x'), fields, 't')).toEqual([]);
  });
});

describe('small helpers', () => {
  it('see masked values', () => {
    expect(isMasked('138****1234')).toBe(true);
    expect(isMasked('13812341234')).toBe(false);
    expect(isMasked(null)).toBe(false);
  });

  it('read the tab from the URL', () => {
    const tabs = ['ledger', 'pipeline'] as const;
    expect(tabOf('pipeline', tabs)).toBe('pipeline');
    expect(tabOf('nope', tabs)).toBe('ledger');
    expect(tabOf(null, tabs)).toBe('ledger');
  });
});

describe('byMonth', () => {
  it('groups photos by the month they were taken (else uploaded), newest first', () => {
    const photos = [
      { id: 'a', takenAt: '2026-02-27T16:30:00Z', uploadedAt: '2026-03-05T00:00:00Z' },
      { id: 'b', takenAt: null, uploadedAt: '2026-03-02T00:00:00Z' },
      { id: 'c', takenAt: '2026-01-10T00:00:00Z', uploadedAt: '2026-03-01T00:00:00Z' },
      { id: 'd', takenAt: '2026-03-03T00:00:00Z', uploadedAt: '2026-03-03T00:00:00Z' },
    ];
    // in Shanghai, 2026-02-27T16:30Z is already 28 February; a month function of the test's choosing
    const groups = byMonth(photos, (iso) => iso.slice(0, 7));
    expect(groups.map((g) => [g.month, g.items.map((p) => p.id)])).toEqual([
      ['2026-03', ['d', 'b']],
      ['2026-02', ['a']],
      ['2026-01', ['c']],
    ]);
    expect(byMonth([], (iso) => iso)).toEqual([]);
  });
});
