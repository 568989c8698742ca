// The ingest path's HTTP-facing rules: telemetry posted with a token (answered once durable), the authentication and
// authorisation an external broker asks for (EMQX HTTP authenticator / authorizer form), and the administration
// (this instance's status, the rejection counters of every instance with their export).
import { sql, type SQL } from 'drizzle-orm';
import {
  DEVICE_TELEMETRY_TOPIC,
  GATEWAY_TELEMETRY_TOPIC,
  parseSort,
  type IngestRejectionListQuery,
  type IngestStatus,
  type TelemetryResult,
} from '@zoneops/shared';
import type { Principal } from '../platform/access/principal.ts';
import { safeEqual } from '../platform/auth/tokens.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError } from '../platform/errors.ts';
import { EXPORT_LIMIT } from '../platform/excel.ts';
import { likePattern, limitOffset, toPage } from '../platform/lists.ts';
import { hit } from '../platform/rate-limit.ts';
import { safetyVisibleCondition } from '../modules/safety/safety-access.ts';
import type { Directory } from './directory.ts';
import { tokenKey, type Intake, type IntakeResult, type TelemetryKind } from './intake.ts';
import type { Pipeline } from './pipeline.ts';
import { telemetryRepository } from './telemetry.repository.ts';

/** Broker authentication calls per source address and minute (each is a database hit: one counter row). */
const MQTT_AUTH_PER_MINUTE = 6_000;
/** The platform's own subscriber signs in to an external broker with this user name and MQTT_AUTH_SECRET. */
export const INGEST_MQTT_USER = 'zoneops-ingest';

export type StatusSource = () => Omit<IngestStatus, 'rejectedByReason'>;

export function createIngestService(deps: Deps, parts: { directory: Directory; intake: Intake; pipeline: Pipeline; status: StatusSource }) {
  const { directory, intake, pipeline } = parts;
  const secret = deps.config.ingest.authSecret;

  /** The broker's shared secret, when one is configured. */
  const brokerAuthentic = (header: string | string[] | undefined) => !secret || (typeof header === 'string' && safeEqual(header, secret));

  return {
    /** Telemetry posted over HTTP: 401 for an unknown or revoked token, 400 when nothing in it can be read. */
    async postTelemetry(token: string, kind: TelemetryKind, body: Buffer | string | undefined): Promise<TelemetryResult> {
      if (!deps.config.ingest.enabled) throw new AppError('NOT_READY', 'this instance does not accept readings (INGEST=false)');
      await directory.ready();
      const sender = intake.sender(token, 'http');
      if (!sender) throw new AppError('UNAUTHENTICATED', 'unknown or revoked device token');
      const result = await new Promise<IntakeResult>((resolve, reject) =>
        intake.accept(sender, kind, body ?? '', 'http', (err, r) => (err ? reject(err) : resolve(r!))),
      ).catch((err: unknown) => {
        throw new AppError('NOT_READY', 'the readings could not be stored now: send them again', { reason: (err as Error).message });
      });
      if (result.accepted + result.duplicates === 0 && result.rejected.length) {
        throw new AppError('MALFORMED_REQUEST', result.rejected[0]!.detail, { rejected: result.rejected });
      }
      return result;
    },

    /** A body over the size limit: counted against the token's sender when it is known. */
    async countTooLarge(token: string, bytes: number | null): Promise<void> {
      await directory.ready().catch(() => undefined);
      const d = directory.byToken(token);
      pipeline.reject(d?.id ?? tokenKey(token), d?.id ?? null, 'http', 'tooLarge', `a body of ${bytes ?? 'more than the limit of'} bytes`);
    },

    /** EMQX HTTP authenticator: a device or gateway token as user name; the platform's subscriber by the secret. */
    async mqttAuth(body: { username: string; password?: string | undefined }, header: string | string[] | undefined, ip: string) {
      const authentic = brokerAuthentic(header);
      // Calls not proven to come from the broker (no secret configured, or a wrong one) are rate-limited per address.
      if ((!secret || !authentic) && (await hit(deps.db, `mqtt-auth:${ip}`, deps.clock.now(), 60_000)) > MQTT_AUTH_PER_MINUTE) {
        throw new AppError('RATE_LIMITED', 'too many authentication requests');
      }
      if (!authentic) throw new AppError('UNAUTHENTICATED', 'missing or wrong x-zoneops-auth');
      if (secret && body.username === INGEST_MQTT_USER) {
        const ok = typeof body.password === 'string' && safeEqual(body.password, secret);
        return { result: ok ? ('allow' as const) : ('deny' as const), is_superuser: ok };
      }
      await directory.ready();
      const sender = intake.sender(body.username, 'mqtt');
      return { result: sender ? ('allow' as const) : ('deny' as const), is_superuser: false };
    },

    /** EMQX HTTP authorizer: devices publish to their kind's telemetry topic (with or without the mountpoint), nothing else. */
    async mqttAcl(body: { username: string; topic: string; action: string }, header: string | string[] | undefined) {
      if (!brokerAuthentic(header)) throw new AppError('UNAUTHENTICATED', 'missing or wrong x-zoneops-auth');
      if (secret && body.username === INGEST_MQTT_USER) return { result: 'allow' as const };
      await directory.ready();
      const d = body.username ? directory.byToken(body.username) : undefined;
      if (!d || d.revoked || body.action !== 'publish') return { result: 'deny' as const };
      const own = d.kind === 'gateway' ? GATEWAY_TELEMETRY_TOPIC : DEVICE_TELEMETRY_TOPIC;
      const allowed = body.topic === own || body.topic === `zoneops/${body.username}/${own}`;
      return { result: allowed ? ('allow' as const) : ('deny' as const) };
    },

    status(): IngestStatus {
      return { ...parts.status(), rejectedByReason: pipeline.tallies.rejectedCounts() };
    },

    async rejections(p: Principal, q: IngestRejectionListQuery) {
      const { limit, offset } = limitOffset(q);
      const { rows, total } = await telemetryRepository.listRejections(deps.db, rejectionWhere(p, q), rejectionOrder(q.sort), limit, offset);
      return toPage(
        rows.map((r) => ({ ...r, firstAt: new Date(r.firstAt).toISOString(), lastAt: new Date(r.lastAt).toISOString() })),
        total,
        q,
      );
    },

    async rejectionsForExport(p: Principal, q: IngestRejectionListQuery) {
      const { rows } = await telemetryRepository.listRejections(deps.db, rejectionWhere(p, q), rejectionOrder(q.sort), EXPORT_LIMIT, 0);
      return rows.map((r) => ({
        sender: r.deviceName ?? r.senderKey,
        enterprise: r.enterpriseName ?? '',
        channel: r.channel,
        reason: `${reasonLabels[r.reason] ?? r.reason}（${r.reason}）`,
        count: r.count,
        firstAt: shanghaiTime(r.firstAt),
        lastAt: shanghaiTime(r.lastAt),
        detail: r.lastDetail ?? '',
      }));
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;

function rejectionWhere(p: Principal, q: IngestRejectionListQuery): SQL | undefined {
  // Closed-park senders (jt808, osmand, gate) share the table; they have their own lists.
  const parts: SQL[] = [sql`r.channel in ('mqtt', 'http', 'hj212')`];
  // Whoever sees every enterprise sees every row; others only rows of devices of enterprises they see.
  if (p.enterpriseId || !p.scope.all) {
    const visible = safetyVisibleCondition(p, sql`d.enterprise_id`);
    parts.push(visible ? sql`(r.device_id is not null and ${visible})` : sql`r.device_id is not null`);
  }
  if (q.channel) parts.push(sql`r.channel = ${q.channel}`);
  if (q.reason) parts.push(sql`r.reason = ${q.reason}`);
  if (q.deviceId) parts.push(sql`r.device_id = ${q.deviceId}`);
  if (q.q) {
    const like = likePattern(q.q);
    parts.push(sql`(r.sender_key ilike ${like} or d.name ilike ${like} or e.name ilike ${like} or r.last_detail ilike ${like})`);
  }
  return parts.length ? sql.join(parts, sql` and `) : undefined;
}

function rejectionOrder(sort: string | undefined): SQL {
  const { field, desc } = parseSort(sort, '-lastAt');
  const column = { lastAt: 'r.last_at', firstAt: 'r.first_at', count: 'r.count', reason: 'r.reason' }[field] ?? 'r.last_at';
  return sql.raw(`${column} ${desc ? 'desc' : 'asc'}, r.sender_key, r.reason`);
}

const shanghaiTime = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** Reasons in Chinese for the exported sheet (the page translates them itself). */
const reasonLabels: Record<string, string> = {
  tooLarge: '报文过大',
  malformedJson: 'JSON 格式错误',
  badShape: '结构不符',
  badTimestamp: '时间戳无效',
  outOfWindow: '时间超出允许范围',
  notNumeric: '非数值',
  badTag: '未登记位号',
  unknownToken: '未知令牌',
  revokedToken: '令牌已吊销',
  unknownDevice: '网关下无此设备',
  unknownStation: '未登记站点（MN）',
  badTopic: '主题不允许',
  noHeader: '缺少包头',
  badLength: '长度错误',
  tooLong: '数据段过长',
  badCrc: 'CRC 校验错误',
  noTerminator: '缺少包尾',
  malformed: '数据段格式错误',
  garbage: '无效字节',
  dataFlag: '数据标记非正常',
  slowClient: '连接超时/慢速连接',
};
