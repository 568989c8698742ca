// The auditor's view: the audit trail (read, verify, export) and the login log. Nothing here writes.
import { auditListQuery, auditPage, auditVerifySchema, listQuery, loginLogEntrySchema, pageOf, parseSort } from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { auditRepository, type AuditRow } from '../../platform/audit/audit.repository.ts';
import { EXPORT_LIMIT, sendXlsx } from '../../platform/excel.ts';
import { limitOffset, toPage } from '../../platform/lists.ts';
import { loginLogRepository } from './login-log.repository.ts';

const toEntry = (r: AuditRow) => ({ ...r, at: r.at.toISOString(), result: r.result as 'success' | 'failure' });
const loginLogQuery = listQuery(['at'], { success: z.enum(['true', 'false']).optional() });

export function registerAudit(app: FastifyInstance, { db, audit }: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  const page = async (q: z.infer<typeof auditListQuery>) => {
    const { limit, offset } = limitOffset(q);
    const { rows, total } = await auditRepository.findPage(db, q, parseSort(q.sort, '-seq'), limit, offset);
    return toPage(rows.map(toEntry), total, q);
  };
  r.get('/api/audit', { config: { auth: 'audit.read' }, schema: { tags, querystring: auditListQuery, response: { 200: auditPage } } }, (req) => page(req.query));
  r.get('/api/audit/verify', { config: { auth: 'audit.read' }, schema: { tags, response: { 200: auditVerifySchema } } }, () => audit.verify());
  r.get('/api/audit/export', { config: { auth: 'audit.read' }, schema: { tags, querystring: auditListQuery } }, async (req, reply) => {
    const { items } = await page({ ...req.query, page: 1, pageSize: EXPORT_LIMIT });
    return sendXlsx(reply, '审计日志.xlsx', '审计日志', [
      { header: 'seq', key: 'seq', width: 8 },
      { header: '时间(UTC)', key: 'at', width: 26 },
      { header: '用户', key: 'username' },
      { header: '操作', key: 'action', width: 24 },
      { header: '对象类型', key: 'entityType' },
      { header: '对象ID', key: 'entityId', width: 38 },
      { header: '结果', key: 'result' },
      { header: '错误码', key: 'resultCode' },
      { header: 'IP', key: 'ip' },
      { header: '请求ID', key: 'requestId' },
      { header: '变更', key: 'diff', width: 60 },
      { header: 'hash', key: 'hash', width: 66 },
    ], items);
  });
  r.get(
    '/api/login-log',
    { config: { auth: 'loginLog.read' }, schema: { tags, querystring: loginLogQuery, response: { 200: pageOf(loginLogEntrySchema) } } },
    async (req) => {
      const q = req.query;
      const { limit, offset } = limitOffset(q);
      const { rows, total } = await loginLogRepository.findPage(db, { q: q.q, success: q.success === undefined ? undefined : q.success === 'true' }, limit, offset);
      return toPage(rows.map((x) => ({ ...x, id: String(x.id), at: x.at.toISOString() })), total, q);
    },
  );
}
