// Positions (issue 8): JT/T 808 over TCP and OsmAnd over HTTP feed one normalised stream; positions are stored in the
// day-partitioned vehicle_positions table and acknowledged only once durable; the latest per vehicle is in memory.
// Plausibility (plausibility.ts): (0, 0), out-of-range coordinates and device times outside config.ingest.window are
// refused and counted; an impossible jump (> 300 km/h from the terminal's previous position) is stored flagged
// 'jump' (the rule engine ignores it); a JT/T 808 position without a GNSS fix is stored flagged 'noFix'.
// Listeners: start() opens JT/T 808 on config.ports.jt808 and OsmAnd on config.ports.osmand (0 = any free port; the
// actual ports are answered and shown by status()); a port held by another program leaves that listener off with a
// warning. The OsmAnd handler is also mounted on the main app at /api/osmand (any time, started or not).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { isValidPlate, normalizePlate, positionStatusSchema, type PositionStatus } from '@zoneops/shared';
import type { Deps } from '../../platform/deps.ts';
import type { PositionReport, StoredPosition } from '../../modules/park/contracts.ts';
import type { SafetyEvents } from '../../modules/safety/safety-events.ts';
import { startJt808Server, type JT808_TIMEOUTS, type Jt808Location, type Jt808Server } from '../jt808/server.ts';
import type { RegisterBody } from '../jt808/codec.ts';
import { maintainPartitions, type MaintainResult } from '../partitions.ts';
import { OSMAND_MAX_BYTES, parseOsmand, startOsmandServer, type OsmandAnswer, type OsmandServer } from './osmand.ts';
import { PositionPipeline, PositionsOverloadedError, type PipelineSinks } from './pipeline.ts';
import { checkPosition, type Previous } from './plausibility.ts';
import { positionsRepository } from './positions.repository.ts';
import { PositionTallies, type PositionChannel } from './tallies.ts';
import { TerminalDirectory, type TerminalDef } from './terminals.ts';

export interface PositionStartOverrides {
  jt808Port?: number;
  osmandPort?: number;
  timeouts?: { jt808?: Partial<typeof JT808_TIMEOUTS> };
}

export interface Positions {
  /** Opens the JT/T 808 and OsmAnd listeners (0 = any free port, for tests). Null: that listener is off. */
  start(overrides?: PositionStartOverrides): Promise<{ jt808Port: number | null; osmandPort: number | null }>;
  /** Stops listening, writes what is buffered, acknowledges it, and stops. */
  stop(): Promise<void>;
  /** Partitions ahead and retention (job). */
  maintain(now: Date): Promise<void>;
  /** maintain() with what it did (tests). */
  maintainPartitions(now: Date): Promise<MaintainResult>;
  /** The newest stored position per vehicle (or per terminal without a vehicle). */
  latest(): ReadonlyMap<string, StoredPosition>;
  /** The ports the listeners actually listen on (null: off). */
  ports(): { jt808: number | null; osmand: number | null };
  status(): PositionStatus;
  /** One OsmAnd request (query and/or raw body); answered once its positions are committed. */
  osmand(query: Record<string, string | undefined>, body: Buffer | null, contentType: string | undefined, peer: string): Promise<OsmandAnswer>;
  /** Writes everything waiting (positions, then last contact and rejections). Tests. */
  flush(): Promise<void>;
  /** The terminal directory reloads now (tests; registry changes arrive as park events). */
  reloadTerminals(): Promise<void>;
}

/** Positions whose device time is this far back are used to rebuild the latest map after a restart. */
const RECENT_MS = 86_400_000;
/** At most one registry event per this many ms for registrations (a fleet reconnecting registers thousands). */
const NOTIFY_THROTTLE_MS = 1_000;

export function createPositions(deps: Deps, parts: { sinks: PipelineSinks; events: SafetyEvents }): Positions {
  const { db, config, log } = deps;
  const now = () => deps.clock.now().getTime();
  const terminals = new TerminalDirectory(db, log, () => deps.clock.now());
  const tallies = new PositionTallies(db, log, now);
  const pipeline = new PositionPipeline(db, log, parts.sinks, tallies, {
    flushMs: 25,
    maxBatchRows: deps.dbKind === 'pglite' ? 1_000 : 5_000,
    maxQueuedRows: 200_000,
    // PGlite has one connection: one write at a time.
    lanes: deps.dbKind === 'pglite' ? 1 : 2,
  });
  const previous = new Map<string, Previous>();
  let jt808: Jt808Server | null = null;
  let osmandServer: OsmandServer | null = null;
  let startedAt: Date | null = null;
  let starting: Promise<{ jt808Port: number | null; osmandPort: number | null }> | null = null;
  let notifyTimer: NodeJS.Timeout | null = null;
  let recentLoaded: Promise<void> | null = null;

  /** Checks reports of one terminal: the rows to store; refusals are counted against the terminal. */
  function prepare(t: TerminalDef, channel: PositionChannel, reports: readonly (Omit<PositionReport, 'protocol' | 'identifier'> & { fixed?: boolean })[]) {
    const rows: StoredPosition[] = [];
    let refused = 0;
    let lastRefusal: string | null = null;
    const at = now();
    const sender = `${channel}:${t.identifier}`;
    for (const r of reports) {
      const prev = previous.get(t.id);
      const p = checkPosition(r, prev, at, config.ingest.window, r.fixed ?? true);
      if (!p.ok) {
        refused++;
        lastRefusal = `${p.reason}: ${p.detail}`;
        tallies.reject(sender, channel, p.reason, p.detail);
        continue;
      }
      if (!prev || r.ts >= prev.ts) previous.set(t.id, { ts: r.ts, lat: r.lat, lon: r.lon });
      rows.push({
        protocol: channel,
        identifier: t.identifier,
        ts: r.ts,
        lat: r.lat,
        lon: r.lon,
        speedKmh: r.speedKmh,
        course: r.course,
        altitudeM: r.altitudeM,
        accuracyM: r.accuracyM,
        alarmFlags: r.alarmFlags,
        status: r.status,
        terminalId: t.id,
        vehicleId: t.vehicleId,
        receivedAt: at,
        flags: p.flags,
      });
    }
    return { rows, refused, lastRefusal };
  }

  function notifyRegistry(): void {
    if (notifyTimer) return;
    notifyTimer = setTimeout(() => {
      notifyTimer = null;
      void parts.events.notify(db, { kind: 'park', what: 'registry' }).catch((err: unknown) => log.error({ err }, 'registry event not sent'));
    }, NOTIFY_THROTTLE_MS);
    notifyTimer.unref();
  }

  async function register(identifier: string, reg: RegisterBody): Promise<TerminalDef | null> {
    const known = terminals.get('jt808', identifier);
    const plate = reg.plateColor === 0 || !reg.plate ? null : reg.plate;
    const key = plate ? normalizePlate(plate) : null;
    const row = await positionsRepository.register(db, {
      identifier,
      version: reg.version,
      manufacturer: reg.manufacturer.slice(0, 64),
      model: reg.model.slice(0, 64),
      plate: reg.plate ? reg.plate.slice(0, 32) : null,
      plateKey: key && isValidPlate(key) ? key : null,
      authCode: randomBytes(6).toString('hex').toUpperCase(),
      at: deps.clock.now(),
    });
    if (!row) {
      await terminals.reload();
      return null;
    }
    terminals.put(row);
    if (!known || known.vehicleId !== row.vehicleId) notifyRegistry();
    return row;
  }

  function keepRaw(identifier: string, msgId: number, frameHex: string): void {
    void positionsRepository
      .keepRaw(db, identifier.slice(0, 40), msgId, deps.clock.now(), frameHex)
      .catch((err: unknown) => log.error({ err }, 'raw message not kept'));
  }

  /** The newest positions of the last day: the latest map and the jump check's previous positions. */
  function loadRecent(): Promise<void> {
    return (recentLoaded ??= (async () => {
      const rows = await positionsRepository.recentLatest(db, now() - RECENT_MS);
      for (const r of rows) {
        const prev = previous.get(r.terminalId);
        if (!prev || r.ms > prev.ts) previous.set(r.terminalId, { ts: r.ms, lat: r.lat, lon: r.lon });
        const key = r.vehicleId ?? r.terminalId;
        const cur = pipeline.latest.get(key);
        if (cur && cur.ts >= r.ms) continue;
        const t = terminals.byId(r.terminalId);
        pipeline.latest.set(key, {
          protocol: (t?.protocol as PositionChannel | undefined) ?? 'jt808',
          identifier: t?.identifier ?? '',
          ts: r.ms,
          lat: r.lat,
          lon: r.lon,
          speedKmh: r.speedKmh,
          course: r.course,
          altitudeM: r.altitudeM,
          accuracyM: r.accuracyM,
          alarmFlags: r.alarmFlags,
          status: r.status,
          terminalId: r.terminalId,
          vehicleId: r.vehicleId,
          receivedAt: r.receivedMs,
          flags: r.flags,
        });
      }
    })().catch((err: unknown) => {
      recentLoaded = null;
      throw err;
    }));
  }

  async function osmand(query: Record<string, string | undefined>, body: Buffer | null, contentType: string | undefined, peer: string): Promise<OsmandAnswer> {
    const parsed = parseOsmand(query, body, contentType);
    const bad = (status: number, reason: string): OsmandAnswer => ({ status, body: reason });
    if (!parsed.ok) {
      tallies.reject(parsed.id ? `osmand:${parsed.id.slice(0, 100)}` : peer, 'osmand', parsed.reason, parsed.detail);
      return bad(parsed.reason === 'tooLarge' ? 413 : 400, `${parsed.reason}: ${parsed.detail}`);
    }
    await terminals.ready();
    const id = parsed.reports[0]!.id;
    const t = terminals.get('osmand', id);
    if (!t || t.revoked) {
      const reason = t ? 'revoked' : 'unknownTerminal';
      tallies.reject(`osmand:${id.slice(0, 100)}`, 'osmand', reason, `${reason} from ${peer.slice(3)}`);
      return bad(403, reason);
    }
    const { rows, refused, lastRefusal } = prepare(
      t,
      'osmand',
      parsed.reports.map((r) => ({ ...r, alarmFlags: 0, status: 0 })),
    );
    if (!rows.length) return bad(400, lastRefusal ?? 'nothing to store');
    try {
      const res = await pipeline.submit(rows);
      return { status: 200, body: `OK ${res.accepted} stored, ${res.duplicates} duplicates, ${refused} refused` };
    } catch (err) {
      const overloaded = err instanceof PositionsOverloadedError;
      tallies.reject(`osmand:${id}`, 'osmand', overloaded ? 'overloaded' : 'writeFailed', err instanceof Error ? err.message : String(err));
      return bad(503, overloaded ? 'overloaded' : 'writeFailed');
    }
  }

  async function portFree<T>(variable: string, port: number, listen: () => Promise<T>): Promise<T | null> {
    try {
      return await listen();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      log.warn(`port ${port} is in use by another program: this listener is off (set ${variable} to another port)`);
      return null;
    }
  }

  const maintain = (at: Date) =>
    maintainPartitions(db, log, { table: 'vehicle_positions', pastMs: config.ingest.window.pastMs, retentionDays: config.positions.retentionDays }, at);

  async function open(o: PositionStartOverrides) {
    await terminals.ready();
    terminals.follow(parts.events);
    await maintain(deps.clock.now());
    await loadRecent();
    const host = config.host;
    const jPort = o.jt808Port ?? config.ports.jt808;
    jt808 = await portFree('JT808_PORT', jPort, () =>
      startJt808Server(jPort, host, {
        terminals,
        pipeline,
        tallies,
        log,
        now,
        maxBody: config.positions.jt808MaxBody,
        prepare: (t, locations: readonly Jt808Location[]) =>
          prepare(
            t,
            'jt808',
            locations.map((l) => ({
              ts: l.ts,
              lat: l.lat,
              lon: l.lon,
              speedKmh: l.speedKmh,
              course: l.course,
              altitudeM: l.altitudeM,
              accuracyM: null,
              alarmFlags: l.alarm | 0,
              status: l.status | 0,
              fixed: l.fixed,
            })),
          ),
        register,
        keepRaw,
        timeouts: o.timeouts?.jt808 ?? {},
      }),
    );
    const oPort = o.osmandPort ?? config.ports.osmand;
    osmandServer = await portFree('OSMAND_PORT', oPort, () => startOsmandServer(oPort, host, osmand, log));
    startedAt = deps.clock.now();
    return { jt808Port: jt808?.port ?? null, osmandPort: osmandServer?.port ?? null };
  }

  async function closeListeners(): Promise<void> {
    await jt808?.close().catch((err: unknown) => log.error({ err }, 'JT/T 808 server did not close cleanly'));
    await osmandServer?.close().catch((err: unknown) => log.error({ err }, 'OsmAnd server did not close cleanly'));
    jt808 = null;
    osmandServer = null;
  }

  return {
    start(overrides = {}) {
      starting ??= open(overrides).catch(async (err: unknown) => {
        await closeListeners();
        starting = null;
        throw err;
      });
      return starting;
    },
    async stop() {
      await starting?.catch(() => undefined);
      starting = null;
      // No new connections, and the JT/T 808 connections stop reading (what a terminal sends now is not acknowledged
      // and sent again after the restart).
      jt808?.stopAccepting();
      osmandServer?.stopAccepting();
      // Everything received is written and acknowledged before the sockets close.
      await pipeline.flush();
      await closeListeners();
      // What was still on its way in while the listeners closed (an OsmAnd request, a frame behind a registration).
      await pipeline.flush();
      if (notifyTimer) clearTimeout(notifyTimer);
      notifyTimer = null;
      terminals.stop();
      await tallies.close();
      startedAt = null;
    },
    async maintain(at) {
      await maintain(at);
    },
    maintainPartitions: maintain,
    latest: () => pipeline.latest,
    ports: () => ({ jt808: jt808?.port ?? null, osmand: osmandServer?.port ?? null }),
    status(): PositionStatus {
      const c = pipeline.counters;
      return {
        enabled: config.positions.enabled,
        startedAt: startedAt?.toISOString() ?? null,
        at: deps.clock.now().toISOString(),
        listeners: {
          jt808: { port: jt808?.port ?? null, connections: jt808?.connections() ?? 0, authenticated: jt808?.authenticated() ?? 0 },
          osmand: { port: osmandServer?.port ?? null, connections: osmandServer?.connections() ?? 0, path: '/api/osmand' },
        },
        terminals: { loaded: terminals.size, loadedAt: terminals.loadedAt?.toISOString() ?? null },
        counters: {
          accepted: c.accepted,
          duplicates: c.duplicates,
          jumps: c.jumps,
          rejected: tallies.rejected,
          acceptedPerSecond: pipeline.acceptedPerSecond(),
          batches: c.batches,
          writeFailures: c.writeFailures,
          queueDepth: pipeline.queueDepth,
          lastFlushMs: c.lastFlushMs,
          lastFlushRows: c.lastFlushRows,
          frames: jt808?.counters.frames ?? 0,
          unsupported: jt808?.counters.unsupported ?? 0,
          latest: pipeline.latest.size,
        },
        rejectedByReason: tallies.rejectedCounts(),
      };
    },
    osmand,
    async flush() {
      await pipeline.flush();
      await tallies.write();
    },
    reloadTerminals: () => terminals.reload(),
  };
}

export function registerPositionRoutes(app: FastifyInstance, _deps: Deps, positions: Positions): void {
  // OsmAnd on the main port: device traffic, counted by the position path, not audited request by request.
  void app.register(async (scope) => {
    scope.addHook('onRequest', async (request) => {
      request.ctx.audited = true;
    });
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: OSMAND_MAX_BYTES }, (_req, body, done) => done(null, body));
    const handler = async (req: FastifyRequest, reply: { code(n: number): { type(t: string): { send(b: string): unknown } } }) => {
      const a = await positions.osmand(
        req.query as Record<string, string | undefined>,
        (req.body as Buffer | undefined) ?? null,
        req.headers['content-type'],
        `ip:${req.ip}`,
      );
      return reply.code(a.status).type('text/plain; charset=utf-8').send(a.body);
    };
    const opts = {
      config: { auth: 'public' },
      bodyLimit: OSMAND_MAX_BYTES,
      schema: {
        tags: ['park'],
        summary: 'OsmAnd / Traccar Client positions (query or JSON form); 200 once stored, 400 bad input, 403 unknown or revoked id',
        security: [],
      },
    } as const;
    for (const url of ['/api/osmand', '/api/osmand/']) {
      scope.get(url, opts, handler);
      scope.post(url, opts, handler);
    }
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/park/positions/status',
    {
      config: { auth: 'park.read' },
      schema: {
        tags: ['park'],
        summary: "This instance's position listeners (JT/T 808, OsmAnd), connections, rates and rejections",
        response: { 200: positionStatusSchema },
      },
    },
    () => positions.status(),
  );
}
