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
} from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import { createChannelService } from './channel.service.ts';
import { createNotificationInboxService } from './notification-inbox.service.ts';

export function registerNotifications(app: FastifyInstance, deps: Deps): void {
  const inbox = createNotificationInboxService(deps);
  const channels = createChannelService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  r.get('/api/notifications', { schema: { tags, querystring: notificationListQuery, response: { 200: notificationPage } } }, (req) =>
    inbox.list(actorOf(req), req.query),
  );
  r.post('/api/notifications/:id/read', { schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await inbox.markRead(req.ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });
  r.post('/api/notifications/read-all', { schema: { tags, response: { 200: okResponse } } }, async (req) => {
    await inbox.markAllRead(req.ctx, actorOf(req));
    return { ok: true as const };
  });

  const auth = { auth: 'notifications.channels' as const };
  r.get('/api/notification-channels', { config: auth, schema: { tags, response: { 200: z.array(channelSchema) } } }, () => channels.list());
  r.post('/api/notification-channels', { config: auth, schema: { tags, body: channelCreateSchema, response: { 200: channelSchema } } }, (req) =>
    channels.create(req.ctx, actorOf(req), req.body),
  );
  r.patch(
    '/api/notification-channels/:id',
    { config: auth, schema: { tags, params: idParams, body: channelUpdateSchema, response: { 200: channelSchema } } },
    (req) => channels.update(req.ctx, req.params.id, req.body),
  );
  r.post('/api/notification-channels/:id/test', { config: auth, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await channels.test(req.ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });
  r.get('/api/notification-deliveries', { config: auth, schema: { tags, querystring: deliveryListQuery, response: { 200: pageOf(deliverySchema) } } }, (req) =>
    channels.deliveries(req.query),
  );
}
