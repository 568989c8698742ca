// buildApp(config, database) → the Fastify instance with every module registered. Tests use it with inject().
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Clock } from './platform/clock.ts';
import { systemClock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { ping, type Database } from './platform/database.ts';
import type { Deps } from './platform/deps.ts';
import { AppError, registerErrorHandling, sendError } from './platform/errors.ts';
import { systemContext } from './platform/context.ts';
import { AuditService } from './platform/audit/audit.service.ts';
import { registerAuth, SAFE_METHODS } from './platform/auth/auth.plugin.ts';
import { authRepository } from './platform/auth/auth.repository.ts';
import { PrincipalCache } from './platform/auth/principal.service.ts';
import { ResponseCache } from './platform/response-cache.ts';
import { createSecretBox, loadSecretKey } from './platform/auth/secret-box.ts';
import { Scheduler } from './platform/jobs/scheduler.ts';
import { createChannelSender, type ChannelSender } from './platform/notifications/channels.ts';
import { NotificationService } from './platform/notifications/notification.service.ts';
import { settingsRepository } from './platform/settings.repository.ts';
import { WorkbenchRegistry } from './platform/workbench.ts';
import { registerAssessments } from './modules/assessments/index.ts';
import { registerAttachments } from './modules/attachments/index.ts';
import { registerCockpit } from './modules/cockpit/index.ts';
import { registerAudit } from './modules/audit/index.ts';
import { registerAuthModule } from './modules/auth/index.ts';
import { registerCalendar } from './modules/calendar/index.ts';
import { registerDictionaries } from './modules/dictionaries/index.ts';
import { registerEnterprises } from './modules/enterprises/index.ts';
import { registerGeo } from './modules/geo/index.ts';
import { registerLedger } from './modules/ledger/index.ts';
import { registerLedgerReports } from './modules/ledger-reports/index.ts';
import { registerMeetings } from './modules/meetings/index.ts';
import { registerProjects, type ProjectsModule } from './modules/projects/index.ts';
import { registerEconomy } from './modules/economy/index.ts';
import { registerDocuments } from './modules/documents/index.ts';
import { registerPromotion } from './modules/promotion/index.ts';
import type { EconomyService } from './modules/economy/economy.service.ts';
import type { LeadService } from './modules/promotion/lead.service.ts';
import { registerService, type RequestService } from './modules/service/index.ts';
import { registerSafety, type SafetyModule } from './modules/safety/index.ts';
import { registerPark, type ParkModule } from './modules/park/index.ts';
import { registerNotifications } from './modules/notifications/index.ts';
import { registerRoles } from './modules/roles/index.ts';
import { registerSecurity } from './modules/security/index.ts';
import { registerUnits } from './modules/units/index.ts';
import { registerUsers } from './modules/users/index.ts';
import { registerWorkbench } from './modules/workbench/index.ts';

export interface AppOptions {
  clock?: Clock;
  sender?: ChannelSender;
  /** pino options or false; defaults to the configured level. */
  logger?: boolean | object;
}

export interface App {
  app: FastifyInstance;
  deps: Deps;
  scheduler: Scheduler;
  /** The key projects module (demo seeding and benchmarks drive it directly). */
  projects: ProjectsModule;
  economy: EconomyService;
  promotion: LeadService;
  /** Enterprise requests (demo seeding and benchmarks file and move them directly). */
  service: RequestService;
  /** Safety monitoring: ingest listeners are opened by server.ts (or tests) with safety.ingest.start(). */
  safety: SafetyModule;
  /** Closed-park management: position listeners are opened by server.ts (or tests) with park.positions.start(). */
  park: ParkModule;
}

/** Telemetry posted by devices and the broker's token checks: they change no principal and no cached answer. */
const isDeviceTraffic = (url: string) =>
  url.startsWith('/api/v1/') || url.startsWith('/api/mqtt/') || url.startsWith('/api/gate/') || url.startsWith('/api/osmand');

/** Device tokens travel in the URL of HTTP telemetry (/api/v1/<token>/…) and gate events (/api/gate/<token>/…): logs show only a hint. */
const redactToken = (url: string) => url.replace(/^\/api\/(v1|gate)\/([^/?]+)/, (_m, prefix: string, token: string) => `/api/${prefix}/…${token.slice(-4)}`);

const defaultWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

export async function buildApp(config: Config, database: Database, opts: AppOptions = {}): Promise<App> {
  const clock = opts.clock ?? systemClock;
  const app = Fastify({
    logger: opts.logger ?? {
      level: config.logLevel,
      serializers: {
        req: (req: { method: string; url: string; host?: string; ip?: string }) => ({
          method: req.method,
          url: redactToken(req.url),
          host: req.host,
          remoteAddress: req.ip,
        }),
      },
    },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const db = database.db;
  const audit = new AuditService(db, clock, config.dataDir);
  const notifications = new NotificationService(db, clock, opts.sender ?? createChannelSender(config.smtpUrl, config.smtpFrom), app.log);
  const secrets = createSecretBox(loadSecretKey(config.secretKey, config.dataDir));
  const deps: Deps = {
    db,
    dbKind: database.kind,
    config,
    clock,
    audit,
    notifications,
    workbench: new WorkbenchRegistry(),
    secrets,
    log: app.log,
    responses: new ResponseCache(config.responseCacheMs),
  };

  registerErrorHandling(app);
  // JSON only (and multipart where a module declares it): a text body is a 415, not a string to validate.
  app.removeContentTypeParser('text/plain');

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'ZoneOps API', version: '0.1.0', description: 'The API of ZoneOps. Errors: {code, message, details?, requestId}.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'zo_sid' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(cookie);
  // Principals and hot list answers are cached per instance while the change feed (LISTEN zoneops_auth) is live.
  const principals = new PrincipalCache();
  const unlisten = await database.listen(
    'zoneops_auth',
    () => {
      principals.clear();
      deps.responses.invalidate();
    },
    (live) => {
      principals.setLive(live);
      deps.responses.setLive(live && config.responseCacheMs > 0);
    },
  );
  app.addHook('onClose', async () => unlisten());
  registerAuth(app, db, clock, principals);
  // A write through this instance drops cached answers when it starts (and again in onSend, when it is done), so
  // no read overlapping it is kept.
  app.addHook('onRequest', async (request) => {
    if (!SAFE_METHODS.has(request.method) && !isDeviceTraffic(request.url)) deps.responses.invalidate();
  });

  app.addHook('onSend', async (request, reply, payload) => {
    // A write through this instance may change a principal: forget them here before the client hears back
    // (other instances hear the database trigger).
    if (!SAFE_METHODS.has(request.method) && !isDeviceTraffic(request.url)) {
      principals.clear();
      deps.responses.invalidate();
    }
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) reply.header('cache-control', 'no-store');
    return payload;
  });

  // Every write through the API is audited: services record successful writes with their diff; this hook records
  // whatever they did not (refusals, validation failures, writes that failed inside a rolled-back transaction).
  app.addHook('onResponse', async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/') || !request.ctx) return;
    const failed = reply.statusCode >= 400;
    if (request.ctx.audited && !(failed && request.ctx.auditedInTx)) return;
    try {
      await audit.record(null, request.ctx, {
        action: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
        result: failed ? 'failure' : 'success',
        resultCode: reply.errorCode ?? String(reply.statusCode),
      });
    } catch (err) {
      request.log.error({ err }, 'audit record failed');
    }
  });

  app.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    try {
      await ping(db);
      return { status: 'ready', database: database.kind };
    } catch {
      return sendError(reply, request, new AppError('NOT_READY', 'database not reachable'));
    }
  });

  registerAuthModule(app, deps);
  registerUnits(app, deps);
  registerUsers(app, deps);
  registerRoles(app, deps);
  registerEnterprises(app, deps);
  registerDictionaries(app, deps);
  registerCalendar(app, deps);
  registerAudit(app, deps);
  registerNotifications(app, deps);
  registerSecurity(app, deps);
  registerWorkbench(app, deps);
  registerGeo(app, deps);
  const ledger = registerLedger(app, deps);
  registerLedgerReports(app, deps, ledger);
  const meetings = registerMeetings(app, deps, ledger);
  const projects = registerProjects(app, deps, ledger);
  const economy = registerEconomy(app, deps);
  registerDocuments(app, deps);
  const promotion = registerPromotion(app, deps);
  const service = registerService(app, deps);
  const safety = await registerSafety(app, deps, (channel, onNotify, onLive) => database.listen(channel, onNotify, onLive));
  const park = await registerPark(app, deps, safety);
  const assessments = registerAssessments(app, deps);
  registerCockpit(app, deps, { projects, economy, promotion, ledger, service, safety, park, assessments });
  registerAttachments(app, deps, { maxBytes: config.maxUploadBytes });

  // The web client: built files, and index.html for every other GET outside /api (client-side routes).
  const webDist = config.webDist ?? defaultWebDist;
  if (existsSync(join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
    app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/')) return sendError(reply, request, new AppError('NOT_FOUND', `no route GET ${request.url.split('?')[0]}`));
      const file = request.url.split('?')[0]!.slice(1);
      if (file && existsSync(join(webDist, file)) && !file.includes('..')) return reply.sendFile(file);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }

  const scheduler = new Scheduler(db, clock, config.instanceId, app.log);
  scheduler.add({ name: 'notifications.deliver', everyMs: 10_000, run: () => notifications.deliverDue().then(() => undefined) });
  scheduler.add({
    name: 'sessions.expireIdle',
    everyMs: 3_600_000,
    run: async (now) => {
      const policy = await settingsRepository.findPasswordPolicy(db);
      await authRepository.deleteIdleSessions(db, new Date(now.getTime() - policy.idleTimeoutMinutes * 60_000));
    },
  });
  // Lights follow the calendar day: recomputed every hour (only changes are written), so a new day shows within the
  // hour; reminders and the end of public notices ride on the same cadence (each is done once, whatever the cadence).
  scheduler.add({ name: 'ledger.lights', everyMs: 3_600_000, run: () => ledger.recomputeAll().then(() => undefined) });
  scheduler.add({ name: 'ledger.reminders', everyMs: 3_600_000, run: () => ledger.sendReminders().then(() => undefined) });
  scheduler.add({ name: 'ledger.notices', everyMs: 3_600_000, run: () => ledger.closeEndedNotices(systemContext('ledger.notices')).then(() => undefined) });
  scheduler.add({ name: 'projects.lights', everyMs: 3_600_000, run: () => projects.recomputeAll().then(() => undefined) });
  scheduler.add({ name: 'projects.reminders', everyMs: 3_600_000, run: () => projects.investment.sendReminders().then(() => undefined) });
  // Lead clocks follow the calendar day (only changes are written).
  scheduler.add({ name: 'promotion.clocks', everyMs: 3_600_000, run: () => promotion.recomputeClocks().then(() => undefined) });
  scheduler.add({ name: 'meetings.missed', everyMs: 3_600_000, run: () => meetings.markMissed().then(() => undefined) });
  // Safety monitoring: alarms on silence and escalation every half minute; roll-ups each minute; partitions hourly.
  scheduler.add({ name: 'safety.stale', everyMs: 30_000, run: (now) => safety.alarms.checkStale(now) });
  scheduler.add({ name: 'safety.escalate', everyMs: 30_000, run: (now) => safety.alarms.escalate(now) });
  scheduler.add({ name: 'safety.rollups', everyMs: 60_000, run: (now) => safety.ingest.rollup(now) });
  scheduler.add({ name: 'safety.partitions', everyMs: 3_600_000, run: (now) => safety.ingest.maintain(now) });
  // Closed park: timed rules (position lost, stopped outside a lot, past the window) and the gate spool re-drive every
  // half minute; position partitions hourly.
  scheduler.add({ name: 'park.rules', everyMs: 30_000, run: (now) => park.rules.checkTimers(now) });
  scheduler.add({ name: 'park.gate', everyMs: 30_000, run: () => park.gate.drain() });
  scheduler.add({ name: 'park.partitions', everyMs: 3_600_000, run: (now) => park.positions.maintain(now) });
  scheduler.add({ name: 'audit.retention', everyMs: 86_400_000, run: () => audit.archiveOlderThan(config.auditRetentionDays).then(() => undefined) });

  return { app, deps, scheduler, projects, economy, promotion, service, safety, park };
}
