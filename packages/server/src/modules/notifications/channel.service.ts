// Outgoing notification channels (created, edited, tested; always audited) and their delivery log.
import type { z } from 'zod';
import { channelTargetProblem, parseSort, type channelCreateSchema, type channelUpdateSchema, type deliveryListQuery } from '@zoneops/shared';
import type { Deps } from '../../platform/deps.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { notFound, validationError } from '../../platform/errors.ts';
import { iso, limitOffset, toPage } from '../../platform/lists.ts';
import { notificationRepository, type ChannelRow } from '../../platform/notifications/notification.repository.ts';

// The webhook's query string carries the robot's key or access token: a credential, never sent back whole.
const redactTarget = (target: string) => target.replace(/([?&][^=&]+=)([^&]{4})[^&]*/g, '$1$2****');
const toChannel = (c: ChannelRow) => ({
  id: c.id,
  kind: c.kind as 'wecom',
  name: c.name,
  target: redactTarget(c.target),
  hasSecret: !!c.secret,
  enabled: c.enabled,
  createdAt: c.createdAt.toISOString(),
});

export function createChannelService({ db, audit, clock, notifications }: Deps) {
  return {
    async list() {
      return (await notificationRepository.findChannels(db)).map(toChannel);
    },

    create(ctx: RequestContext, p: Principal, input: z.infer<typeof channelCreateSchema>) {
      return db.transaction(async (tx) => {
        const row = await notificationRepository.insertChannel(tx, { ...input, createdBy: p.userId });
        await audit.record(tx, ctx, { action: 'channel.create', entityType: 'channel', entityId: row.id, diff: diffOf(null, row) });
        return toChannel(row);
      });
    },

    async update(ctx: RequestContext, id: string, input: z.infer<typeof channelUpdateSchema>) {
      const before = await notificationRepository.findChannelById(db, id);
      if (!before) throw notFound('channel');
      const problem = input.target === undefined ? null : channelTargetProblem(before.kind, input.target);
      if (problem) throw validationError([{ path: 'body.target', message: problem }]);
      return db.transaction(async (tx) => {
        const row = (await notificationRepository.updateChannel(tx, id, { ...input, updatedAt: clock.now() }))!;
        await audit.record(tx, ctx, { action: 'channel.update', entityType: 'channel', entityId: row.id, diff: diffOf(before, row) });
        return toChannel(row);
      });
    },

    async test(ctx: RequestContext, p: Principal, id: string): Promise<void> {
      const channel = await notificationRepository.findChannelById(db, id);
      if (!channel) throw notFound('channel');
      await notifications.queue(channel.id, { title: 'ZoneOps 测试消息 / test message', body: `来自 ${p.displayName}`, link: null });
      await audit.record(null, ctx, { action: 'channel.test', entityType: 'channel', entityId: channel.id });
    },

    async deliveries(q: z.infer<typeof deliveryListQuery>) {
      const { limit, offset } = limitOffset(q);
      const { rows, total } = await notificationRepository.findDeliveryPage(db, q.status, parseSort(q.sort, '-createdAt').desc, limit, offset);
      const items = rows.map(({ row, channelName }) => ({
        id: row.id,
        channelId: row.channelId,
        channelName,
        status: row.status as 'pending',
        attempts: row.attempts,
        lastError: row.lastError,
        title: row.title,
        createdAt: row.createdAt.toISOString(),
        sentAt: iso(row.sentAt),
        nextAttemptAt: iso(row.nextAttemptAt),
      }));
      return toPage(items, total, q);
    },
  };
}
