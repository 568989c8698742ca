// Pure helpers of the concentrated start / completion ceremonies (集中开竣工): the role a project usually takes, the
// linked projects grouped by role, the figures of the headline. Unit-tested in ceremony-ui.test.ts.
import { ceremonyRoles, compareMoney, sumMoney, type CeremonyBatch, type CeremonyRole, type ProjectStage } from '@zoneops/shared';

/** The role a project usually has in a batch from its stage: built ones complete or produce, the others start. */
export function defaultRoleOf(stage: ProjectStage): CeremonyRole {
  if (stage === 'production') return 'production';
  if (stage === 'completed') return 'completion';
  return 'start';
}

type BatchProject = CeremonyBatch['projects'][number];

export interface RoleGroup {
  role: CeremonyRole;
  count: number;
  totalInvestment: string;
  projects: BatchProject[];
}

/** The linked projects by role (start, completion, production), empty roles left out, each by investment, largest first. */
export function groupByRole(projects: readonly BatchProject[]): RoleGroup[] {
  return ceremonyRoles
    .map((role) => {
      const list = projects.filter((p) => p.role === role);
      list.sort((a, b) => {
        const d = compareMoney(b.totalInvestment, a.totalInvestment);
        return d !== 0 ? d : a.name.localeCompare(b.name, 'zh-CN');
      });
      return { role, count: list.length, totalInvestment: sumMoney(list.map((p) => p.totalInvestment)), projects: list };
    })
    .filter((g) => g.count > 0);
}

/**
 * The headline's figures per role ("集中开工项目N个，总投资X亿元"): from the batch's byRole when the server sent
 * it, else summed from the linked projects.
 */
export function headlineFigures(batch: Pick<CeremonyBatch, 'byRole' | 'projects'>): { role: CeremonyRole; count: number; totalInvestment: string }[] {
  const groups = new Map(groupByRole(batch.projects).map((g) => [g.role, g]));
  return ceremonyRoles
    .map((role) => {
      const r = batch.byRole?.[role] ?? groups.get(role);
      return { role, count: r?.count ?? 0, totalInvestment: r?.totalInvestment ?? '0.00' };
    })
    .filter((r) => r.count > 0);
}

/** A picked project of the create dialog. */
export interface PickedProject {
  projectId: string;
  name: string;
  stage: ProjectStage;
  totalInvestment: string;
  role: CeremonyRole;
}

/** Adds a project once (a second pick of the same project keeps the first, with its role). */
export function addPicked(list: readonly PickedProject[], p: Omit<PickedProject, 'role'> & { role?: CeremonyRole }): PickedProject[] {
  if (list.some((x) => x.projectId === p.projectId)) return [...list];
  return [...list, { ...p, role: p.role ?? defaultRoleOf(p.stage) }];
}

/** The picked projects' count and total by role, for the dialog's summary line. */
export function pickedSummary(list: readonly PickedProject[]): { count: number; totalInvestment: string } {
  return { count: list.length, totalInvestment: sumMoney(list.map((p) => p.totalInvestment)) };
}
