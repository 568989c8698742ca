// What a timeline entry says: a title (what happened, statuses in words) and the text written with it. Pure, so that
// every event kind the server writes is covered by a test (events.test.ts).
import type { LightReason } from '@zoneops/shared';
import type { LedgerEvent } from '../../app/contract.ts';
import { isLight, reasonTexts, type ReasonLang } from './ledger-ui.ts';

type T = (key: string, opts?: Record<string, unknown>) => string;

export interface EventText {
  title: string;
  /** The text written with it (reason, progress, comment, findings), if any. */
  body: string | null;
  /** Antd Timeline colour. */
  colour: 'blue' | 'green' | 'red' | 'gray' | string;
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

export function describeEvent(e: Pick<LedgerEvent, 'kind' | 'fromStatus' | 'toStatus' | 'body' | 'data'>, t: T, lang: ReasonLang): EventText {
  const data = record(e.data);
  const status = (s: string | null) => (s ? t(`ledgerStatus.${s}`) : '—');
  switch (e.kind) {
    case 'created':
      return { title: t('ledger.event.created', { deadline: str(data.deadline) ?? '—' }), body: e.body, colour: 'blue' };
    case 'transition': {
      const action = str(data.action);
      const label = action ? t(`ledgerAction.${action}`) : t('ledger.event.transition');
      const bad = action === 'sendBack' || action === 'object' || action === 'reopen';
      return {
        title: t('ledger.event.transitionTitle', { action: label, from: status(e.fromStatus), to: status(e.toStatus) }),
        body: e.body,
        colour: bad ? 'red' : e.toStatus === 'closed' || e.toStatus === 'ongoing' ? 'green' : 'blue',
      };
    }
    case 'progress': {
      const kind = str(data.kind) ?? 'progress';
      const percent = typeof data.percent === 'number' ? data.percent : null;
      const title = t(`ledger.event.progress.${kind}`, { defaultValue: t('ledger.event.progress.progress') });
      return { title: percent === null ? title : `${title} · ${percent}%`, body: e.body, colour: 'blue' };
    }
    case 'comment':
      return { title: t('ledger.event.comment'), body: e.body, colour: 'gray' };
    case 'instruction':
      return { title: t('ledger.event.instruction'), body: e.body, colour: 'red' };
    case 'chase':
      return { title: t('ledger.event.chase'), body: e.body, colour: 'orange' };
    case 'extensionRequested':
      return {
        title: t(data.late === true ? 'ledger.event.extensionRequestedLate' : 'ledger.event.extensionRequested', { date: str(data.newDeadline) ?? '—' }),
        body: e.body,
        colour: 'orange',
      };
    case 'extensionApproved':
      return { title: t('ledger.event.extensionApproved', { date: str(data.newDeadline) ?? '—' }), body: e.body, colour: 'green' };
    case 'extensionRejected':
      return { title: t('ledger.event.extensionRejected', { date: str(data.newDeadline) ?? '—' }), body: e.body, colour: 'red' };
    case 'extensionEscalated':
      return { title: t('ledger.event.extensionEscalated', { date: str(data.newDeadline) ?? '—' }), body: e.body, colour: 'orange' };
    case 'verification':
      return {
        title: data.passed === false ? t('ledger.event.verificationFailed') : t('ledger.event.verificationPassed'),
        body: e.body,
        colour: data.passed === false ? 'red' : 'green',
      };
    case 'signoff':
      return { title: t('ledger.event.signoff', { level: str(data.level) ?? '?', of: str(data.of) ?? '?' }), body: e.body, colour: 'green' };
    case 'light': {
      const from = isLight(e.fromStatus) ? t(`ledgerLight.${e.fromStatus}`) : '—';
      const to = isLight(e.toStatus) ? t(`ledgerLight.${e.toStatus}`) : '—';
      const reasons = Array.isArray(e.data)
        ? reasonTexts(
            e.data.filter((r): r is LightReason => !!r && typeof r === 'object' && 'code' in r),
            lang,
          )
        : [];
      return {
        title: t('ledger.event.light', { from, to }),
        body: reasons.length ? reasons.join(t('ledger.reasonSeparator')) : null,
        colour: e.toStatus === 'red' ? 'red' : e.toStatus === 'yellow' ? 'orange' : e.toStatus === 'green' ? 'green' : 'gray',
      };
    }
    case 'reminder':
      return {
        title: e.body === 'overdue' ? t('ledger.event.reminderOverdue') : t('ledger.event.reminderDueSoon'),
        body: null,
        colour: e.body === 'overdue' ? 'red' : 'orange',
      };
    case 'subItem':
      return { title: t('ledger.event.subItem'), body: e.body, colour: 'blue' };
    case 'edit': {
      const changed = Object.keys(record(data.changed)).filter((k) => k !== 'version');
      const fields = changed.map((k) => t(`ledger.field.${k}`, { defaultValue: k }));
      return { title: t('ledger.event.edit'), body: fields.length ? fields.join(t('common.listSeparator')) : null, colour: 'gray' };
    }
    default:
      return { title: e.kind, body: e.body, colour: 'gray' };
  }
}
