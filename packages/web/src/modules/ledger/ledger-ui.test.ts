import { describe, expect, it } from 'vitest';
import { lightReasonText } from '@zoneops/shared';
import { deadlineBody, fileSize, isImage, joinList, listOf, reasonLang, reasonTexts, stateOfView, stepIndex, viewQuery } from './ledger-ui.ts';

describe('light reasons', () => {
  it('are the rule’s own text, in the page language', () => {
    const reasons = [
      { code: 'overdue', days: 5 },
      { code: 'dueSoon', days: 0 },
    ];
    expect(reasonTexts(reasons, 'zh')).toEqual(['逾期5天', '今日到期']);
    expect(reasonTexts(reasons, 'en')).toEqual([lightReasonText({ code: 'overdue', days: 5 }, 'en'), 'due today']);
    expect(reasonLang('en-US')).toBe('en');
    expect(reasonLang('zh-CN')).toBe('zh');
    expect(reasonLang(undefined)).toBe('zh');
  });

  it('show the code of a reason the client does not know', () => {
    expect(reasonTexts([{ code: 'somethingNew' }], 'zh')).toEqual(['somethingNew']);
  });
});

describe('status steps', () => {
  it('place each status, "ongoing" on the last step', () => {
    expect(stepIndex('assigned')).toBe(0);
    expect(stepIndex('notice')).toBe(6);
    expect(stepIndex('closed')).toBe(7);
    expect(stepIndex('ongoing')).toBe(7);
  });
});

describe('saved views', () => {
  it('keep the non-empty filters, the free text and the sort, without the ledger scope', () => {
    const q = viewQuery(
      { filters: { kind: 'supervision', ledgerId: 'L', light: 'red,yellow', focus: undefined, leadUnitId: '' }, q: ' 化工 ', sort: '-deadline' },
      ['kind', 'ledgerId'],
    );
    expect(q).toEqual({ light: 'red,yellow', q: '化工', sort: '-deadline' });
  });

  it('restore a view over the current filters, keeping the scope', () => {
    const s = stateOfView({ light: 'red', q: 'x' }, { kind: 'supervision', ledgerId: 'L', status: 'assigned', light: undefined }, ['kind', 'ledgerId']);
    expect(s).toEqual({ filters: { kind: 'supervision', ledgerId: 'L', status: undefined, light: 'red' }, q: 'x', sort: undefined });
  });

  it('turn comma lists into selections and back', () => {
    expect(listOf('red,yellow')).toEqual(['red', 'yellow']);
    expect(listOf(undefined)).toEqual([]);
    expect(joinList(['a', 'b'])).toBe('a,b');
    expect(joinList([])).toBeUndefined();
  });
});

describe('forms and files', () => {
  it('send exactly one kind of deadline', () => {
    expect(deadlineBody('date', '2026-03-01', 10)).toEqual({ deadline: '2026-03-01' });
    expect(deadlineBody('workingDays', '2026-03-01', 10)).toEqual({ deadlineWorkingDays: 10 });
  });

  it('know images and sizes', () => {
    expect(isImage('image/jpeg')).toBe(true);
    expect(isImage('image/svg+xml')).toBe(false);
    expect(isImage('application/pdf')).toBe(false);
    expect(fileSize(812)).toBe('812 B');
    expect(fileSize(1536)).toBe('1.5 KB');
    expect(fileSize(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
