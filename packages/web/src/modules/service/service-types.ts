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
import type { Input, Output } from '../../app/contract.ts';

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
