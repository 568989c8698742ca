// The workbench (工作台): my to-dos and overdue items from every module's provider, unread notifications, counts.
import { workbenchSchema } from '@zoneops/shared';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.ts';
import { queryRows } from '../../platform/database.ts';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import { iso } from '../../platform/lists.ts';
import { notificationRepository } from '../../platform/notifications/notification.repository.ts';

export function registerWorkbench(app: FastifyInstance, { db, clock, workbench }: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/workbench', { config: { auth: 'workbench.view' }, schema: { tags: ['workbench'], response: { 200: workbenchSchema } } }, async (req) => {
    const p = actorOf(req);
    const today = clock.now().toISOString().slice(0, 10);
    const items = await workbench.collect(p, today);
    const inbox = await notificationRepository.findInboxPage(db, p.userId, true, true, 5, 0);
    const [counts] = await queryRows<{ units: number; users: number; enterprises: number }>(
      db,
      sql`select (select count(*) from units where deleted_at is null)::int as units, (select count(*) from users where deleted_at is null)::int as users,
        (select count(*) from enterprises where deleted_at is null)::int as enterprises`,
    );
    return {
      todos: items.filter((i) => !i.overdue),
      overdue: items.filter((i) => i.overdue),
      unreadNotifications: inbox.total,
      recentNotifications: inbox.rows.map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: iso(n.readAt) })),
      counts: counts ?? { units: 0, users: 0, enterprises: 0 },
    };
  });
}
