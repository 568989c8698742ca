// Types of API answers: GET answers from the types generated from openapi.json, the rest inferred from the shared zod schemas.
import type {
  apiTokenCreatedSchema,
  attachmentSchema,
  auditEntrySchema,
  geoFeatureSchema,
  geoLayersSchema,
  itemDetailSchema,
  ledgerEventSchema,
  ledgerItemSchema,
  ledgerSchema,
  notificationPage,
  notificationSchema,
  savedViewSchema,
  totpSetupSchema,
  userCreatedSchema,
  workbenchItemSchema,
  workbenchSchema,
} from '@zoneops/shared';
import type { paths } from '../api/openapi';

/** The JSON answer (200) of a GET route, from the types generated from openapi.json (`npm run openapi`). */
type Answer<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer T } } } } } ? T : never;

/** What a zod schema gives (an answer parsed by it), and what it takes (a request body before its defaults). */
export type Output<S> = S extends { _zod: { output: infer O } } ? O : never;
export type Input<S> = S extends { _zod: { input: infer I } } ? I : never;

export type DictType = Answer<'/api/dictionaries'>[number];
export type DictItem = Answer<'/api/dictionaries/{type}/items'>[number];
export type CalendarDay = Answer<'/api/calendar'>[number];
export type AuditEntry = Output<typeof auditEntrySchema>;
export type AuditVerify = Answer<'/api/audit/verify'>;
export type AppNotification = Output<typeof notificationSchema>;
export type NotificationPage = Output<typeof notificationPage>;
export type Channel = Answer<'/api/notification-channels'>[number];
export type Delivery = Answer<'/api/notification-deliveries'>['items'][number];
export type Workbench = Output<typeof workbenchSchema>;
export type WorkbenchItem = Output<typeof workbenchItemSchema>;
export type GeoLayers = Output<typeof geoLayersSchema>;
export type GeoFeature = Output<typeof geoFeatureSchema>;
export type LoginLogEntry = Answer<'/api/login-log'>['items'][number];
export type ApiToken = Answer<'/api/api-tokens'>[number];
export type ApiTokenCreated = Output<typeof apiTokenCreatedSchema>;
export type TotpSetup = Output<typeof totpSetupSchema>;
export type UserCreated = Output<typeof userCreatedSchema>;

export interface KeyCount {
  key: string;
  count: number;
}

/** GET /api/enterprises/stats */
export type EnterpriseStats = Answer<'/api/enterprises/stats'>;

/** The ledger engine (supervision, rectification, meeting decisions). */
export type Ledger = Output<typeof ledgerSchema>;
export type LedgerItem = Output<typeof ledgerItemSchema>;
export type ItemDetail = Output<typeof itemDetailSchema>;
export type LedgerEvent = Output<typeof ledgerEventSchema>;
export type SavedView = Output<typeof savedViewSchema>;
export type Attachment = Output<typeof attachmentSchema>;
