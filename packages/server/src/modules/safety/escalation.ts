// Escalation of alarms nobody acknowledged (job safety.escalate, every 30 s): after `enterpriseMinutes` the
// enterprise's users who handle safety are told, naming the hazard source's responsible persons (stage 1); after
// `dutyMinutes` the park's duty officers (stage 2: the setting's dutyUserIds, or every safety officer when it names
// none). Each stage happens once per alarm (the escalation column moves only forward), as an alarm event
// 'escalated' whose note is the stage. An alarm whose condition has already returned to normal is not escalated.
// A closed-park alarm without an enterprise (issue 8) has no enterprise stage: at `enterpriseMinutes` it goes
// straight to the duty officers (stage 2, one event); one with an enterprise escalates as above.
import { defaultSafetyEscalation, safetyEscalationSchema, type AlarmLevel, type AlarmRule, type SafetyEscalation } from '@zoneops/shared';
import type { Principal } from '../../platform/access/principal.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { validationError } from '../../platform/errors.ts';
import { settingStore } from '../../platform/setting-store.ts';
import { alarmRepository as repo, type EscalationCandidate, type EventRow } from './alarm.repository.ts';
import type { SafetyEvents } from './safety-events.ts';

export const ESCALATION_SETTING = 'safety.escalation';
/** Alarms looked at per run (the oldest first); the rest wait for the next run, 30 s later. */
const BATCH = 500;

export const levelLabels: Record<AlarmLevel, string> = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' };
export const ruleLabels: Record<AlarmRule, string> = {
  threshold: '超限',
  rate: '变化率超限',
  stale: '数据中断',
  offline: '设备离线',
  gate: '卡口核验',
  overspeed: '超速',
  offRoute: '偏离路线',
  parkedOutside: '违规停车',
  overstay: '超时滞留',
  restrictedArea: '闯入禁区',
  positionLost: '定位丢失',
};
const roleLabels = { main: '主要负责人', technical: '技术负责人', operational: '操作负责人' } as const;

export interface Responsible {
  role: keyof typeof roleLabels;
  name: string;
  phone: string | null;
}

/** The three responsible persons of a hazard source from its JSON ({main, technical, operational}: {name, phone}). */
export function responsibleOf(json: unknown): Responsible[] {
  if (!json || typeof json !== 'object') return [];
  const out: Responsible[] = [];
  for (const role of Object.keys(roleLabels) as Responsible['role'][]) {
    const v = (json as Record<string, unknown>)[role] as { name?: unknown; phone?: unknown } | undefined;
    if (v && typeof v === 'object' && typeof v.name === 'string' && v.name.trim())
      out.push({ role, name: v.name, phone: typeof v.phone === 'string' && v.phone ? v.phone : null });
  }
  return out;
}

const fmt = (n: number | null) => (n === null ? '' : String(Math.round(n * 1000) / 1000));

/** What an alarm is about, in words: the vehicle (plate, checkpoint or geofence), the device, or the point. */
export function alarmSubject(a: {
  rule: AlarmRule;
  plate: string | null;
  checkpointName: string | null;
  geofenceName: string | null;
  deviceName: string | null;
  pointName: string | null;
  pointTag: string | null;
}): string {
  if (a.plate !== null) return [a.plate, a.checkpointName, a.geofenceName].filter((s) => s).join(' ');
  if (a.rule === 'offline') return a.deviceName ?? '设备';
  return `${a.pointName ?? ''}（${a.pointTag ?? ''}）`;
}

/** Units of a closed-park alarm's value. */
const parkUnits: Partial<Record<AlarmRule, string>> = { overspeed: 'km/h', parkedOutside: '分钟', overstay: '分钟', positionLost: '分钟' };

function describe(a: EscalationCandidate, minutes: number): { what: string; body: string } {
  const what = alarmSubject(a);
  const unit = a.rule === 'rate' ? `${a.unit ?? ''}/分钟` : (a.unit ?? parkUnits[a.rule] ?? '');
  const reading = a.value === null ? '' : `，当前值 ${fmt(a.value)}${unit}${a.threshold === null ? '' : `（限值 ${fmt(a.threshold)}${unit}）`}`;
  const people = responsibleOf(a.responsible);
  const named = people.length
    ? `。${a.majorHazardName ?? '危险源'}责任人：${people.map((p) => `${roleLabels[p.role]} ${p.name}${p.phone ? ` ${p.phone}` : ''}`).join('；')}`
    : '';
  const where = a.enterpriseName ? `${a.enterpriseName} ` : '园区 ';
  return { what, body: `${where}${what} ${levelLabels[a.level]}${ruleLabels[a.rule]}报警${reading}，已 ${minutes} 分钟未确认${named}` };
}

export function createEscalation(deps: Deps, events: SafetyEvents) {
  const { db, notifications } = deps;
  const settings = settingStore(deps, ESCALATION_SETTING, safetyEscalationSchema, defaultSafetyEscalation, 'safety.manage');

  async function dutyOfficers(tx: DbOrTx, s: SafetyEscalation): Promise<string[]> {
    return s.dutyUserIds.length ? repo.activeUsers(tx, { ids: s.dutyUserIds }) : repo.activeUsers(tx, { roleCode: 'safetyOfficer' });
  }

  return {
    get: () => settings.get(),

    async save(ctx: RequestContext, p: Principal, value: SafetyEscalation): Promise<SafetyEscalation> {
      if (value.dutyUserIds.length) {
        const found = new Set(await repo.activeUsers(db, { ids: value.dutyUserIds }));
        const unknown = value.dutyUserIds.findIndex((id) => !found.has(id));
        if (unknown >= 0) throw validationError([{ path: `body.dutyUserIds.${unknown}`, message: 'unknown or disabled user' }]);
      }
      return settings.save(ctx, p, value);
    },

    /** Escalates what is due at `now`; answers how many stages were taken. */
    async run(now: Date): Promise<number> {
      const s = await settings.get();
      const t = now.getTime();
      const due = await repo.escalationCandidates(db, new Date(t - s.enterpriseMinutes * 60_000), BATCH);
      if (!due.length) return 0;
      return db.transaction(async (tx) => {
        let duty: string[] | undefined;
        const changes: EventRow[] = [];
        for (const a of due) {
          const minutes = Math.floor((t - a.raisedMs) / 60_000);
          const target = minutes >= s.dutyMinutes || a.enterpriseId === null ? 2 : 1;
          const { what, body } = describe(a, minutes);
          // no enterprise: no enterprise stage (straight to the duty officers)
          const first = a.enterpriseId === null ? 2 : a.escalation + 1;
          for (let stage = Math.max(first, a.escalation + 1); stage <= target; stage++) {
            if (!(await repo.setEscalation(tx, a.id, stage, now))) break;
            const userIds =
              stage === 1 && a.enterpriseId !== null
                ? await repo.enterpriseUsersWith(tx, a.enterpriseId, 'safety.handle')
                : (duty ??= await dutyOfficers(tx, s));
            await notifications.notify(tx, {
              kind: 'safety.alarm.escalated',
              userIds,
              title: `${stage === 1 ? '报警未确认' : '报警升级至园区值班'}：${a.enterpriseName ?? '园区'} ${what}`,
              body,
              link: `/safety/alarms?alarm=${a.id}`,
            });
            changes.push({ alarmId: a.id, at: now, kind: 'escalated', level: a.level, value: a.value, note: String(stage) });
          }
        }
        if (!changes.length) return 0;
        await repo.insertEvents(tx, changes);
        const summaries = await repo.summaries(tx, [...new Set(changes.map((c) => c.alarmId))]);
        for (const c of changes) await events.notify(tx, { kind: 'alarm', change: 'escalated', alarm: summaries.get(c.alarmId)! });
        return changes.length;
      });
    },
  };
}

export type Escalation = ReturnType<typeof createEscalation>;
