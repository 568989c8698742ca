// The database schema (Drizzle). Migrations in ./migrations are generated from it with `npm run db:generate`
// and reviewed; hand-written SQL (triggers) lives in custom migrations. Forward-only.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const id = () => uuid('id').primaryKey().defaultRandom();
const timestamps = () => ({
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
});

export const units = pgTable(
  'units',
  {
    id: id(),
    parentId: uuid('parent_id').references((): AnyPgColumn => units.id),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind').notNull(),
    code: text('code'),
    sort: integer('sort').notNull().default(0),
    // Materialised path of ids, '/root/…/self/': subtree queries are a prefix match.
    path: text('path').notNull(),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [index('units_parent_idx').on(t.parentId), index('units_path_idx').on(t.path)],
);

export const enterprises = pgTable(
  'enterprises',
  {
    id: id(),
    name: text('name').notNull(),
    uscc: text('uscc').notNull(),
    legalRep: text('legal_rep'),
    address: text('address'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    industry: text('industry'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text('status').notNull().default('operating'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    streetId: uuid('street_id').references(() => units.id),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('enterprises_uscc_uq')
      .on(t.uscc)
      .where(sql`deleted_at is null`),
    index('enterprises_name_idx').on(t.name),
  ],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    position: text('position'),
    phone: text('phone'),
    email: text('email'),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    status: text('status').notNull().default('active'),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: ts('password_changed_at').notNull().defaultNow(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: ts('locked_until'),
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    lastLoginAt: ts('last_login_at'),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    index('users_unit_idx').on(t.unitId, t.username),
    // The default page of a unit's users (newest first) reads 20 index entries instead of the whole unit.
    index('users_unit_created_idx')
      .on(t.unitId, t.createdAt.desc().nullsLast(), t.id)
      .where(sql`deleted_at is null`),
    index('users_created_by_idx').on(t.createdBy),
  ],
);

export const passwordHistory = pgTable(
  'password_history',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    passwordHash: text('password_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.createdAt)],
);

export const roles = pgTable(
  'roles',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    builtin: boolean('builtin').notNull().default(false),
    permissions: text('permissions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    dataScope: text('data_scope').notNull().default('self'),
    scopeUnitIds: uuid('scope_unit_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    requireTotp: boolean('require_totp').notNull().default(false),
    ...timestamps(),
  },
  (t) => [uniqueIndex('roles_code_uq').on(t.code)],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleId] }), index('user_roles_role_idx').on(t.roleId)],
);

export const sessions = pgTable(
  'sessions',
  {
    // sha256 of the cookie value: a database leak does not hand out live sessions.
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    state: text('state').notNull(),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const loginLog = pgTable(
  'login_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    username: text('username').notNull(),
    userId: uuid('user_id'),
    success: boolean('success').notNull(),
    reason: text('reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('login_log_at_idx').on(t.at)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    scopes: text('scopes').array().notNull(),
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
    lastUsedAt: ts('last_used_at'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    userId: uuid('user_id'),
    username: text('username'),
    unitId: uuid('unit_id'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    diff: jsonb('diff'),
    ip: text('ip'),
    requestId: text('request_id'),
    result: text('result').notNull(),
    resultCode: text('result_code'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_entity_idx').on(t.entityType, t.entityId)],
);

export const auditArchives = pgTable('audit_archives', {
  id: id(),
  archivedAt: ts('archived_at').notNull().defaultNow(),
  fromSeq: integer('from_seq').notNull(),
  toSeq: integer('to_seq').notNull(),
  lastHash: text('last_hash').notNull(),
  file: text('file').notNull(),
  count: integer('count').notNull(),
});

export const dictTypes = pgTable('dict_types', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
});

export const dictItems = pgTable(
  'dict_items',
  {
    id: id(),
    typeCode: text('type_code').notNull(),
    code: text('code').notNull(),
    label: text('label').notNull(),
    labelEn: text('label_en'),
    parentCode: text('parent_code'),
    sort: integer('sort').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    ...timestamps(),
  },
  (t) => [uniqueIndex('dict_items_type_code_uq').on(t.typeCode, t.code)],
);

export const calendarDays = pgTable('calendar_days', {
  date: date('date', { mode: 'string' }).primaryKey(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  provisional: boolean('provisional').notNull().default(false),
  ...timestamps(),
});

export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    readAt: ts('read_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

export const notificationChannels = pgTable('notification_channels', {
  id: id(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  target: text('target').notNull(),
  secret: text('secret'),
  enabled: boolean('enabled').notNull().default(true),
  ...timestamps(),
});

export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: id(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => notificationChannels.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: ts('next_attempt_at').defaultNow(),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
  },
  (t) => [index('notification_deliveries_due_idx').on(t.status, t.nextAttemptAt)],
);

export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    slot: text('slot').notNull(),
    instance: text('instance').notNull(),
    startedAt: ts('started_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.job, t.slot] })],
);

export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: ts('window_start').notNull(),
  count: integer('count').notNull(),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const geoFeatures = pgTable('geo_features', {
  id: id(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  geometry: jsonb('geometry').notNull(),
  properties: jsonb('properties')
    .notNull()
    .default(sql`'{}'::jsonb`),
  ...timestamps(),
});
