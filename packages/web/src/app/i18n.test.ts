import { describe, expect, it } from 'vitest';
import {
  calendarDayKinds,
  channelKinds,
  dataScopes,
  enterpriseStatuses,
  enterpriseTags,
  errorStatus,
  menuCatalogue,
  permissionCatalogue,
  unitKinds,
  userStatuses,
  auditResults,
  deadlineClasses,
  ledgerActions,
  ledgerSources,
  ledgerStatuses,
  ledgerTimestamps,
  lights,
  meetingCadences,
  meetingStatuses,
  priorities,
  reportingFrequencies,
} from '@zoneops/shared';
import { enUS } from '../locales/en-US.ts';
import { zhCN } from '../locales/zh-CN.ts';

function flatten(obj: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

const zh = flatten(zhCN);
const en = flatten(enUS);

describe('locales', () => {
  it('have exactly the same keys', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('have only non-empty strings', () => {
    for (const [locale, map] of [
      ['zh-CN', zh],
      ['en-US', en],
    ] as const) {
      for (const [key, value] of map) {
        expect(typeof value === 'string' && value.trim() !== '', `${locale} ${key}`).toBe(true);
      }
    }
  });

  it('keep interpolation placeholders identical across languages', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of zh) expect(vars(en.get(key)), key).toEqual(vars(value));
  });

  const required = [
    ...Object.keys(errorStatus).map((c) => `errors.${c}`),
    ...menuCatalogue.map((m) => `menu.${m.key}`),
    ...permissionCatalogue.map((p) => `permission.${p.code}`),
    ...permissionCatalogue.map((p) => `permGroup.${p.group}`),
    ...unitKinds.map((k) => `unitKind.${k}`),
    ...enterpriseStatuses.map((s) => `enterpriseStatus.${s}`),
    ...enterpriseTags.map((s) => `enterpriseTag.${s}`),
    ...dataScopes.map((s) => `dataScope.${s}`),
    ...userStatuses.map((s) => `userStatus.${s}`),
    ...channelKinds.map((s) => `channelKind.${s}`),
    ...calendarDayKinds.map((s) => `calendar.${s}`),
    ...auditResults.map((s) => `auditResult.${s}`),
    ...ledgerSources.map((s) => `ledgerSource.${s}`),
    ...ledgerStatuses.map((s) => `ledgerStatus.${s}`),
    ...lights.map((s) => `ledgerLight.${s}`),
    ...priorities.map((s) => `ledgerPriority.${s}`),
    ...reportingFrequencies.map((s) => `ledgerFrequency.${s}`),
    ...deadlineClasses.flatMap((s) => [`deadlineClass.${s}`, `deadlineClassShort.${s}`]),
    ...ledgerActions.map((s) => `ledgerAction.${s}`),
    ...ledgerTimestamps.map((s) => `ledger.timestamps.${s}`),
    ...['supervisor', 'lead', 'co', 'leader'].map((s) => `ledgerRole.${s}`),
    ...['progress', 'effect', 'decomposition'].flatMap((s) => [`ledger.progress.kinds.${s}`, `ledger.event.progress.${s}`]),
    ...['evidence', 'photo', 'document'].map((s) => `ledger.files.purposes.${s}`),
    ...['pending', 'escalated', 'approved', 'rejected'].map((s) => `ledger.extension.statuses.${s}`),
    ...['approve', 'reject', 'escalate'].map((s) => `ledger.extension.decisions.${s}`),
    ...['create', 'update', 'unchanged'].map((s) => `ledger.import.actions.${s}`),
    ...['items', 'open', 'newlyAssigned', 'progressReported', 'newlyOverdue', 'overdue', 'closed'].map((s) => `ledger.weekly.totals.${s}`),
    ...['open', 'red', 'yellow', 'closed'].map((s) => `ledger.summary.${s}`),
    ...meetingStatuses.map((s) => `meetings.statuses.${s}`),
    ...meetingCadences.map((s) => `meetings.cadences.${s}`),
    ...['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_SIMPLE', 'PASSWORD_CONTAINS_USERNAME'].map((c) => `password.problems.${c}`),
  ];

  it.each(required)('translate %s in both languages', (key) => {
    expect(typeof zh.get(key)).toBe('string');
    expect(typeof en.get(key)).toBe('string');
  });
});
