// The auditor's view: the audit trail (read, verify, export) and the login log. Nothing here writes.
import { auditListQuery, auditPage, auditVerifySchema, loginLogEntrySchema, pageOf } from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.ts';
import { EXPORT_LIMIT, sendXlsx } from '../../platform/excel.ts';
import { createAuditLogService, loginLogQuery } from './audit-log.service.ts';

export function registerAudit(app: FastifyInstance, deps: Deps): void {
  const service = createAuditLogService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  r.get('/api/audit', { config: { auth: 'audit.read' }, schema: { tags, querystring: auditListQuery, response: { 200: auditPage } } }, (req) =>
    service.page(req.query),
  );
  r.get('/api/audit/verify', { config: { auth: 'audit.read' }, schema: { tags, response: { 200: auditVerifySchema } } }, () => service.verify());
  r.get('/api/audit/export', { config: { auth: 'audit.read' }, schema: { tags, querystring: auditListQuery } }, async (req, reply) => {
    const { items } = await service.page({ ...req.query, page: 1, pageSize: EXPORT_LIMIT });
    return sendXlsx(
      reply,
      '审计日志.xlsx',
      '审计日志',
      [
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
      ],
      items,
    );
  });
  r.get(
    '/api/login-log',
    { config: { auth: 'loginLog.read' }, schema: { tags, querystring: loginLogQuery, response: { 200: pageOf(loginLogEntrySchema) } } },
    (req) => service.loginLog(req.query),
  );
}
