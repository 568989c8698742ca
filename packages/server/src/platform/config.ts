// Configuration from environment variables, validated once at start. The README's table lists them.
import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(0).max(65535);

const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  COOKIE_SECURE: bool.default(false),
  TRUST_PROXY: bool.default(false),
  DEMO_SEED: bool.default(true),
  JOBS: bool.default(true),
  INSTANCE_ID: z.string().optional(),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(180),
  SECRET_KEY: z.string().optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('ZoneOps <noreply@zoneops.local>'),
  MQTT_PORT: port.default(1883),
  JT808_PORT: port.default(6808),
  HJ212_PORT: port.default(6012),
  OSMAND_PORT: port.default(5055),
  /** The gate thread's own HTTP listener for camera and platform posts (the same paths as /api/gate/… on PORT). */
  GATE_PORT: port.default(6809),
  GATE_LISTENER: bool.default(true),
  /** Nice steps the gate thread asks above the process's priority (0: none); see gate-thread.ts. */
  GATE_PRIORITY_BOOST: z.coerce.number().int().min(0).max(39).default(8),
  /** Safety monitoring ingestion (issue 7): this instance accepts readings (MQTT, HTTP, HJ 212). */
  INGEST: bool.default(true),
  /** The MQTT broker embedded in the platform (Aedes) on MQTT_PORT; off when MQTT_URL is set unless forced. */
  MQTT_BROKER: bool.optional(),
  /** An external broker (Mosquitto, EMQX): the platform subscribes with a shared subscription. */
  MQTT_URL: z
    .string()
    .regex(/^mqtts?:\/\//, 'MQTT_URL must be an mqtt:// or mqtts:// URL')
    .optional(),
  MQTT_SHARE_GROUP: z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .default('zoneops'),
  /** Sent by the external broker's HTTP authenticator in the x-zoneops-auth header; unset = not checked. */
  MQTT_AUTH_SECRET: z.string().min(16).optional(),
  HJ212_ENABLED: bool.default(true),
  INGEST_FLUSH_MS: z.coerce.number().int().min(1).max(5000).default(50),
  TELEMETRY_FUTURE_SECONDS: z.coerce.number().int().min(0).default(300),
  TELEMETRY_PAST_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(7 * 86_400),
  TELEMETRY_RETENTION_DAYS: z.coerce.number().int().min(1).default(400),
  /** Closed-park positions (issue 8): JT/T 808 TCP server on JT808_PORT, OsmAnd HTTP on OSMAND_PORT. */
  POSITIONS: bool.default(true),
  /** Vehicle positions are kept this long (regulation: at least 6 months). */
  VEHICLE_POSITION_RETENTION_DAYS: z.coerce.number().int().min(183).default(400),
  /** Largest JT/T 808 message body accepted (bytes, after unescaping). */
  JT808_MAX_BODY: z.coerce.number().int().min(64).max(65_535).default(4096),
  /** Largest gate event request (multipart with images) and largest single image. */
  GATE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(8 * 1024 * 1024),
  GATE_MAX_IMAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  /** Base map coordinate system for display: wgs84 (天地图 CGCS2000 too) or gcj02 (高德/腾讯). Stored data stays WGS-84. */
  MAP_CRS: z.enum(['wgs84', 'gcj02']).default('wgs84'),
  WEB_DIST: z.string().optional(),
  /** Raster tiles under the zone's own base layer (天地图 WMTS with its key, or an extranet tile server); unset = none. */
  MAP_TILE_URL: z
    .string()
    .regex(/^https?:\/\/\S+\{z\}\S*$/, 'an http(s) URL with {z}, {x} and {y}')
    .optional(),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  RESPONSE_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** 'memory://' keeps PGlite in memory (tests). */
  databaseUrl: string | undefined;
  logLevel: string;
  bodyLimit: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  demoSeed: boolean;
  jobs: boolean;
  instanceId: string;
  loginRateLimit: number;
  auditRetentionDays: number;
  /** 32-byte key (hex or base64) for secrets at rest; default: DATA_DIR/secret.key. */
  secretKey: string | undefined;
  smtpUrl: string | undefined;
  smtpFrom: string;
  ports: { mqtt: number; jt808: number; hj212: number; osmand: number; gate: number };
  /** Safety monitoring ingestion; listeners open only when the safety module's ingest is started (npm start). */
  ingest: {
    enabled: boolean;
    /** Run the embedded Aedes broker on ports.mqtt. */
    mqttBroker: boolean;
    mqttUrl: string | undefined;
    shareGroup: string;
    authSecret: string | undefined;
    hj212: boolean;
    /** Longest wait before buffered readings are written (and QoS 1 messages acknowledged). */
    flushMs: number;
    /** Accepted timestamps: at most futureMs ahead of the clock and pastMs behind it. */
    window: { futureMs: number; pastMs: number };
    retentionDays: number;
  };
  /** Closed-park positions and gate events (issue 8). */
  positions: {
    enabled: boolean;
    retentionDays: number;
    jt808MaxBody: number;
  };
  /** listener: open the gate thread's port (ports.gate) at start. */
  gate: { maxBytes: number; maxImageBytes: number; listener: boolean; priorityBoost: number };
  webDist: string | undefined;
  mapTileUrl: string | null;
  /** Coordinate system of the base map (display only). */
  mapCrs: 'wgs84' | 'gcj02';
  /** Largest accepted file upload (attachments). */
  maxUploadBytes: number;
  /** How long hot list answers are kept per instance (0 = off); dropped at once on any change. */
  responseCacheMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    demoSeed: e.DEMO_SEED,
    jobs: e.JOBS,
    instanceId: e.INSTANCE_ID ?? `${process.pid}`,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    secretKey: e.SECRET_KEY,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    ports: { mqtt: e.MQTT_PORT, jt808: e.JT808_PORT, hj212: e.HJ212_PORT, osmand: e.OSMAND_PORT, gate: e.GATE_PORT },
    ingest: {
      enabled: e.INGEST,
      mqttBroker: e.MQTT_BROKER ?? !e.MQTT_URL,
      mqttUrl: e.MQTT_URL,
      shareGroup: e.MQTT_SHARE_GROUP,
      authSecret: e.MQTT_AUTH_SECRET,
      hj212: e.HJ212_ENABLED,
      flushMs: e.INGEST_FLUSH_MS,
      window: { futureMs: e.TELEMETRY_FUTURE_SECONDS * 1000, pastMs: e.TELEMETRY_PAST_SECONDS * 1000 },
      retentionDays: e.TELEMETRY_RETENTION_DAYS,
    },
    positions: {
      enabled: e.POSITIONS,
      retentionDays: e.VEHICLE_POSITION_RETENTION_DAYS,
      jt808MaxBody: e.JT808_MAX_BODY,
    },
    gate: { maxBytes: e.GATE_MAX_BYTES, maxImageBytes: e.GATE_MAX_IMAGE_BYTES, listener: e.GATE_LISTENER, priorityBoost: e.GATE_PRIORITY_BOOST },
    webDist: e.WEB_DIST,
    mapTileUrl: e.MAP_TILE_URL ?? null,
    mapCrs: e.MAP_CRS,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    responseCacheMs: e.RESPONSE_CACHE_MS,
  };
}
