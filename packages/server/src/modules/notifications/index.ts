// The inbox of the signed-in user, and the administration of outgoing channels with their delivery log.
import {
  channelCreateSchema,
  channelSchema,
  channelUpdateSchema,
  deliveryListQuery,
  deliverySchema,
  idParams,
  notificationListQuery,
  notificationPage,
  okResponse,
  pageOf,
  parseSort,
} from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { notFound } from '../../platform/errors.ts';
import { iso, limitOffset, toPage } from '../../platform/lists.ts';
import { notificationRepository, type ChannelRow } from '../../platform/notifications/notification.repository.ts';

const toChannel = (c: ChannelRow) => ({ id: c.id, kind: c.kind as 'wecom', name: c.name, target: c.target, hasSecret: !!c.secret, enabled: c.enabled, createdAt: c.createdAt.toISOString() });

export function registerNotifications(app: FastifyInstance, { db, audit, clock, notifications }: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  r.get('/api/notifications', { schema: { tags, querystring: notificationListQuery, response: { 200: notificationPage } } }, async (req) => {
    const p = actorOf(req);
    const q = req.query;
    const { limit, offset } = limitOffset(q);
    const { rows, total } = await notificationRepository.findInboxPage(db, p.userId, q.unread === 'true', parseSort(q.sort, '-createdAt').desc, limit, offset);
    const items = rows.map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: iso(n.readAt) }));
    return { ...toPage(items, total, q), unread: await notificationRepository.countUnread(db, p.userId) };
  });
  r.post('/api/notifications/:id/read', { schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    const done = await notificationRepository.markRead(db, actorOf(req).userId, req.params.id, clock.now());
    await audit.record(null, req.ctx, { action: 'notification.read', entityType: 'notification', entityId: req.params.id, diff: { marked: done.length } });
    return { ok: true as const };
  });
  r.post('/api/notifications/read-all', { schema: { tags, response: { 200: okResponse } } }, async (req) => {
    const done = await notificationRepository.markRead(db, actorOf(req).userId, null, clock.now());
    await audit.record(null, req.ctx, { action: 'notification.readAll', entityType: 'notification', diff: { marked: done.length } });
    return { ok: true as const };
  });

  const auth = { auth: 'notifications.channels' as const };
  r.get('/api/notification-channels', { config: auth, schema: { tags, response: { 200: z.array(channelSchema) } } }, async () =>
    (await notificationRepository.findChannels(db)).map(toChannel),
  );
  r.post('/api/notification-channels', { config: auth, schema: { tags, body: channelCreateSchema, response: { 200: channelSchema } } }, (req) =>
    db.transaction(async (tx) => {
      const row = await notificationRepository.insertChannel(tx, { ...req.body, createdBy: actorOf(req).userId });
      await audit.record(tx, req.ctx, { action: 'channel.create', entityType: 'channel', entityId: row.id, diff: diffOf(null, row) });
      return toChannel(row);
    }),
  );
  r.patch('/api/notification-channels/:id', { config: auth, schema: { tags, params: idParams, body: channelUpdateSchema, response: { 200: channelSchema } } }, async (req) => {
    const before = await notificationRepository.findChannelById(db, req.params.id);
    if (!before) throw notFound('channel');
    return db.transaction(async (tx) => {
      const row = (await notificationRepository.updateChannel(tx, req.params.id, { ...req.body, updatedAt: clock.now() }))!;
      await audit.record(tx, req.ctx, { action: 'channel.update', entityType: 'channel', entityId: row.id, diff: diffOf(before, row) });
      return toChannel(row);
    });
  });
  r.post('/api/notification-channels/:id/test', { config: auth, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    const channel = await notificationRepository.findChannelById(db, req.params.id);
    if (!channel) throw notFound('channel');
    await notifications.queue(channel.id, { title: 'ZoneOps 测试消息 / test message', body: `来自 ${actorOf(req).displayName}`, link: null });
    await audit.record(null, req.ctx, { action: 'channel.test', entityType: 'channel', entityId: channel.id });
    return { ok: true as const };
  });
  r.get('/api/notification-deliveries', { config: auth, schema: { tags, querystring: deliveryListQuery, response: { 200: pageOf(deliverySchema) } } }, async (req) => {
    const q = req.query;
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
  });
}
