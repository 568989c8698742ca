// The auditor's reads: pages of the audit trail, its chain verification, and pages of the login log.
import { listQuery, parseSort, type auditListQuery } from '@zoneops/shared';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { auditRepository, type AuditRow } from '../../platform/audit/audit.repository.ts';
import { limitOffset, toPage } from '../../platform/lists.ts';
import { loginLogRepository } from './login-log.repository.ts';

const toEntry = (r: AuditRow) => ({ ...r, at: r.at.toISOString(), result: r.result as 'success' | 'failure' });
export const loginLogQuery = listQuery(['at'], { success: z.enum(['true', 'false']).optional() });

export function createAuditLogService({ db, audit }: Deps) {
  return {
    async page(q: z.infer<typeof auditListQuery>) {
      const { limit, offset } = limitOffset(q);
      const { rows, total } = await auditRepository.findPage(db, q, parseSort(q.sort, '-seq'), limit, offset);
      return toPage(rows.map(toEntry), total, q);
    },

    verify: () => audit.verify(),

    async loginLog(q: z.infer<typeof loginLogQuery>) {
      const { limit, offset } = limitOffset(q);
      const { rows, total } = await loginLogRepository.findPage(
        db,
        { q: q.q, success: q.success === undefined ? undefined : q.success === 'true' },
        limit,
        offset,
      );
      return toPage(
        rows.map((x) => ({ ...x, id: String(x.id), at: x.at.toISOString() })),
        total,
        q,
      );
    },
  };
}
