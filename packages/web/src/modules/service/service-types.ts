// Types of the enterprise service answers, inferred from the shared contract (schemas/enterprise-service.ts).
import type {
  metricsRowSchema,
  metricsSchema,
  pairingImportPreviewSchema,
  pairingImportResultSchema,
  portalHomeSchema,
  replyTemplateSchema,
  requestCreateSchema,
  routeSchema,
  visitCreateSchema,
  visitSchema,
} from '@zoneops/shared';

type Output<S> = S extends { _zod: { output: infer O } } ? O : never;
type Input<S> = S extends { _zod: { input: infer I } } ? I : never;

export type { Pairing, ServiceRequest, ServiceRequestDetail } from '@zoneops/shared';
export type Route = Output<typeof routeSchema>;
export type ReplyTemplate = Output<typeof replyTemplateSchema>;
export type Visit = Output<typeof visitSchema>;
export type VisitInput = Input<typeof visitCreateSchema>;
export type RequestInput = Input<typeof requestCreateSchema>;
export type PairingPreview = Output<typeof pairingImportPreviewSchema>;
export type PairingImportResult = Output<typeof pairingImportResultSchema>;
export type Metrics = Output<typeof metricsSchema>;
export type MetricsRow = Output<typeof metricsRowSchema>;
export type PortalHome = Output<typeof portalHomeSchema>;
