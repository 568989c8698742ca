// The database schema (Drizzle). Migrations in ./migrations are generated from it with `npm run db:generate`
// and reviewed; hand-written SQL (triggers) lives in custom migrations. Forward-only.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
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

// ---- attachments (any module) ---------------------------------------------------------------------------------

/** Files and photos on disk under DATA_DIR/uploads (storage_key), attached to a record of any module. */
export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    purpose: text('purpose').notNull().default('document'),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    takenAt: ts('taken_at'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    place: text('place'),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [index('attachments_entity_idx').on(t.entityType, t.entityId)],
);

// ---- the ledger engine (DOMAIN §3) ----------------------------------------------------------------------------

export const checkpointTemplates = pgTable(
  'checkpoint_templates',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** CheckpointNode[] (packages/shared/src/ledger.ts). */
    nodes: jsonb('nodes').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('checkpoint_templates_code_uq').on(t.code)],
);

/** A ledger: the supervision ledger of a unit, or a rectification campaign. */
export const ledgers = pgTable(
  'ledgers',
  {
    id: id(),
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    sourceDoc: text('source_doc'),
    supervisorUnitId: uuid('supervisor_unit_id')
      .notNull()
      .references(() => units.id),
    checkpointTemplateId: uuid('checkpoint_template_id').references(() => checkpointTemplates.id),
    signoffLevels: integer('signoff_levels').notNull().default(1),
    noticeWorkingDays: integer('notice_working_days').notNull().default(5),
    evidenceRequired: boolean('evidence_required').notNull().default(false),
    yellowDays: integer('yellow_days').notNull().default(3),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    status: text('status').notNull().default('active'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('ledgers_code_uq').on(t.code)],
);

export const meetingSeries = pgTable('meeting_series', {
  id: id(),
  name: text('name').notNull(),
  cadence: text('cadence').notNull(),
  unitId: uuid('unit_id')
    .notNull()
    .references(() => units.id),
  chairId: uuid('chair_id').references(() => users.id),
  attendeeIds: uuid('attendee_ids')
    .array()
    .notNull()
    .default(sql`'{}'::uuid[]`),
  /** The supervision ledger that receives the decisions. */
  ledgerId: uuid('ledger_id')
    .notNull()
    .references(() => ledgers.id),
  firstOn: date('first_on', { mode: 'string' }).notNull(),
  active: boolean('active').notNull().default(true),
  ...timestamps(),
});

export const meetings = pgTable(
  'meetings',
  {
    id: id(),
    seriesId: uuid('series_id')
      .notNull()
      .references(() => meetingSeries.id),
    seq: integer('seq').notNull(),
    scheduledOn: date('scheduled_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('scheduled'),
    heldAt: ts('held_at'),
    minutes: text('minutes'),
    /** The pre-read as generated and sent (a snapshot). */
    preread: jsonb('preread'),
    prereadSentAt: ts('preread_sent_at'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('meetings_series_seq_uq').on(t.seriesId, t.seq)],
);

export const ledgerItems = pgTable(
  'ledger_items',
  {
    id: id(),
    ledgerId: uuid('ledger_id')
      .notNull()
      .references(() => ledgers.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => ledgerItems.id),
    seq: integer('seq').notNull(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    measures: text('measures'),
    source: text('source').notNull(),
    sourceDoc: text('source_doc'),
    leadUnitId: uuid('lead_unit_id')
      .notNull()
      .references(() => units.id),
    coUnitIds: uuid('co_unit_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    ownerId: uuid('owner_id').references(() => users.id),
    leaderId: uuid('leader_id').references(() => users.id),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    meetingId: uuid('meeting_id').references(() => meetings.id),
    /** A blocker (中梗阻) of a key project. */
    projectId: uuid('project_id').references((): AnyPgColumn => projects.id),
    priority: text('priority').notNull().default('normal'),
    focus: boolean('focus').notNull().default(false),
    frequency: text('frequency').notNull().default('week'),
    weight: doublePrecision('weight'),
    progress: integer('progress').notNull().default(0),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    deadlineClass: text('deadline_class'),
    longTerm: boolean('long_term').notNull().default(false),
    status: text('status').notNull().default('assigned'),
    light: text('light').notNull().default('green'),
    /** LightReason[] (packages/shared/src/ledger.ts), the deciding one first. */
    lightReasons: jsonb('light_reasons')
      .notNull()
      .default(sql`'[]'::jsonb`),
    lightOn: date('light_on', { mode: 'string' }),
    signoffDone: integer('signoff_done').notNull().default(0),
    noticeStartOn: date('notice_start_on', { mode: 'string' }),
    noticeEndsOn: date('notice_ends_on', { mode: 'string' }),
    lastProgressOn: date('last_progress_on', { mode: 'string' }),
    lastProgressText: text('last_progress_text'),
    assignedAt: ts('assigned_at').notNull(),
    acceptedAt: ts('accepted_at'),
    decomposedAt: ts('decomposed_at'),
    startedAt: ts('started_at'),
    reportedAt: ts('reported_at'),
    completedAt: ts('completed_at'),
    closedAt: ts('closed_at'),
    version: integer('version').notNull().default(1),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('ledger_items_seq_uq').on(t.ledgerId, t.seq),
    index('ledger_items_lead_idx').on(t.leadUnitId, t.light, t.status, t.deadline),
    index('ledger_items_ledger_idx').on(t.ledgerId, t.deadline, t.id),
    index('ledger_items_status_idx').on(t.status, t.light, t.deadline),
    index('ledger_items_owner_idx').on(t.ownerId, t.status),
    index('ledger_items_leader_idx').on(t.leaderId, t.status),
    index('ledger_items_parent_idx').on(t.parentId),
    index('ledger_items_meeting_idx').on(t.meetingId),
    index('ledger_items_project_idx').on(t.projectId),
    index('ledger_items_co_units_idx').using('gin', t.coUnitIds),
    // The workbench: the most urgent working items of an owner or a lead unit, read in deadline order.
    index('ledger_items_owner_working_idx')
      .on(t.ownerId, t.deadline, t.seq)
      .where(sql`status in ('assigned', 'accepted', 'inProgress') and deleted_at is null`),
    index('ledger_items_lead_working_idx')
      .on(t.leadUnitId, t.deadline, t.seq)
      .where(sql`status in ('assigned', 'accepted', 'inProgress') and deleted_at is null`),
  ],
);

export const ledgerProgress = pgTable(
  'ledger_progress',
  {
    id: id(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => ledgerItems.id),
    kind: text('kind').notNull().default('progress'),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    percent: integer('percent'),
    text: text('text').notNull(),
    authorId: uuid('author_id').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('ledger_progress_item_idx').on(t.itemId, t.reportedOn)],
);

/** The timeline: every transition, comment, instruction (批示), chase (催办), deadline change and file. */
export const ledgerEvents = pgTable(
  'ledger_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => ledgerItems.id),
    at: ts('at').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    body: text('body'),
    data: jsonb('data'),
  },
  (t) => [index('ledger_events_item_idx').on(t.itemId, t.at)],
);

export const ledgerDeadlines = pgTable(
  'ledger_deadlines',
  {
    id: id(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => ledgerItems.id),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    previous: date('previous', { mode: 'string' }),
    reason: text('reason'),
    extensionId: uuid('extension_id'),
    setBy: uuid('set_by').references(() => users.id),
    setAt: ts('set_at').notNull(),
  },
  (t) => [index('ledger_deadlines_item_idx').on(t.itemId, t.setAt)],
);

export const ledgerExtensions = pgTable(
  'ledger_extensions',
  {
    id: id(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => ledgerItems.id),
    reason: text('reason').notNull(),
    newDeadline: date('new_deadline', { mode: 'string' }).notNull(),
    progressNote: text('progress_note').notNull(),
    late: boolean('late').notNull().default(false),
    status: text('status').notNull().default('pending'),
    requestedBy: uuid('requested_by').references(() => users.id),
    requestedAt: ts('requested_at').notNull(),
    escalatedTo: uuid('escalated_to').references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
  },
  (t) => [index('ledger_extensions_item_idx').on(t.itemId, t.status)],
);

export const ledgerCheckpoints = pgTable(
  'ledger_checkpoints',
  {
    id: id(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => ledgerItems.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    deliverable: text('deliverable').notNull(),
    deliverableEn: text('deliverable_en').notNull(),
    requirement: text('requirement').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    metAt: ts('met_at'),
  },
  (t) => [uniqueIndex('ledger_checkpoints_item_code_uq').on(t.itemId, t.code), index('ledger_checkpoints_due_idx').on(t.dueOn)],
);

/** On-site checks (现场核查) and sign-offs (审核签字), level by level. */
export const ledgerVerifications = pgTable(
  'ledger_verifications',
  {
    id: id(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => ledgerItems.id),
    kind: text('kind').notNull(),
    level: integer('level').notNull().default(0),
    verifierId: uuid('verifier_id').references(() => users.id),
    verifierUnitId: uuid('verifier_unit_id').references(() => units.id),
    at: ts('at').notNull(),
    checkedOn: date('checked_on', { mode: 'string' }),
    place: text('place'),
    findings: text('findings').notNull(),
    passed: boolean('passed').notNull(),
  },
  (t) => [index('ledger_verifications_item_idx').on(t.itemId, t.at)],
);

/** One row per reminder sent, so that each is sent once (key: the deadline or the day it concerns). */
export const ledgerReminders = pgTable(
  'ledger_reminders',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => ledgerItems.id),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    sentAt: ts('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.kind, t.key] })],
);

export const savedViews = pgTable(
  'saved_views',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    page: text('page').notNull(),
    name: text('name').notNull(),
    query: jsonb('query').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('saved_views_user_page_name_uq').on(t.userId, t.page, t.name)],
);

// ---- key projects (DOMAIN §4) ---------------------------------------------------------------------------------

/** 万元 with two decimals; read as strings so no sum drifts (packages/shared/src/projects.ts). */
const money = (name: string) => numeric(name, { precision: 16, scale: 2 });

export const milestoneTemplates = pgTable(
  'milestone_templates',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** MilestoneNodeDef[] (packages/shared/src/projects.ts). */
    nodes: jsonb('nodes').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('milestone_templates_code_uq').on(t.code)],
);

export const projects = pgTable(
  'projects',
  {
    id: id(),
    code: text('code'),
    name: text('name').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => projects.id),
    content: text('content'),
    capacity: text('capacity'),
    level: text('level').notNull(),
    industry: text('industry').notNull(),
    category: text('category').notNull(),
    nature: text('nature').notNull(),
    investorType: text('investor_type').notNull(),
    /** 重点中的重点: the top-priority projects a leader follows personally. */
    focus: boolean('focus').notNull().default(false),
    stage: text('stage').notNull(),
    ownerEnterpriseId: uuid('owner_enterprise_id').references(() => enterprises.id),
    ownerName: text('owner_name').notNull(),
    ownerContact: text('owner_contact'),
    ownerPhone: text('owner_phone'),
    /** The district unit responsible for the project: its data scope. */
    leadUnitId: uuid('lead_unit_id')
      .notNull()
      .references(() => units.id),
    plannedStartOn: date('planned_start_on', { mode: 'string' }),
    plannedCompletionOn: date('planned_completion_on', { mode: 'string' }),
    actualStartOn: date('actual_start_on', { mode: 'string' }),
    actualCompletionOn: date('actual_completion_on', { mode: 'string' }),
    productionOn: date('production_on', { mode: 'string' }),
    /** First day in the reserve (新储备). */
    reserveOn: date('reserve_on', { mode: 'string' }),
    listedOn: date('listed_on', { mode: 'string' }),
    totalInvestment: money('total_investment').notNull(),
    /** {source, subSource, amount}[]: sums to the total. */
    funding: jsonb('funding')
      .notNull()
      .default(sql`'[]'::jsonb`),
    planYear: integer('plan_year').notNull(),
    annualPlan: money('annual_plan').notNull().default('0'),
    /** {role, name, contractNo, amount}[]. */
    contractors: jsonb('contractors')
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** {docNo, title, authority, issuedOn}[]: 批复文号. */
    approvals: jsonb('approvals')
      .notNull()
      .default(sql`'[]'::jsonb`),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    /** GeoJSON Polygon of the site, optional. */
    outline: jsonb('outline'),
    reportFrequency: text('report_frequency').notNull().default('month'),
    milestoneTemplateId: uuid('milestone_template_id').references(() => milestoneTemplates.id),
    // Figures from approved reports, kept by the service (figures year = plan year).
    ytdPlanned: money('ytd_planned').notNull().default('0'),
    ytdCompleted: money('ytd_completed').notNull().default('0'),
    completedTotal: money('completed_total').notNull().default('0'),
    lastApprovedPeriod: text('last_approved_period'),
    light: text('light').notNull().default('none'),
    lightReasons: jsonb('light_reasons')
      .notNull()
      .default(sql`'[]'::jsonb`),
    lightOn: date('light_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('projects_code_uq')
      .on(t.code)
      .where(sql`code is not null and deleted_at is null`),
    uniqueIndex('projects_name_owner_uq')
      .on(t.name, t.ownerName)
      .where(sql`deleted_at is null`),
    index('projects_unit_idx').on(t.leadUnitId, t.createdAt, t.id),
    index('projects_stage_idx').on(t.stage, t.light),
    index('projects_parent_idx').on(t.parentId),
    index('projects_owner_idx').on(t.ownerEnterpriseId),
  ],
);

/** City and district linked leaders (挂钩领导). */
export const projectLeaders = pgTable(
  'project_leaders',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    level: text('level').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index('project_leaders_user_idx').on(t.userId)],
);

/** Responsible units at city and district level with their contacts. */
export const projectUnits = pgTable(
  'project_units',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    level: text('level').notNull(),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.unitId] }), index('project_units_unit_idx').on(t.unitId)],
);

export const projectStageHistory = pgTable(
  'project_stage_history',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    /** Insertion order (several moves may share a timestamp). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id').references(() => users.id),
    at: ts('at').notNull(),
  },
  (t) => [index('project_stage_history_project_idx').on(t.projectId, t.at)],
);

export const projectMilestones = pgTable(
  'project_milestones',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    seq: integer('seq').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    after: text('after')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    plannedOn: date('planned_on', { mode: 'string' }),
    actualOn: date('actual_on', { mode: 'string' }),
    unitId: uuid('unit_id').references(() => units.id),
    note: text('note'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    uniqueIndex('project_milestones_uq').on(t.projectId, t.code),
    index('project_milestones_open_idx')
      .on(t.plannedOn)
      .where(sql`actual_on is null`),
  ],
);

/** Monthly (or ten-day) investment reports: draft until the responsible department approves. */
export const investmentReports = pgTable(
  'investment_reports',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    period: text('period').notNull(),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    planned: money('planned').notNull(),
    completed: money('completed').notNull(),
    physicalProgress: text('physical_progress'),
    problems: text('problems'),
    overrunExplanation: text('overrun_explanation'),
    status: text('status').notNull().default('draft'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: ts('submitted_at'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: ts('reviewed_at'),
    returnReason: text('return_reason'),
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('investment_reports_period_uq').on(t.projectId, t.period),
    index('investment_reports_year_idx').on(t.year, t.month, t.status),
    index('investment_reports_status_idx').on(t.status, t.period),
  ],
);

/** 集中开竣工: a dated batch of projects starting, completing or entering production together. */
export const ceremonyBatches = pgTable('ceremony_batches', {
  id: id(),
  name: text('name').notNull(),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  place: text('place'),
  note: text('note'),
  ...timestamps(),
});

export const ceremonyBatchProjects = pgTable(
  'ceremony_batch_projects',
  {
    batchId: uuid('batch_id')
      .notNull()
      .references(() => ceremonyBatches.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.projectId] }), index('ceremony_batch_projects_project_idx').on(t.projectId)],
);

/** Reminders sent for a project's reporting period (once per project, kind and period). */
export const projectReminders = pgTable(
  'project_reminders',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    sentAt: ts('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.kind, t.key] })],
);

// ---- economic performance (经济运行, DOMAIN §6) ----------------------------------------------------------------

/** A figure's number: reported values keep their decimals exactly (read back as float8 for arithmetic). */
const figure = (name: string) => numeric(name, { precision: 20, scale: 4 });
const rate = (name: string) => numeric(name, { precision: 8, scale: 2 });

/** The zone, its city (denominator of shares) and the peers it is ranked among. */
export const economyRegions = pgTable('economy_regions', {
  id: id(),
  name: text('name').notNull().unique(),
  nameEn: text('name_en').notNull(),
  aliases: text('aliases')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  kind: text('kind').notNull(),
  active: boolean('active').notNull().default(true),
  sort: integer('sort').notNull().default(100),
  ...timestamps(),
});

/** The indicator catalogue; leading indicators are added by administrators. */
export const economyIndicators = pgTable('economy_indicators', {
  id: id(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  aliases: text('aliases')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  unit: text('unit').notNull(),
  unitEn: text('unit_en').notNull(),
  frequency: text('frequency').notNull(),
  valueKind: text('value_kind').notNull(),
  growthKind: text('growth_kind').notNull(),
  higherIsBetter: boolean('higher_is_better').notNull().default(true),
  rankBy: text('rank_by').notNull().default('growth'),
  /** The city's figure is the sum of its parts; false for per-capita or average figures (no share, pull, contribution). */
  additive: boolean('additive').notNull().default(true),
  alertLevel: rate('alert_level'),
  excellentLevel: rate('excellent_level'),
  leadUnitId: uuid('lead_unit_id').references(() => units.id),
  ownerUserId: uuid('owner_user_id').references(() => users.id),
  source: text('source'),
  notes: text('notes'),
  leading: boolean('leading').notNull().default(false),
  active: boolean('active').notNull().default(true),
  sort: integer('sort').notNull().default(100),
  ...timestamps(),
});

/** Reported figures: one per indicator, region and period; growth as reported, never recomputed. */
export const economyFigures = pgTable(
  'economy_figures',
  {
    id: id(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => economyIndicators.id),
    regionId: uuid('region_id')
      .notNull()
      .references(() => economyRegions.id),
    period: text('period').notNull(),
    /** year × 12 + the period's last month: range scans and ordering. */
    periodOrdinal: integer('period_ordinal').notNull(),
    value: figure('value'),
    growth: rate('growth'),
    monthValue: figure('month_value'),
    monthGrowth: rate('month_growth'),
    status: text('status').notNull().default('draft'),
    revisionReason: text('revision_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    approvedAt: ts('approved_at'),
    approvedBy: uuid('approved_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('economy_figures_uq').on(t.indicatorId, t.regionId, t.period),
    index('economy_figures_period_idx').on(t.period, t.indicatorId),
    index('economy_figures_series_idx').on(t.indicatorId, t.periodOrdinal),
    // The latest approved month of the zone (the dashboard's default month).
    index('economy_figures_latest_idx')
      .on(t.regionId, t.periodOrdinal)
      .where(sql`status = 'approved'`),
  ],
);

/** The zone's annual target per indicator (a value, or a growth in percent). */
export const economyTargets = pgTable(
  'economy_targets',
  {
    id: id(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => economyIndicators.id),
    year: integer('year').notNull(),
    kind: text('kind').notNull(),
    value: figure('value').notNull(),
    setOn: date('set_on', { mode: 'string' }).notNull(),
    note: text('note'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('economy_targets_uq').on(t.indicatorId, t.year)],
);

// ---- investment promotion (招商引资, DOMAIN §5) ---------------------------------------------------------------

/** 招商组团 / 专班: a team with its leader; members in promotion_team_members. */
export const promotionTeams = pgTable('promotion_teams', {
  id: id(),
  name: text('name').notNull().unique(),
  leaderUserId: uuid('leader_user_id').references(() => users.id),
  unitId: uuid('unit_id').references(() => units.id),
  active: boolean('active').notNull().default(true),
  ...timestamps(),
});

export const promotionTeamMembers = pgTable(
  'promotion_team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => promotionTeams.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull().default('member'),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('promotion_team_members_user_idx').on(t.userId)],
);

/** A lead (招商线索) from first contact to production; contacts are masked for all but the owner and superiors. */
export const promotionLeads = pgTable(
  'promotion_leads',
  {
    id: id(),
    code: text('code').notNull().unique(),
    company: text('company').notNull(),
    /** companyKey(company): duplicate detection. */
    companyKey: text('company_key').notNull(),
    uscc: text('uscc'),
    parentCompany: text('parent_company'),
    countryRegion: text('country_region').notNull(),
    fortune500: boolean('fortune500').notNull().default(false),
    industry: text('industry').notNull(),
    content: text('content'),
    plannedInvestment: money('planned_investment'),
    currency: text('currency'),
    foreignAmount: numeric('foreign_amount', { precision: 20, scale: 6 }),
    fxRate: numeric('fx_rate', { precision: 14, scale: 6 }),
    landMu: doublePrecision('land_mu'),
    expectedTax: doublePrecision('expected_tax'),
    energyUse: doublePrecision('energy_use'),
    expectedOutput: doublePrecision('expected_output'),
    environmentalCategory: text('environmental_category'),
    chainFit: boolean('chain_fit'),
    chainSegmentId: uuid('chain_segment_id').references((): AnyPgColumn => chainSegments.id),
    source: text('source').notNull(),
    referrer: text('referrer'),
    referrerPhone: text('referrer_phone'),
    contacts: jsonb('contacts')
      .notNull()
      .default(sql`'[]'::jsonb`),
    ownerUserId: uuid('owner_user_id')
      .notNull()
      .references(() => users.id),
    /** The owner's unit when the lead was last assigned: superiors see it through the data scope. */
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => units.id),
    teamId: uuid('team_id').references(() => promotionTeams.id),
    stage: text('stage').notNull().default('lead'),
    outcome: text('outcome').notNull().default('active'),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    signedOn: date('signed_on', { mode: 'string' }),
    signedAmount: money('signed_amount'),
    plannedStartOn: date('planned_start_on', { mode: 'string' }),
    startedOn: date('started_on', { mode: 'string' }),
    capitalInPlace: money('capital_in_place'),
    productionOn: date('production_on', { mode: 'string' }),
    /** Clock completions: {answer: '2026-11-20', …}. */
    clocksDone: jsonb('clocks_done')
      .notNull()
      .default(sql`'{}'::jsonb`),
    /** The worst clock state, recomputed by the clock job and on every change (list filter and kanban). */
    clockState: text('clock_state').notNull().default('open'),
    projectId: uuid('project_id').references(() => projects.id),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    index('promotion_leads_stage_idx').on(t.stage, t.registeredOn),
    index('promotion_leads_owner_idx').on(t.ownerUserId),
    index('promotion_leads_unit_idx').on(t.ownerUnitId),
    index('promotion_leads_team_idx').on(t.teamId),
    index('promotion_leads_company_key_idx').on(t.companyKey),
    index('promotion_leads_uscc_idx').on(t.uscc),
    // The list and the kanban (lead.service.ts): every read has outcome = … (active by default) and the data scope
    // over owner_unit_id. The counts and the kanban's per-stage totals read this narrow index alone (index-only: it
    // holds every filtered and summed column but the search text); the list's page walks the index of its order
    // and joins only the page's rows.
    index('promotion_leads_filter_idx')
      .on(t.outcome, t.ownerUnitId, t.stage, t.teamId, t.industry, t.clockState, t.ownerUserId, t.plannedInvestment)
      .where(sql`deleted_at is null`),
    index('promotion_leads_registered_idx')
      .on(t.outcome, t.registeredOn)
      .where(sql`deleted_at is null`),
    index('promotion_leads_updated_idx')
      .on(t.outcome, t.updatedAt)
      .where(sql`deleted_at is null`),
    index('promotion_leads_company_sort_idx')
      .on(t.outcome, t.company)
      .where(sql`deleted_at is null`),
    index('promotion_leads_planned_idx')
      .on(t.outcome, t.plannedInvestment.desc().nullsLast())
      .where(sql`deleted_at is null`),
    index('promotion_leads_stage_sort_idx')
      .on(t.outcome, t.stage, t.id)
      .where(sql`deleted_at is null`),
    // The kanban's cards: the last changed of each stage.
    index('promotion_leads_board_idx')
      .on(t.outcome, t.stage, t.updatedAt)
      .where(sql`deleted_at is null`),
  ],
);

/** Every stage move, transfer, closure and clock completion of a lead: its history (kept when it becomes a project). */
export const promotionLeadEvents = pgTable(
  'promotion_lead_events',
  {
    id: id(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => promotionLeads.id),
    kind: text('kind').notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    reason: text('reason'),
    at: ts('at').notNull(),
    byUserId: uuid('by_user_id').references(() => users.id),
  },
  (t) => [index('promotion_lead_events_lead_idx').on(t.leadId, t.at)],
);

/** 挑商选资: a recorded assessment with the computed criteria, the decision, its reasons and approver. */
export const promotionAssessments = pgTable(
  'promotion_assessments',
  {
    id: id(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => promotionLeads.id),
    criteria: jsonb('criteria').notNull(),
    results: jsonb('results').notNull(),
    computedPass: boolean('computed_pass').notNull(),
    decision: text('decision').notNull(),
    reasons: text('reasons').notNull(),
    assessedBy: uuid('assessed_by')
      .notNull()
      .references(() => users.id),
    assessedAt: ts('assessed_at').notNull(),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: ts('approved_at'),
  },
  (t) => [index('promotion_assessments_lead_idx').on(t.leadId)],
);

/** 外出招商: a trip with its members, companies visited, outcome and the leads it followed or created. */
export const promotionTrips = pgTable(
  'promotion_trips',
  {
    id: id(),
    teamId: uuid('team_id').references(() => promotionTeams.id),
    destination: text('destination').notNull(),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }).notNull(),
    memberUserIds: uuid('member_user_ids').array().notNull(),
    companiesVisited: text('companies_visited').array().notNull(),
    outcome: text('outcome'),
    leadIds: uuid('lead_ids').array().notNull(),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [index('promotion_trips_team_idx').on(t.teamId, t.startOn), index('promotion_trips_start_idx').on(t.startOn)],
);

/** 接待客商: a reception with its visitors, host, purpose, outcome and linked leads. */
export const promotionReceptions = pgTable(
  'promotion_receptions',
  {
    id: id(),
    teamId: uuid('team_id').references(() => promotionTeams.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    visitorCompany: text('visitor_company').notNull(),
    visitors: text('visitors').notNull(),
    hostUserId: uuid('host_user_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose').notNull(),
    outcome: text('outcome'),
    leadIds: uuid('lead_ids').array().notNull(),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [index('promotion_receptions_team_idx').on(t.teamId, t.heldOn), index('promotion_receptions_held_idx').on(t.heldOn)],
);

/** 产业链: a chain with its chief (链长, a leader); segments in chain_segments. */
export const industryChains = pgTable('industry_chains', {
  id: id(),
  name: text('name').notNull().unique(),
  description: text('description'),
  chiefUserId: uuid('chief_user_id').references(() => users.id),
  sort: integer('sort').notNull().default(0),
  ...timestamps(),
  deletedAt: ts('deleted_at'),
});

/** 环节: a segment of a chain; parent_id makes the tree (upstream → downstream). */
export const chainSegments = pgTable(
  'chain_segments',
  {
    id: id(),
    chainId: uuid('chain_id')
      .notNull()
      .references(() => industryChains.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => chainSegments.id),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    description: text('description'),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [index('chain_segments_chain_idx').on(t.chainId, t.position)],
);

/** A company on a segment: a zone enterprise or a target company (possibly followed as a lead); 链主 marked. */
export const chainSegmentCompanies = pgTable(
  'chain_segment_companies',
  {
    id: id(),
    segmentId: uuid('segment_id')
      .notNull()
      .references(() => chainSegments.id),
    kind: text('kind').notNull(),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    name: text('name'),
    leadId: uuid('lead_id').references(() => promotionLeads.id),
    chainLeader: boolean('chain_leader').notNull().default(false),
    note: text('note'),
    ...timestamps(),
  },
  (t) => [index('chain_segment_companies_segment_idx').on(t.segmentId), index('chain_segment_companies_enterprise_idx').on(t.enterpriseId)],
);

// ---- enterprise service (企业服务 · 千名干部挂千企, DOMAIN §9) ------------------------------------------------------

/** A cadre paired with an enterprise (many to many), with a role and a period. */
export const servicePairings = pgTable(
  'service_pairings',
  {
    id: id(),
    cadreUserId: uuid('cadre_user_id')
      .notNull()
      .references(() => users.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    role: text('role').notNull().default('primary'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('service_pairings_uq')
      .on(t.cadreUserId, t.enterpriseId, t.startsOn)
      .where(sql`deleted_at is null`),
    index('service_pairings_enterprise_idx').on(t.enterpriseId),
  ],
);

/** 走访: a cadre's visit to an enterprise; photos are attachments of 'serviceVisit'. */
export const serviceVisits = pgTable(
  'service_visits',
  {
    id: id(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    cadreUserId: uuid('cadre_user_id')
      .notNull()
      .references(() => users.id),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    people: text('people').notNull(),
    topics: text('topics').notNull(),
    notes: text('notes'),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [index('service_visits_enterprise_idx').on(t.enterpriseId, t.visitedOn), index('service_visits_cadre_idx').on(t.cadreUserId, t.visitedOn)],
);

/** The routing table: each request category goes to one unit. */
export const serviceRoutes = pgTable('service_routes', {
  category: text('category').primaryKey(),
  unitId: uuid('unit_id')
    .notNull()
    .references(() => units.id),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

export const serviceReplyTemplates = pgTable('service_reply_templates', {
  id: id(),
  category: text('category').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  active: boolean('active').notNull().default(true),
  ...timestamps(),
});

/** 诉求: a request, one-to-one with its ledger item (timeline, light, reminders). */
export const serviceRequests = pgTable(
  'service_requests',
  {
    id: id(),
    itemId: uuid('item_id')
      .notNull()
      .unique()
      .references(() => ledgerItems.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    category: text('category').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    filedVia: text('filed_via').notNull(),
    filedBy: uuid('filed_by').references(() => users.id),
    filedAt: ts('filed_at').notNull(),
    visitId: uuid('visit_id').references(() => serviceVisits.id),
    status: text('status').notNull(),
    round: integer('round').notNull().default(1),
    /** The unit handling it now (null while registered without a unit). */
    unitId: uuid('unit_id').references(() => units.id),
    closedAt: ts('closed_at'),
    followedUpAt: ts('followed_up_at'),
    followUpNote: text('follow_up_note'),
    ...timestamps(),
  },
  (t) => [
    index('service_requests_enterprise_idx').on(t.enterpriseId, t.filedAt),
    index('service_requests_unit_idx').on(t.unitId, t.status),
    index('service_requests_filed_idx').on(t.filedAt),
  ],
);

/** One handling round: from filing (or reopening) to the answer and the rating; the metrics count rounds. */
export const serviceRequestRounds = pgTable(
  'service_request_rounds',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id),
    round: integer('round').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    startedAt: ts('started_at').notNull(),
    responseDueAt: ts('response_due_at').notNull(),
    respondedAt: ts('responded_at'),
    completionDueOn: date('completion_due_on', { mode: 'string' }).notNull(),
    completedOn: date('completed_on', { mode: 'string' }),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => users.id),
    resolved: boolean('resolved'),
    rating: text('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: ts('rated_at'),
    ratedBy: uuid('rated_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.round] }),
    index('service_request_rounds_unit_idx').on(t.unitId, t.startedAt),
    // The metrics of a period (metrics.service.ts) read the rounds started in it from this index alone.
    index('service_request_rounds_started_idx').on(
      t.startedAt,
      t.unitId,
      t.round,
      t.respondedAt,
      t.responseDueAt,
      t.completedOn,
      t.completionDueOn,
      t.rating,
      t.resolved,
    ),
  ],
);

/** A unit refusing a request, and where it was redirected. */
export const serviceRequestRefusals = pgTable(
  'service_request_refusals',
  {
    id: id(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id),
    round: integer('round').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    reason: text('reason').notNull(),
    redirectedToUnitId: uuid('redirected_to_unit_id')
      .notNull()
      .references(() => units.id),
    at: ts('at').notNull(),
    byUserId: uuid('by_user_id').references(() => users.id),
  },
  (t) => [index('service_request_refusals_request_idx').on(t.requestId), index('service_request_refusals_unit_idx').on(t.unitId, t.at)],
);

// ---------------------------------------------------------------------------------------------------------------
// Safety monitoring (DOMAIN §10, issue 7)

/** A major hazard source (重大危险源) of an enterprise: level 1 (most severe) to 4. */
export const majorHazards = pgTable(
  'major_hazards',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    level: integer('level').notNull(),
    /** [{name, kind?, capacity?}]: the installations (tanks, units, warehouses) of the source. */
    installations: jsonb('installations')
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** The three responsible persons: {main, technical, operational}, each {name, phone}. */
    responsible: jsonb('responsible')
      .notNull()
      .default(sql`'{}'::jsonb`),
    assessedOn: date('assessed_on', { mode: 'string' }),
    /** When the next safety assessment report is due (every three years). */
    assessmentDueOn: date('assessment_due_on', { mode: 'string' }),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('major_hazards_code_uq')
      .on(t.code)
      .where(sql`deleted_at is null`),
    index('major_hazards_enterprise_idx').on(t.enterpriseId),
  ],
);

/**
 * What sends readings: a device (its own token), a gateway (one token, many devices by name), or an environmental
 * station (HJ 212, identified by its MN code). Tokens are stored only as sha256; the hint is the last 4 characters.
 */
export const safetyDevices = pgTable(
  'safety_devices',
  {
    id: id(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** A device behind a gateway: the gateway payload names it by `name`. */
    gatewayId: uuid('gateway_id').references((): AnyPgColumn => safetyDevices.id),
    /** HJ 212 station code (MN), stations only. */
    mn: text('mn'),
    tokenHash: text('token_hash'),
    tokenHint: text('token_hint'),
    tokenIssuedAt: ts('token_issued_at'),
    revokedAt: ts('revoked_at'),
    /** Expected reporting interval; the device is offline after 3 intervals without a message. */
    expectedIntervalS: integer('expected_interval_s').notNull().default(60),
    lastSeenAt: ts('last_seen_at'),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('safety_devices_token_uq').on(t.tokenHash),
    uniqueIndex('safety_devices_mn_uq')
      .on(t.mn)
      .where(sql`deleted_at is null and mn is not null`),
    uniqueIndex('safety_devices_gateway_name_uq')
      .on(t.gatewayId, t.name)
      .where(sql`deleted_at is null and gateway_id is not null`),
    index('safety_devices_enterprise_idx').on(t.enterpriseId),
  ],
);

/**
 * A monitoring point (位号): one tag of one device (or one HJ 212 factor of a station), with its range, thresholds
 * and alarm rule parameters.
 */
export const monitoringPoints = pgTable(
  'monitoring_points',
  {
    id: id(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    majorHazardId: uuid('major_hazard_id').references(() => majorHazards.id),
    deviceId: uuid('device_id').references(() => safetyDevices.id),
    /** The key in the payload's values (MQTT) or the factor code (HJ 212, e.g. a34004). */
    tag: text('tag').notNull(),
    name: text('name').notNull(),
    /** level | temperature | pressure | combustibleGas | toxicGas | other (environmental factors: other). */
    kind: text('kind').notNull(),
    unit: text('unit').notNull(),
    rangeLow: doublePrecision('range_low'),
    rangeHigh: doublePrecision('range_high'),
    hh: doublePrecision('hh'),
    h: doublePrecision('h'),
    l: doublePrecision('l'),
    ll: doublePrecision('ll'),
    deadband: doublePrecision('deadband').notNull().default(0),
    minDurationS: integer('min_duration_s').notNull().default(0),
    /** Largest change per minute before a rate-of-change alarm; null = no rate rule. */
    rateLimitPerMin: doublePrecision('rate_limit_per_min'),
    expectedIntervalS: integer('expected_interval_s').notNull().default(60),
    /** Stale after this many expected intervals without a reading. */
    staleAfterIntervals: integer('stale_after_intervals').notNull().default(3),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    enabled: boolean('enabled').notNull().default(true),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('monitoring_points_device_tag_uq')
      .on(t.deviceId, t.tag)
      .where(sql`deleted_at is null`),
    index('monitoring_points_enterprise_idx').on(t.enterpriseId),
    index('monitoring_points_source_idx').on(t.majorHazardId),
  ],
);

/**
 * Raw readings, append-only. Declared here for the query builder; migration 0016 creates it PARTITION BY RANGE
 * (ts) with daily partitions and a default partition (platform code creates partitions ahead and drops expired ones).
 */
export const telemetryReadings = pgTable(
  'telemetry_readings',
  {
    pointId: uuid('point_id').notNull(),
    ts: ts('ts').notNull(),
    value: doublePrecision('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.ts] })],
);

/** Minute roll-up of telemetry_readings (for charts over days). */
export const telemetryMinute = pgTable(
  'telemetry_minute',
  {
    pointId: uuid('point_id').notNull(),
    bucket: ts('bucket').notNull(),
    n: integer('n').notNull(),
    sum: doublePrecision('sum').notNull(),
    min: doublePrecision('min').notNull(),
    max: doublePrecision('max').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.bucket] })],
);

/** Hour roll-up (for charts over months). */
export const telemetryHour = pgTable(
  'telemetry_hour',
  {
    pointId: uuid('point_id').notNull(),
    bucket: ts('bucket').notNull(),
    n: integer('n').notNull(),
    sum: doublePrecision('sum').notNull(),
    min: doublePrecision('min').notNull(),
    max: doublePrecision('max').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.bucket] })],
);

/** Latest value per point, flushed in batches from memory. */
export const telemetryLatest = pgTable('telemetry_latest', {
  pointId: uuid('point_id').primaryKey(),
  ts: ts('ts').notNull(),
  value: doublePrecision('value').notNull(),
});

/** Rejected messages counted per sender and reason (visible to the administrator). */
export const ingestRejections = pgTable(
  'ingest_rejections',
  {
    /** The device id, or `token:<hint>` for an unknown token, or `ip:<address>` for a TCP peer. */
    senderKey: text('sender_key').notNull(),
    deviceId: uuid('device_id'),
    channel: text('channel').notNull(),
    reason: text('reason').notNull(),
    count: integer('count').notNull().default(0),
    firstAt: ts('first_at').notNull(),
    lastAt: ts('last_at').notNull(),
    lastDetail: text('last_detail'),
  },
  (t) => [primaryKey({ columns: [t.senderKey, t.reason] }), index('ingest_rejections_last_idx').on(t.lastAt)],
);

/**
 * An alarm: one open alarm per point and rule (raised → acknowledged → handled → closed). The level changes in
 * place; a return to normal is noted (cleared_at) but closing is a person's act.
 */
export const safetyAlarms = pgTable(
  'safety_alarms',
  {
    id: id(),
    pointId: uuid('point_id').references(() => monitoringPoints.id),
    deviceId: uuid('device_id').references(() => safetyDevices.id),
    /** Null for a park-level vehicle or gate alarm without a destination enterprise (seen by park-wide scope only). */
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    majorHazardId: uuid('major_hazard_id').references(() => majorHazards.id),
    /** Closed-park alarms (issue 8): the vehicle (by plate, known or not), where, and which geofence or appointment. */
    plate: text('plate'),
    vehicleId: uuid('vehicle_id').references(() => parkVehicles.id),
    checkpointId: uuid('checkpoint_id').references(() => checkpoints.id),
    geofenceId: uuid('geofence_id').references(() => geofences.id),
    appointmentId: uuid('appointment_id').references(() => entryAppointments.id),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    /** Rule-specific facts, e.g. the failed gate checks [{code, message}]. */
    detail: jsonb('detail'),
    /** threshold | rate | stale | offline | gate | overspeed | offRoute | parkedOutside | overstay | restrictedArea | positionLost */
    rule: text('rule').notNull(),
    /** red | orange | yellow | blue */
    level: text('level').notNull(),
    /** hh | h | l | ll for threshold alarms. */
    band: text('band'),
    status: text('status').notNull().default('raised'),
    value: doublePrecision('value'),
    threshold: doublePrecision('threshold'),
    /** Worst value while open. */
    peakValue: doublePrecision('peak_value'),
    occurrences: integer('occurrences').notNull().default(1),
    raisedAt: ts('raised_at').notNull(),
    /** The condition returned to normal (past the deadband); null while it holds. */
    clearedAt: ts('cleared_at'),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    handledAt: ts('handled_at'),
    handledBy: uuid('handled_by').references(() => users.id),
    handleNote: text('handle_note'),
    closedAt: ts('closed_at'),
    closedBy: uuid('closed_by').references(() => users.id),
    closeNote: text('close_note'),
    /** 0 none, 1 the enterprise's responsible people, 2 the park's duty officer. */
    escalation: integer('escalation').notNull().default(0),
    escalatedAt: ts('escalated_at'),
    /** The hazard (隐患) ledger item opened from this alarm. */
    hazardItemId: uuid('hazard_item_id').references(() => ledgerItems.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // One open alarm per point (or device, or plate) and rule.
    uniqueIndex('safety_alarms_open_uq')
      .on(t.pointId, t.deviceId, t.plate, t.rule)
      .where(sql`closed_at is null`),
    index('safety_alarms_enterprise_idx').on(t.enterpriseId, t.raisedAt),
    index('safety_alarms_status_idx').on(t.status, t.raisedAt),
  ],
);

/** What happened to an alarm, in order. */
export const safetyAlarmEvents = pgTable(
  'safety_alarm_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    alarmId: uuid('alarm_id')
      .notNull()
      .references(() => safetyAlarms.id),
    at: ts('at').notNull(),
    /** raised | levelChanged | cleared | returned | acknowledged | handled | closed | escalated | hazardOpened */
    kind: text('kind').notNull(),
    level: text('level'),
    value: doublePrecision('value'),
    byUserId: uuid('by_user_id').references(() => users.id),
    note: text('note'),
  },
  (t) => [index('safety_alarm_events_alarm_idx').on(t.alarmId, t.at)],
);

/** A filed maintenance or start-up window: alarms of its points are not raised while it lasts. */
export const safetySuppressions = pgTable(
  'safety_suppressions',
  {
    id: id(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    majorHazardId: uuid('major_hazard_id').references(() => majorHazards.id),
    /** The points covered; empty = every point of the hazard source (or of the enterprise). */
    pointIds: uuid('point_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** maintenance | startup */
    kind: text('kind').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    reason: text('reason').notNull(),
    cancelledAt: ts('cancelled_at'),
    ...timestamps(),
  },
  (t) => [index('safety_suppressions_window_idx').on(t.enterpriseId, t.endsAt)],
);

/** A hazard (隐患) beyond its ledger item: grade, origin, source. */
export const safetyHazards = pgTable(
  'safety_hazards',
  {
    itemId: uuid('item_id')
      .primaryKey()
      .references(() => ledgerItems.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    majorHazardId: uuid('major_hazard_id').references(() => majorHazards.id),
    /** general | major (一般隐患 / 重大隐患) */
    grade: text('grade').notNull(),
    /** inspection | alarm | report */
    origin: text('origin').notNull(),
    alarmId: uuid('alarm_id').references(() => safetyAlarms.id),
    foundOn: date('found_on', { mode: 'string' }).notNull(),
    category: text('category'),
    ...timestamps(),
  },
  (t) => [index('safety_hazards_enterprise_idx').on(t.enterpriseId, t.foundOn)],
);

// ---- Closed-park management (封闭化管理, DOMAIN §11, issue 8) ----

/** A checkpoint (卡口): dedicated (hazmat only, staffed), general, unattended or emergency (normally closed). */
export const checkpoints = pgTable(
  'checkpoints',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** dedicated | general | unattended | emergency */
    kind: text('kind').notNull(),
    /** [{code, name, direction: in | out | both}] */
    lanes: jsonb('lanes')
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Vehicle categories that may pass (defaults from the kind, see packages/shared/src/closed-park.ts). */
    allowedCategories: text('allowed_categories')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    /** Emergency checkpoints are normally closed. */
    open: boolean('open').notNull().default(true),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('checkpoints_code_uq')
      .on(t.code)
      .where(sql`deleted_at is null`),
  ],
);

/** A camera, face terminal or access controller at a checkpoint lane; `serialNo` is how its events name it. */
export const checkpointDevices = pgTable(
  'checkpoint_devices',
  {
    id: id(),
    checkpointId: uuid('checkpoint_id')
      .notNull()
      .references(() => checkpoints.id),
    laneCode: text('lane_code'),
    /** anpr | face | accessControl */
    kind: text('kind').notNull(),
    /** hikvisionIsapi | hikvisionPlatform */
    vendor: text('vendor').notNull().default('hikvisionIsapi'),
    /** Device serial number / MAC / IP (ISAPI) or resource index code (platform srcIndex). */
    serialNo: text('serial_no').notNull(),
    /** in | out: what a pass on this device means. */
    direction: text('direction').notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    lastEventAt: ts('last_event_at'),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('checkpoint_devices_serial_uq')
      .on(t.vendor, t.serialNo)
      .where(sql`deleted_at is null`),
  ],
);

/** A carrier (运输企业) with its road transport licence (道路运输经营许可证). */
export const carriers = pgTable(
  'carriers',
  {
    id: id(),
    name: text('name').notNull(),
    uscc: text('uscc'),
    licenceNo: text('licence_no').notNull(),
    licenceExpiresOn: date('licence_expires_on', { mode: 'string' }),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    address: text('address'),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('carriers_licence_uq')
      .on(t.licenceNo)
      .where(sql`deleted_at is null`),
  ],
);

/** A vehicle known to the park (plate validated, including 8-character new-energy plates). */
export const parkVehicles = pgTable(
  'park_vehicles',
  {
    id: id(),
    plate: text('plate').notNull(),
    /** blue | yellow | green | yellowGreen | white | black */
    plateColor: text('plate_color').notNull().default('yellow'),
    carrierId: uuid('carrier_id').references(() => carriers.id),
    /** hazmat | hazardousWaste | cargo | ordinary | emergency */
    category: text('category').notNull(),
    /** tank | box | flatbed | other */
    body: text('body').notNull().default('other'),
    /** Hazmat classes (1–9, e.g. '3', '2.1') the vehicle is licensed to carry. */
    hazmatClasses: text('hazmat_classes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** 道路运输证 number and expiry. */
    transportCertNo: text('transport_cert_no'),
    transportCertExpiresOn: date('transport_cert_expires_on', { mode: 'string' }),
    /** The enterprise the vehicle belongs to (its own fleet), if any. */
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('park_vehicles_plate_uq')
      .on(t.plate)
      .where(sql`deleted_at is null`),
  ],
);

/** A driver, escort (押运员), staff member or visitor; drivers and escorts carry a qualification certificate. */
export const parkPeople = pgTable(
  'park_people',
  {
    id: id(),
    /** driver | escort | staff | visitor */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** Identity card number (masked like a credit code for those without field.uscc). */
    idNumber: text('id_number'),
    phone: text('phone'),
    carrierId: uuid('carrier_id').references(() => carriers.id),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    qualificationNo: text('qualification_no'),
    qualificationExpiresOn: date('qualification_expires_on', { mode: 'string' }),
    /** The number face terminals and the platform use for this person (employeeNoString / personId). */
    personCode: text('person_code'),
    ...timestamps(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('park_people_code_uq')
      .on(t.personCode)
      .where(sql`deleted_at is null and person_code is not null`),
    index('park_people_carrier_idx').on(t.carrierId),
  ],
);

/** Whitelist (police, fire, rescue, ambulance, own fleet) and blacklist entries, with reason and validity. */
export const parkAccessLists = pgTable(
  'park_access_lists',
  {
    id: id(),
    /** white | black */
    list: text('list').notNull(),
    /** vehicle | person */
    subjectKind: text('subject_kind').notNull(),
    plate: text('plate'),
    personId: uuid('person_id').references(() => parkPeople.id),
    reason: text('reason').notNull(),
    validFrom: ts('valid_from').notNull(),
    validTo: ts('valid_to'),
    revokedAt: ts('revoked_at'),
    ...timestamps(),
  },
  (t) => [index('park_access_lists_plate_idx').on(t.plate), index('park_access_lists_person_idx').on(t.personId)],
);

/**
 * A geofence: the park boundary, a restricted area, a designated hazmat route (a corridor of width_m around a line),
 * a hazmat parking lot or a speed zone. Geometry is GeoJSON (Polygon or LineString) in WGS-84.
 */
export const geofences = pgTable('geofences', {
  id: id(),
  /** boundary | restricted | route | parking | speedZone */
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  geometry: jsonb('geometry').notNull(),
  /** Corridor width of a route, metres (total width; half on each side). */
  widthM: integer('width_m'),
  /** Speed limit inside (speed zones; the park boundary's is the default limit). */
  speedLimitKmh: integer('speed_limit_kmh'),
  /** Places in a parking lot. */
  capacity: integer('capacity'),
  active: boolean('active').notNull().default(true),
  ...timestamps(),
  deletedAt: ts('deleted_at'),
});

/** An entry appointment (预约入园) of a hazmat vehicle: approved by the destination enterprise, then the park. */
export const entryAppointments = pgTable(
  'entry_appointments',
  {
    id: id(),
    /** The code shown as QR and read at the gate (unique). */
    code: text('code').notNull(),
    carrierId: uuid('carrier_id')
      .notNull()
      .references(() => carriers.id),
    vehicleId: uuid('vehicle_id')
      .notNull()
      .references(() => parkVehicles.id),
    plate: text('plate').notNull(),
    driverId: uuid('driver_id')
      .notNull()
      .references(() => parkPeople.id),
    escortId: uuid('escort_id').references(() => parkPeople.id),
    /** [{unNumber, name, hazmatClass, quantity, unit}] */
    cargo: jsonb('cargo').notNull(),
    waybillNo: text('waybill_no').notNull(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** The designated route (a geofence of kind route). */
    routeId: uuid('route_id').references(() => geofences.id),
    windowStart: ts('window_start').notNull(),
    windowEnd: ts('window_end').notNull(),
    /** draft | submitted | enterpriseApproved | approved | rejected | cancelled */
    status: text('status').notNull().default('submitted'),
    enterpriseApprovedAt: ts('enterprise_approved_at'),
    enterpriseApprovedBy: uuid('enterprise_approved_by').references(() => users.id),
    parkApprovedAt: ts('park_approved_at'),
    parkApprovedBy: uuid('park_approved_by').references(() => users.id),
    rejectedAt: ts('rejected_at'),
    rejectedBy: uuid('rejected_by').references(() => users.id),
    rejectReason: text('reject_reason'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('entry_appointments_code_uq').on(t.code),
    index('entry_appointments_plate_idx').on(t.plate, t.windowStart),
    index('entry_appointments_enterprise_idx').on(t.enterpriseId, t.windowStart),
  ],
);

/**
 * Gate events as received, spooled before anything else (devices do not retry): the idempotency key is the device
 * and its serial number (ISAPI) or the platform's eventId. Processed into gate_passes by the gate processor.
 */
export const gateEventSpool = pgTable(
  'gate_event_spool',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** isapiAnpr | isapiAcs | platform */
    source: text('source').notNull(),
    dedupKey: text('dedup_key').notNull(),
    receivedAt: ts('received_at').notNull(),
    remoteAddr: text('remote_addr'),
    /** The parsed event (JSON; the ANPR XML as parsed fields plus the raw text). */
    payload: jsonb('payload').notNull(),
    /** Stored image keys (files under DATA_DIR/gate-images). */
    images: text('images')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** pending | done | failed */
    status: text('status').notNull().default('pending'),
    error: text('error'),
    processedAt: ts('processed_at'),
  },
  (t) => [uniqueIndex('gate_event_spool_dedup_uq').on(t.dedupKey), index('gate_event_spool_pending_idx').on(t.status, t.id)],
);

/** A visit: a vehicle or person in the park from an entry pass until the exit pass. Open visits are the park count. */
export const parkVisits = pgTable(
  'park_visits',
  {
    id: id(),
    /** vehicle | person */
    subjectKind: text('subject_kind').notNull(),
    plate: text('plate'),
    vehicleId: uuid('vehicle_id').references(() => parkVehicles.id),
    personId: uuid('person_id').references(() => parkPeople.id),
    /** Unknown people are counted by the code the terminal reported. */
    personCode: text('person_code'),
    appointmentId: uuid('appointment_id').references(() => entryAppointments.id),
    enteredAt: ts('entered_at').notNull(),
    exitedAt: ts('exited_at'),
    entryCheckpointId: uuid('entry_checkpoint_id').references(() => checkpoints.id),
    exitCheckpointId: uuid('exit_checkpoint_id').references(() => checkpoints.id),
  },
  (t) => [
    index('park_visits_open_idx').on(t.subjectKind, t.exitedAt),
    uniqueIndex('park_visits_open_plate_uq')
      .on(t.plate)
      .where(sql`exited_at is null and plate is not null`),
    uniqueIndex('park_visits_open_person_uq')
      .on(t.personCode)
      .where(sql`exited_at is null and person_code is not null`),
  ],
);

/** One normalised pass (通行记录) per processed gate event. */
export const gatePasses = pgTable(
  'gate_passes',
  {
    id: id(),
    spoolId: bigint('spool_id', { mode: 'number' })
      .notNull()
      .references(() => gateEventSpool.id),
    /** vehicle | person */
    kind: text('kind').notNull(),
    /** allowed | denied | flagged (let through by the device but failing a check) */
    result: text('result').notNull(),
    /** in | out */
    direction: text('direction').notNull(),
    plate: text('plate'),
    vehicleId: uuid('vehicle_id').references(() => parkVehicles.id),
    personId: uuid('person_id').references(() => parkPeople.id),
    personCode: text('person_code'),
    personName: text('person_name'),
    checkpointId: uuid('checkpoint_id').references(() => checkpoints.id),
    deviceId: uuid('device_id').references(() => checkpointDevices.id),
    laneCode: text('lane_code'),
    deviceTime: ts('device_time').notNull(),
    receivedAt: ts('received_at').notNull(),
    /** 0–100 (plate recognition or face similarity). */
    confidence: doublePrecision('confidence'),
    images: text('images')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    appointmentId: uuid('appointment_id').references(() => entryAppointments.id),
    visitId: uuid('visit_id').references(() => parkVisits.id),
    /** Failed checks: [{code, message}] (noAppointment, outsideWindow, blacklisted, qualificationExpired, …). */
    findings: jsonb('findings')
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [
    uniqueIndex('gate_passes_spool_uq').on(t.spoolId),
    index('gate_passes_time_idx').on(t.deviceTime),
    index('gate_passes_plate_idx').on(t.plate, t.deviceTime),
  ],
);

/** A position terminal: a JT/T 808 terminal (by its phone number) or an OsmAnd phone tracker (by its id). */
export const positionTerminals = pgTable(
  'position_terminals',
  {
    id: id(),
    /** jt808 | osmand */
    protocol: text('protocol').notNull(),
    /** JT/T 808 terminal phone number (BCD digits, leading zeros stripped) or OsmAnd device id. */
    identifier: text('identifier').notNull(),
    vehicleId: uuid('vehicle_id').references(() => parkVehicles.id),
    /** Auth code issued on registration (0x8100); kept in clear text: the protocol sends it in clear text. */
    authCode: text('auth_code'),
    /** 2011 | 2013 | 2019 as last seen. */
    protocolVersion: text('protocol_version'),
    manufacturer: text('manufacturer'),
    model: text('model'),
    /** The plate as the terminal registered it (GBK decoded). */
    registeredPlate: text('registered_plate'),
    registeredAt: ts('registered_at'),
    lastSeenAt: ts('last_seen_at'),
    revokedAt: ts('revoked_at'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('position_terminals_identifier_uq').on(t.protocol, t.identifier)],
);

/**
 * Positions, append-only, WGS-84. Declared here for the query builder; migration 0017 creates it PARTITION BY
 * RANGE (ts) with daily partitions and a default partition (retention VEHICLE_POSITION_RETENTION_DAYS, ≥ 183).
 */
export const vehiclePositions = pgTable(
  'vehicle_positions',
  {
    terminalId: uuid('terminal_id').notNull(),
    vehicleId: uuid('vehicle_id'),
    /** Device time (UTC). */
    ts: ts('ts').notNull(),
    receivedAt: ts('received_at').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    speedKmh: doublePrecision('speed_kmh'),
    course: doublePrecision('course'),
    altitudeM: doublePrecision('altitude_m'),
    accuracyM: doublePrecision('accuracy_m'),
    /** JT/T 808 alarm flags and status bits (0 for other sources). */
    alarmFlags: integer('alarm_flags').notNull().default(0),
    status: integer('status').notNull().default(0),
    /** Flags the platform set: jump (impossible jump), … */
    flags: text('flags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [primaryKey({ columns: [t.terminalId, t.ts] }), index('vehicle_positions_vehicle_idx').on(t.vehicleId, t.ts)],
);

/** Messages a terminal sent that the platform does not support, kept raw for diagnosis (newest kept per terminal). */
export const positionRawMessages = pgTable(
  'position_raw_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    terminalIdentifier: text('terminal_identifier').notNull(),
    messageId: integer('message_id').notNull(),
    receivedAt: ts('received_at').notNull(),
    frameHex: text('frame_hex').notNull(),
  },
  (t) => [index('position_raw_messages_terminal_idx').on(t.terminalIdentifier, t.receivedAt)],
);

// ---- Assessments and competitions (考核 · 劳动竞赛, issue 9) ----------------------------------------------------
// A scheme defines dimensions (比/看/创) with weights and a method (automatic from module data, panel, grade),
// participants (units or projects, each in a track) and a panel. A run scores one period: its definition (dimensions,
// participants, panel) is copied into the run when it starts, automatic scores are computed from the data as of the
// period's end and kept with their inputs, the panel scores, the results are published, appeals are answered within
// the window, then the results lock (ranking, ties, red flags).

const points = (name: string) => numeric(name, { precision: 8, scale: 2 });

export const assessmentSchemes = pgTable('assessment_schemes', {
  id: id(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  description: text('description'),
  /** week | halfMonth | month | quarter | year */
  periodKind: text('period_kind').notNull(),
  /** unit | project */
  participantKind: text('participant_kind').notNull(),
  /** Track names (e.g. 征迁组, 建设组); participants are ranked within their track. */
  tracks: text('tracks')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** The top N of each track (ties included) hold the red flag (流动红旗) for the period. */
  redFlagTopN: integer('red_flag_top_n').notNull().default(1),
  /** Working days after publication during which a participant may appeal. */
  appealWorkingDays: integer('appeal_working_days').notNull().default(3),
  /** The dimensions: AssessmentDimension[] (shared/schemas/assessments.ts), ids stable across edits. */
  dimensions: jsonb('dimensions').notNull(),
  active: boolean('active').notNull().default(true),
  ...timestamps(),
  deletedAt: ts('deleted_at'),
});

export const assessmentParticipants = pgTable(
  'assessment_participants',
  {
    id: id(),
    schemeId: uuid('scheme_id')
      .notNull()
      .references(() => assessmentSchemes.id),
    unitId: uuid('unit_id').references(() => units.id),
    projectId: uuid('project_id').references(() => projects.id),
    track: text('track'),
    active: boolean('active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('assessment_participants_unit_uq').on(t.schemeId, t.unitId),
    uniqueIndex('assessment_participants_project_uq').on(t.schemeId, t.projectId),
  ],
);

export const assessmentPanelMembers = pgTable(
  'assessment_panel_members',
  {
    schemeId: uuid('scheme_id')
      .notNull()
      .references(() => assessmentSchemes.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schemeId, t.userId] })],
);

export const assessmentRuns = pgTable(
  'assessment_runs',
  {
    id: id(),
    schemeId: uuid('scheme_id')
      .notNull()
      .references(() => assessmentSchemes.id),
    /** 2026-Q2, 2026-11, 2026-11-1 (half month), 2026-W47, 2026 */
    period: text('period').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    /** scoring → appeal → locked */
    status: text('status').notNull().default('scoring'),
    /** The scheme as it was when the run started: { dimensions, participants, panel, redFlagTopN, appealWorkingDays }. */
    definition: jsonb('definition').notNull(),
    computedAt: ts('computed_at'),
    publishedAt: ts('published_at'),
    publishedBy: uuid('published_by'),
    appealEndsOn: date('appeal_ends_on', { mode: 'string' }),
    lockedAt: ts('locked_at'),
    lockedBy: uuid('locked_by'),
    highlights: text('highlights'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('assessment_runs_period_uq').on(t.schemeId, t.period)],
);

export const assessmentScores = pgTable(
  'assessment_scores',
  {
    id: id(),
    runId: uuid('run_id')
      .notNull()
      .references(() => assessmentRuns.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => assessmentParticipants.id),
    /** The dimension's id in the run's definition. */
    dimensionId: text('dimension_id').notNull(),
    /** The panel member who scored; null for a score computed from module data. */
    scorerId: uuid('scorer_id').references(() => users.id),
    /** The metric's value (automatic), e.g. 0.8750 for a rate or 3 for a count. */
    value: numeric('value', { precision: 20, scale: 4 }),
    /** excellent | good | fair | poor (grade dimensions) */
    grade: text('grade'),
    points: points('points').notNull(),
    comment: text('comment'),
    /** What an automatic score was computed from: { numerator, denominator, records: [{kind, id, label, figure}] }. */
    inputs: jsonb('inputs'),
    scoredAt: ts('scored_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    unique('assessment_scores_uq').on(t.runId, t.participantId, t.dimensionId, t.scorerId).nullsNotDistinct(),
    index('assessment_scores_participant_idx').on(t.runId, t.participantId),
  ],
);

export const assessmentAppeals = pgTable(
  'assessment_appeals',
  {
    id: id(),
    runId: uuid('run_id')
      .notNull()
      .references(() => assessmentRuns.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => assessmentParticipants.id),
    dimensionId: text('dimension_id').notNull(),
    reason: text('reason').notNull(),
    filedBy: uuid('filed_by').notNull(),
    filedAt: ts('filed_at').notNull().defaultNow(),
    /** open | accepted | rejected */
    status: text('status').notNull().default('open'),
    answer: text('answer'),
    answeredBy: uuid('answered_by'),
    answeredAt: ts('answered_at'),
    pointsBefore: points('points_before'),
    pointsAfter: points('points_after'),
  },
  (t) => [index('assessment_appeals_run_idx').on(t.runId, t.status)],
);

/** Written when a run is published (provisional) and again when it locks (final). */
export const assessmentResults = pgTable(
  'assessment_results',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => assessmentRuns.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => assessmentParticipants.id),
    track: text('track'),
    total: points('total').notNull(),
    rank: integer('rank').notNull(),
    tied: boolean('tied').notNull().default(false),
    redFlag: boolean('red_flag').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.runId, t.participantId] }), index('assessment_results_flag_idx').on(t.redFlag, t.participantId)],
);
