// The workbench (工作台): my to-dos and overdue items from every module's provider, unread notifications, counts.
import { workbenchSchema } from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import { createWorkbenchService } from './workbench.service.ts';

export function registerWorkbench(app: FastifyInstance, deps: Deps): void {
  const service = createWorkbenchService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/workbench', { config: { auth: 'workbench.view' }, schema: { tags: ['workbench'], response: { 200: workbenchSchema } } }, (req) =>
    service.get(actorOf(req)),
  );
}
