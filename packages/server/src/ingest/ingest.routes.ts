// Routes of the ingest path: HTTP telemetry (public, the token in the path, ThingsBoard's path shape), the endpoints
// an external broker calls to authenticate and authorise devices (public, EMQX HTTP authenticator / authorizer
// form), and the administration (safety.manage). Device traffic is not written to the audit trail one request at a
// time: its refusals are counted in ingest_rejections (the audit trail records people's writes).
import {
  ingestRejectionListQuery,
  ingestRejectionPage,
  ingestStatusSchema,
  MAX_TELEMETRY_BYTES,
  mqttAclRequestSchema,
  mqttAclResultSchema,
  mqttAuthRequestSchema,
  mqttAuthResultSchema,
  telemetryResultSchema,
} from '@zoneops/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/auth/auth.plugin.ts';
import { EXPORT_LIMIT, sendXlsx } from '../platform/excel.ts';
import { sendError, toAppError } from '../platform/errors.ts';
import type { IngestService } from './ingest.service.ts';
import type { TelemetryKind } from './intake.ts';

const tokenParams = z.object({ token: z.string().min(1).max(200) }).strict();
const manage = { auth: 'safety.manage' } as const;

export function registerIngestHttp(app: FastifyInstance, service: IngestService): void {
  // Telemetry: the body is read raw (any content type) and parsed by the hand-written payload parser, so that a
  // malformed body is counted against its device like one over MQTT.
  void app.register(async (scope) => {
    // Device traffic: counted by the ingest path, not audited request by request (refusals before the handler too).
    scope.addHook('onRequest', async (request) => {
      request.ctx.audited = true;
    });
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_TELEMETRY_BYTES }, (_req, body, done) => done(null, body));
    scope.setErrorHandler(async (err, request, reply) => {
      const appErr = toAppError(err);
      if (appErr.code === 'PAYLOAD_TOO_LARGE') {
        const token = (request.params as { token?: string }).token ?? '';
        const length = Number(request.headers['content-length']);
        await service.countTooLarge(token, Number.isFinite(length) ? length : null);
      }
      if (appErr.code === 'INTERNAL') request.log.error({ err }, 'unhandled error');
      return sendError(reply, request, appErr);
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const route = (path: string, kind: TelemetryKind, summary: string) =>
      r.post(
        path,
        {
          config: { auth: 'public' },
          bodyLimit: MAX_TELEMETRY_BYTES,
          schema: {
            tags: ['telemetry'],
            summary,
            description:
              'The body is the MQTT payload of the same convention (docs/telemetry-convention.md). Answered once the readings are stored. ' +
              '401: unknown or revoked token; 400: nothing in the body could be read; 413: over 256 KiB.',
            params: tokenParams,
            response: { 200: telemetryResultSchema },
            security: [],
          },
        },
        (req) => service.postTelemetry(req.params.token, kind, req.body as Buffer | undefined),
      );
    route('/api/v1/:token/telemetry', 'device', "A device's readings: {ts, values}, an array of them, or a bare values object");
    route('/api/v1/:token/gateway/telemetry', 'gateway', 'A gateway\'s readings: {"<device name>": [{ts, values}]}');
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/mqtt/auth',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['telemetry'],
        summary: "EMQX HTTP authenticator: a device's token as MQTT user name (header x-zoneops-auth when MQTT_AUTH_SECRET is set)",
        body: mqttAuthRequestSchema,
        response: { 200: mqttAuthResultSchema },
        security: [],
      },
    },
    async (req) => {
      const answer = await service.mqttAuth(req.body, req.headers['x-zoneops-auth'], req.ip);
      markDeviceTraffic(req);
      return answer;
    },
  );
  r.post(
    '/api/mqtt/acl',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['telemetry'],
        summary: 'EMQX HTTP authorizer: devices may publish to their telemetry topic only',
        body: mqttAclRequestSchema,
        response: { 200: mqttAclResultSchema },
        security: [],
      },
    },
    async (req) => {
      const answer = await service.mqttAcl(req.body, req.headers['x-zoneops-auth']);
      markDeviceTraffic(req);
      return answer;
    },
  );

  r.get(
    '/api/safety/ingest/status',
    { config: manage, schema: { tags: ['safety'], summary: "This instance's listeners, counters and write queue", response: { 200: ingestStatusSchema } } },
    () => service.status(),
  );
  r.get(
    '/api/safety/ingest/rejections',
    {
      config: manage,
      schema: {
        tags: ['safety'],
        summary: 'Rejected messages counted per sender and reason',
        querystring: ingestRejectionListQuery,
        response: { 200: ingestRejectionPage },
      },
    },
    (req) => service.rejections(actorOf(req), req.query),
  );
  r.get(
    '/api/safety/ingest/rejections/export',
    {
      config: manage,
      schema: { tags: ['safety'], summary: 'The filtered rejections as xlsx', querystring: ingestRejectionListQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) =>
      sendXlsx(
        reply,
        '接入拒收记录.xlsx',
        '拒收记录',
        [
          { header: '发送方', key: 'sender', width: 28 },
          { header: '企业', key: 'enterprise', width: 24 },
          { header: '通道', key: 'channel', width: 8 },
          { header: '原因', key: 'reason', width: 26 },
          { header: '次数', key: 'count', width: 10 },
          { header: '首次', key: 'firstAt', width: 20 },
          { header: '最近', key: 'lastAt', width: 20 },
          { header: '最近详情', key: 'detail', width: 60 },
        ],
        await service.rejectionsForExport(actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_LIMIT }),
      ),
  );
}

/** A broker's call with the right secret is device traffic: counted by the ingest path, not audited one by one. */
function markDeviceTraffic(req: FastifyRequest): void {
  req.ctx.audited = true;
}
