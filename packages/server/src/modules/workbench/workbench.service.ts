// The workbench of one user: to-dos and overdue items from every provider, the latest unread notifications, counts.
import { today } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { iso } from '../../platform/lists.ts';
import { notificationRepository } from '../../platform/notifications/notification.repository.ts';
import { workbenchRepository } from './workbench.repository.ts';

export function createWorkbenchService({ db, clock, workbench }: Deps) {
  return {
    async get(p: Principal) {
      const day = today(clock);
      const items = await workbench.collect(p, day);
      const inbox = await notificationRepository.findInboxPage(db, p.userId, true, true, 5, 0);
      const counts = await workbenchRepository.counts(db);
      return {
        todos: items.filter((i) => !i.overdue),
        overdue: items.filter((i) => i.overdue),
        unreadNotifications: inbox.total,
        recentNotifications: inbox.rows.map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: iso(n.readAt) })),
        counts: counts ?? { units: 0, users: 0, enterprises: 0 },
      };
    },
  };
}
