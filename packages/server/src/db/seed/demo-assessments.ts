// The demo competition (issue 9): the zone's quarterly "七比一看" competition of its nine bureaus, scored through the
// assessment service from the demo's own module data (projects, promotion leads, supervision tasks, enterprise
// requests) — Q2 and Q3 2026 run to the end (panel scores by three zone leaders, publication, an appeal answered,
// locked, red flags), Q4 under way (automatic scores as of today, panel scoring in progress). The service runs on a
// clock set to each step's day, so windows and deadlines are those of the calendar.
import { eq, inArray, isNull, and } from 'drizzle-orm';
import type { AssessmentDimension, SchemeInput } from '@zoneops/shared';
import { addCalendarDays } from '@zoneops/shared';
import { ManualClock } from '../../platform/clock.ts';
import { systemContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { createAssessmentService } from '../../modules/assessments/assessment.service.ts';
import { assessmentSchemes, roles, units, userRoles, users } from '../schema.ts';
import { demoPrincipal } from './demo-actors.ts';

export const DEMO_SCHEME_NAME = '“七比一看”竞赛';
const BUREAUS = ['GL-ECO', 'GL-PRO', 'GL-CON', 'GL-EMG', 'GL-ENV', 'GL-FIN', 'GL-NRP', 'GL-STA', 'GL-SOC'];

const dimensions: AssessmentDimension[] = [
  {
    id: 'invest',
    category: 'compare',
    name: '比投资完成',
    nameEn: 'Investment completed',
    weight: 20,
    method: 'auto',
    metric: 'investmentCompletion',
    scoring: { kind: 'rate' },
    ifNoData: 'zero',
  },
  {
    id: 'nodes',
    category: 'compare',
    name: '比节点进度',
    nameEn: 'Milestones on time',
    weight: 15,
    method: 'auto',
    metric: 'milestoneOnTime',
    scoring: { kind: 'rate' },
    ifNoData: 'zero',
  },
  {
    id: 'starts',
    category: 'compare',
    name: '比项目开工',
    nameEn: 'Projects started',
    weight: 10,
    method: 'auto',
    metric: 'projectsStarted',
    scoring: { kind: 'relative' },
    ifNoData: 'zero',
  },
  {
    id: 'signed',
    category: 'compare',
    name: '比招商签约',
    nameEn: 'Leads signed',
    weight: 10,
    method: 'auto',
    metric: 'leadsSigned',
    scoring: { kind: 'relative' },
    ifNoData: 'zero',
  },
  {
    id: 'tasks',
    category: 'compare',
    name: '比督办落实',
    nameEn: 'Tasks on time',
    weight: 10,
    method: 'auto',
    metric: 'tasksOnTime',
    scoring: { kind: 'rate' },
    ifNoData: 'full',
  },
  {
    id: 'overdue',
    category: 'compare',
    name: '比逾期事项',
    nameEn: 'Overdue tasks',
    weight: 5,
    method: 'auto',
    metric: 'tasksOverdue',
    scoring: { kind: 'deduct', perItem: 1 },
    ifNoData: 'full',
  },
  {
    id: 'service',
    category: 'compare',
    name: '比服务效率',
    nameEn: 'Requests on time',
    weight: 10,
    method: 'auto',
    metric: 'requestsOnTime',
    scoring: { kind: 'rate' },
    ifNoData: 'full',
  },
  { id: 'style', category: 'look', name: '看干部作风', nameEn: 'Work style (panel)', weight: 15, method: 'panel', ifNoData: 'full' },
  { id: 'brand', category: 'create', name: '创服务品牌', nameEn: 'Service brand (grade)', weight: 5, method: 'grade', ifNoData: 'full' },
];

/** A stable pseudo-random number in [0, 1) of a string (the demo's panel scores). */
function jitter(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) % 1000) / 1000;
}

export async function isDemoAssessmentsSeeded(deps: Deps): Promise<boolean> {
  const [row] = await deps.db.select({ id: assessmentSchemes.id }).from(assessmentSchemes).where(eq(assessmentSchemes.name, DEMO_SCHEME_NAME));
  return !!row;
}

/** Writes the demo competition once (after the demo zone and its modules); returns the run ids by period, or null. */
export async function seedDemoAssessments(deps: Deps): Promise<Record<string, string> | null> {
  if (await isDemoAssessmentsSeeded(deps)) return null;
  const db = deps.db;
  const now = deps.clock.now();
  const clock = new ManualClock(now);
  const service = createAssessmentService({ ...deps, clock });
  const ctx = systemContext('demo-seed');
  const principalOf = (username: string): Promise<Principal> => demoPrincipal(db, username);
  const bureaus = await db
    .select({ id: units.id, code: units.code })
    .from(units)
    .where(and(inArray(units.code, BUREAUS), isNull(units.deletedAt)));
  if (bureaus.length !== BUREAUS.length) return null;
  /** Demo users holding a role (in a unit), by username. */
  const withRole = (role: string, limit: number, unitId?: string) =>
    db
      .select({ id: users.id, username: users.username })
      .from(users)
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .where(and(eq(roles.code, role), unitId ? eq(users.unitId, unitId) : undefined))
      .orderBy(users.username)
      .limit(limit);
  // The panel: the zone's leaders (their unit is the committee, above every bureau).
  const leaders = await withRole('leader', 3);
  const manager = await principalOf('kaohe');
  const input: SchemeInput = {
    name: DEMO_SCHEME_NAME,
    nameEn: '“Seven comparisons, one look” competition',
    description: '比投资、比进度、比开工、比招商、比督办、比逾期、比服务，看作风；创服务品牌。季度考核，前1名授予流动红旗。',
    periodKind: 'quarter',
    participantKind: 'unit',
    tracks: [],
    redFlagTopN: 1,
    appealWorkingDays: 3,
    dimensions,
    participants: BUREAUS.map((code) => ({ unitId: bureaus.find((b) => b.code === code)!.id, projectId: null, track: null })),
    panel: leaders.map((l) => l.id),
    active: true,
  };
  const scheme = await service.createScheme(ctx, manager, input);
  const panel = await Promise.all(leaders.map((l) => principalOf(l.username)));

  async function scoreAll(runId: string, period: string, share = 1) {
    const run = await service.getRun(manager, runId);
    for (const [m, member] of panel.entries()) {
      for (const part of run.participants) {
        if (jitter(`${period}|${m}|${part.name}|skip`) >= share) continue;
        const j = jitter(`${period}|${m}|${part.name}`); // names, not ids: the same scores on every install
        await service.score(ctx, member, runId, {
          participantId: part.id,
          dimensionId: 'style',
          points: Math.round((10.5 + j * 4.5) * 2) / 2,
          comment: j > 0.6 ? '作风扎实，主动担当' : j > 0.3 ? '工作推进有力' : '个别事项推进偏慢',
        });
        await service.score(ctx, member, runId, {
          participantId: part.id,
          dimensionId: 'brand',
          grade: j > 0.7 ? 'excellent' : j > 0.35 ? 'good' : 'fair',
          comment: j > 0.7 ? '服务品牌特色鲜明' : '服务品牌建设有成效',
        });
      }
    }
  }

  const runs: Record<string, string> = {};
  const at = (day: string) => clock.set(new Date(`${day}T02:00:00Z`));
  for (const [period, start, publishOn] of [
    ['2026-Q2', '2026-07-03', '2026-07-08'],
    ['2026-Q3', '2026-10-09', '2026-10-14'],
  ] as const) {
    at(start);
    const run = await service.createRun(ctx, manager, { schemeId: scheme.id, period });
    runs[period] = run.id;
    await scoreAll(run.id, period);
    at(publishOn);
    const published = await service.publish(ctx, manager, run.id, {
      highlights:
        period === '2026-Q3'
          ? '三季度各部门围绕项目攻坚、招商引资和企业服务比学赶超，重点项目节点按期完成率稳步提高。'
          : '二季度各部门项目建设和督办落实总体有序推进。',
    });
    if (period === '2026-Q3') {
      // The last-placed bureau contests its work-style score; the panel accepts half a point more.
      const last = [...published.results].sort((a, b) => b.rank - a.rank)[0]!;
      const unitOf = published.participants.find((p) => p.id === last.participantId)!.unitId!;
      const [appellant] = await withRole('deptAdmin', 1, unitOf);
      if (appellant) {
        const appeal = await service.fileAppeal(ctx, await principalOf(appellant.username), run.id, {
          participantId: last.participantId,
          dimensionId: 'style',
          reason: '本季度牵头完成了两项重点督办事项，请评比组复核作风评分。',
        });
        clock.set(new Date(clock.now().getTime() + 86_400_000));
        const points = Math.min(15, (last.dimensions.style ?? 0) + 0.5);
        await service.answerAppeal(ctx, panel[0]!, run.id, appeal.id, { accept: true, answer: '经评比组复核，情况属实，作风评分调增0.5分。', points });
      }
    }
    at(addCalendarDays(publishOn, 9));
    await service.lock(ctx, manager, run.id);
  }
  // The running quarter: automatic scores as of today, two thirds of the panel scores entered.
  clock.set(now);
  const q4 = await service.createRun(ctx, manager, { schemeId: scheme.id, period: '2026-Q4' });
  runs['2026-Q4'] = q4.id;
  await scoreAll(q4.id, '2026-Q4', 0.66);
  return runs;
}
