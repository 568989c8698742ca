// The closed-park registry's list exports: Chinese column headers and labels, every cell as text (as on screen,
// masked the same way), written through exportListSheet (which audits who exported what).
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { exportListSheet, type SheetColumn } from '../../platform/sheets.ts';

export type TextRow = Record<string, string>;

/** A list as an xlsx of text columns ([key, header, width]). */
export function textSheet(
  audit: Deps['audit'],
  ctx: RequestContext,
  spec: {
    id: string;
    title: string;
    columns: readonly (readonly [string, string, number])[];
    entityType: string;
    action: string;
    query: Record<string, unknown>;
    day: string;
  },
  rows: readonly TextRow[],
) {
  const columns: SheetColumn<TextRow>[] = spec.columns.map(([key, header, width]) => ({ key, header, width, kind: 'text' }));
  return exportListSheet(audit, ctx, { id: spec.id, title: spec.title, columns, naturalKey: (r) => r[spec.columns[0]![0]] ?? '' }, rows, {
    action: spec.action,
    entityType: spec.entityType,
    query: spec.query,
    filename: `${spec.title}-${spec.day}.xlsx`,
  });
}

export const checkpointKindLabels: Record<string, string> = { dedicated: '专用卡口', general: '综合卡口', unattended: '无人值守卡口', emergency: '应急卡口' };
export const categoryLabels: Record<string, string> = {
  hazmat: '危化品车辆',
  hazardousWaste: '危废车辆',
  cargo: '普通货车',
  ordinary: '社会车辆',
  emergency: '应急车辆',
};
export const bodyLabels: Record<string, string> = { tank: '罐式', box: '厢式', flatbed: '平板', other: '其他' };
export const personKindLabels: Record<string, string> = { driver: '驾驶员', escort: '押运员', staff: '员工', visitor: '访客' };
export const listLabels: Record<string, string> = { white: '白名单', black: '黑名单' };
export const directionLabels: Record<string, string> = { in: '入', out: '出', both: '双向' };
export const deviceKindLabels: Record<string, string> = { anpr: '车牌识别', face: '人脸识别', accessControl: '门禁' };
