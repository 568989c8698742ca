// The demo zone's key projects: ~900 projects with milestones and three years of reports (demo-projects.ts), then
// what the committee did with them, through the services: blockers raised on the red projects (so the coordination
// meeting's pre-read and the project pages have their 中梗阻), and every light computed by the light job's rule.
import { sql } from 'drizzle-orm';
import { systemContext } from '../../platform/context.ts';
import { localDate } from '../../platform/clock.ts';
import { queryRows } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import type { ProjectsModule } from '../../modules/projects/index.ts';
import { addCalendarDays } from '@zoneops/shared';
import { seedDemoProjects } from './demo-projects.ts';

const BLOCKERS = [
  '110kV线路迁改滞后，影响场地平整',
  '用地报批卡在林地占用审批',
  '施工用水接入管线未通',
  '环评批复待省厅审查',
  '征迁补偿协议尚有3户未签',
  '施工许可缺消防设计审查意见',
  '码头岸线使用审批未下达',
  '配套道路未纳入年度计划',
  '设备进口关税减免待核定',
  '临时用地续期手续未办结',
  '专项债资金拨付滞后',
  '危化品仓储规划条件待调整',
];

export async function seedDemoProjectPlay(deps: Deps, module: ProjectsModule): Promise<void> {
  const today = localDate(deps.clock.now());
  const seeded = await seedDemoProjects(deps.db, today);
  if (!seeded) return;
  await module.recomputeAll();
  const red = await queryRows<{ id: string; leadUnitId: string }>(
    deps.db,
    sql`select id, lead_unit_id as "leadUnitId" from projects where light = 'red' and deleted_at is null order by focus desc, total_investment desc limit ${BLOCKERS.length}`,
  );
  const ctx = systemContext('demo.projects');
  for (const [i, p] of red.entries()) {
    await module.projects.raiseBlocker(ctx, null, p.id, {
      title: BLOCKERS[i]!,
      leadUnitId: p.leadUnitId,
      coUnitIds: [],
      deadline: addCalendarDays(today, 10 + i * 5),
    });
  }
}
