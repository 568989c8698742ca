// Answer types of the battle map, milestone board and dashboard, inferred from the shared zod schemas.
import type { battleMapSchema, boardSchema, projectDashboardSchema, projectDetailSchema } from '@zoneops/shared';
import type { Output } from '../../app/contract.ts';

export type BattleMap = Output<typeof battleMapSchema>;
export type MapPoint = BattleMap['points'][number];
export type Board = Output<typeof boardSchema>;
export type BoardRow = Board['rows'][number];
export type BoardCell = NonNullable<BoardRow['cells'][number]>;
export type ProjectDashboard = Output<typeof projectDashboardSchema>;
export type DashboardBucket = ProjectDashboard['byStage'][number];
export type DelayedProject = ProjectDashboard['topDelayed'][number];
export type ProjectDetail = Output<typeof projectDetailSchema>;
