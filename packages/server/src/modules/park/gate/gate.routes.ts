// Gate routes. Device traffic (public, the gate token in the path): POST /api/gate/:token/isapi (ISAPI pushes:
// multipart ANPR, XML, AccessControllerEvent JSON) and POST /api/gate/:token/platform (OnEventNotify); bodies are read
// raw (any content type, at most GATE_MAX_BYTES) and parsed by gate-parse.ts, refusals counted, not audited one by
// one. Reading (park.read): passes, images, visits, counts, rejections; the gate token (park.manage).
import {
  gateIntakeResultSchema,
  gatePassDetailSchema,
  gatePassImageParams,
  gatePassListQuery,
  gatePassPage,
  gateRejectionListQuery,
  gateRejectionPage,
  gateTokenIssuedSchema,
  gateTokenStatusSchema,
  idParams,
  parkCountsSchema,
  parkVisitListQuery,
  parkVisitPage,
} from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../../platform/deps.ts';
import { sendXlsx } from '../../../platform/documents/index.ts';
import { sendError, toAppError } from '../../../platform/errors.ts';
import type { Gate } from './index.ts';

const tokenParams = z.object({ token: z.string().min(1).max(200) }).strict();

export function registerGateRoutesOn(app: FastifyInstance, deps: Deps, gate: Gate): void {
  const maxBytes = deps.config.gate.maxBytes;
  void app.register(async (scope) => {
    scope.addHook('onRequest', async (request) => {
      request.ctx.audited = true;
    });
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));
    scope.setErrorHandler(async (err, request, reply) => {
      const appErr = toAppError(err);
      if (appErr.code === 'PAYLOAD_TOO_LARGE') {
        const length = Number(request.headers['content-length']);
        await gate.intake.countTooLarge((request.params as { token?: string }).token ?? '', request.ip, Number.isFinite(length) ? length : null);
      }
      if (appErr.code === 'INTERNAL') request.log.error({ err }, 'unhandled error');
      return sendError(reply, request, appErr);
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const route = (path: string, channel: 'isapi' | 'platform', summary: string, description: string) =>
      r.post(
        path,
        {
          config: { auth: 'public' },
          bodyLimit: maxBytes,
          schema: { tags: ['park'], summary, description, params: tokenParams, response: { 200: gateIntakeResultSchema }, security: [] },
        },
        (req) => gate.intake.post(channel, req.params.token, req.body as Buffer | undefined, req.headers['content-type'], req.ip),
      );
    const common =
      'Answered 200 once every event is durable (spooled; images stored); replays are answered 200 and not processed twice. ' +
      '401: unknown gate token; 400 GATE_EVENT_INVALID: broken multipart, XML or JSON (nothing stored); 413: over GATE_MAX_BYTES. ' +
      'Images over GATE_MAX_IMAGE_BYTES or not JPEG are dropped and noted on the pass.';
    route(
      '/api/gate/:token/isapi',
      'isapi',
      'Hikvision ISAPI event push (HTTP listening / alarm host)',
      `ANPR as multipart/form-data with an EventNotificationAlert XML part and JPEG parts, a bare EventNotificationAlert XML, or AccessControllerEvent JSON (face pass major 5 / minor 75). ${common}`,
    );
    route(
      '/api/gate/:token/platform',
      'platform',
      'Hikvision platform OnEventNotify (event_mpc checkpoint passes, event_acs access control)',
      `Deduplicated on eventId; unsupported event types are acknowledged and counted. ${common}`,
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['park'];
  const read = { auth: 'park.read' } as const;
  const manage = { auth: 'park.manage' } as const;

  r.get(
    '/api/park/passes',
    { config: read, schema: { tags, summary: 'Gate passes (通行记录)', querystring: gatePassListQuery, response: { 200: gatePassPage } } },
    (req) => gate.service.listPasses(actorOf(req), req.query),
  );
  r.get(
    '/api/park/passes/export',
    { config: read, schema: { tags, summary: 'The filtered passes as xlsx', querystring: gatePassListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => sendXlsx(reply, await gate.service.exportPasses(req.ctx, actorOf(req), { ...req.query, page: 1, pageSize: 20 })),
  );
  r.get(
    '/api/park/passes/:id',
    { config: read, schema: { tags, summary: 'A pass with its findings', params: idParams, response: { 200: gatePassDetailSchema } } },
    (req) => gate.service.getPass(actorOf(req), req.params.id),
  );
  r.get(
    '/api/park/passes/:id/images/:index',
    { config: read, schema: { tags, summary: "One of a pass's images (JPEG)", params: gatePassImageParams } },
    async (req, reply) => {
      const img = await gate.service.passImage(req.params.id, req.params.index);
      return reply.header('content-type', 'image/jpeg').header('content-length', img.size).header('cache-control', 'private, max-age=86400').send(img.stream);
    },
  );
  r.get(
    '/api/park/visits',
    {
      config: read,
      schema: { tags, summary: 'Visits: who is in the park (open) or has left', querystring: parkVisitListQuery, response: { 200: parkVisitPage } },
    },
    (req) => gate.service.listVisits(actorOf(req), req.query),
  );
  r.get(
    '/api/park/visits/counts',
    { config: read, schema: { tags, summary: 'Vehicles by category and people in the park now', response: { 200: parkCountsSchema } } },
    () => gate.service.counts(),
  );
  r.get(
    '/api/park/gate/rejections',
    {
      config: read,
      schema: {
        tags,
        summary: 'Gate posts refused or not processed, counted per sender and reason',
        querystring: gateRejectionListQuery,
        response: { 200: gateRejectionPage },
      },
    },
    (req) => gate.service.listRejections(req.query),
  );
  r.get(
    '/api/park/gate/token',
    { config: manage, schema: { tags, summary: 'Whether a gate token is issued (its last four characters)', response: { 200: gateTokenStatusSchema } } },
    () => gate.intake.tokenStatus(),
  );
  r.post(
    '/api/park/gate/token',
    {
      config: manage,
      schema: { tags, summary: 'Issue a new gate token (shown once; the previous one stops working)', response: { 200: gateTokenIssuedSchema } },
    },
    (req) => gate.intake.rotateToken(req.ctx, actorOf(req)),
  );
}
