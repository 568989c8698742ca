// The inbox of the signed-in user: a page of notifications with the unread count, and marking them read.
import type { z } from 'zod';
import { parseSort, type notificationListQuery } from '@zoneops/shared';
import type { Deps } from '../../platform/deps.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { iso, limitOffset, toPage } from '../../platform/lists.ts';
import { notificationRepository } from '../../platform/notifications/notification.repository.ts';

export function createNotificationInboxService({ db, audit, clock }: Deps) {
  return {
    async list(p: Principal, q: z.infer<typeof notificationListQuery>) {
      const { limit, offset } = limitOffset(q);
      const { rows, total } = await notificationRepository.findInboxPage(
        db,
        p.userId,
        q.unread === 'true',
        parseSort(q.sort, '-createdAt').desc,
        limit,
        offset,
      );
      const items = rows.map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: iso(n.readAt) }));
      return { ...toPage(items, total, q), unread: await notificationRepository.countUnread(db, p.userId) };
    },

    async markRead(ctx: RequestContext, p: Principal, id: string): Promise<void> {
      const done = await notificationRepository.markRead(db, p.userId, id, clock.now());
      await audit.record(null, ctx, { action: 'notification.read', entityType: 'notification', entityId: id, diff: { marked: done.length } });
    },

    async markAllRead(ctx: RequestContext, p: Principal): Promise<void> {
      const done = await notificationRepository.markRead(db, p.userId, null, clock.now());
      await audit.record(null, ctx, { action: 'notification.readAll', entityType: 'notification', diff: { marked: done.length } });
    },
  };
}
