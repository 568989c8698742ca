// Pure helpers of the investment report views: status colours, what may be done with a report, the overrun
// forecast of the form, and one call per row with progress for batch review. Unit-tested in report-ui.test.ts.
import { compareMoney, isMoney, moneyToCents, centsToMoney, type ReportStatus } from '@zoneops/shared';

/** Tag colours of the report statuses (草稿 / 已报送 / 已审核 / 已退回). */
export const reportStatusColours: Record<ReportStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'error',
};

/** The reporter may still change a draft and a returned report; an approved one is final. */
export const isEditableReport = (status: ReportStatus) => status === 'draft' || status === 'returned';
/** Only a submitted report waits for the department's decision. */
export const isReviewable = (status: ReportStatus) => status === 'submitted';

/**
 * Whether filing `completed` for a period would take the completed investment since the start beyond the total:
 * the approved total so far plus this period (a period in the approved total is never refiled).
 */
export function forecastsOverrun(project: { completedTotal: string; totalInvestment: string }, completed: string | null): boolean {
  if (!completed || !isMoney(completed) || !isMoney(project.completedTotal) || !isMoney(project.totalInvestment)) return false;
  if (moneyToCents(project.totalInvestment) === 0n) return false;
  const after = centsToMoney(moneyToCents(project.completedTotal) + moneyToCents(completed));
  return compareMoney(after, project.totalInvestment) > 0;
}

export interface BatchResult<T> {
  done: T[];
  failed: { item: T; error: unknown }[];
}

/**
 * Runs `run` for each item, one after the other (the server audits each decision on its own), reporting progress
 * after each; a failure is collected and the rest still run. Stops early when `signal` is aborted.
 */
export async function runSequential<T>(
  items: readonly T[],
  run: (item: T) => Promise<unknown>,
  onProgress?: (finished: number, total: number) => void,
  signal?: AbortSignal,
): Promise<BatchResult<T>> {
  const out: BatchResult<T> = { done: [], failed: [] };
  let finished = 0;
  for (const item of items) {
    if (signal?.aborted) break;
    try {
      await run(item);
      out.done.push(item);
    } catch (error) {
      out.failed.push({ item, error });
    }
    finished += 1;
    onProgress?.(finished, items.length);
  }
  return out;
}
