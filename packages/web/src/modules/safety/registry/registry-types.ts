// Types of the registry's answers and requests, inferred from the shared contract (schemas/safety-registry.ts).
import type { deviceCreateSchema, hazardSourceCreateSchema, pointCreateSchema } from '@zoneops/shared';
import type { Input } from '../../../app/contract.ts';

export type {
  DeviceStatus,
  DeviceWithToken,
  HazardSource,
  HazardSourceDetail,
  MonitoringPoint,
  PointImportCommit,
  PointImportPreview,
  SafetyDevice,
} from '@zoneops/shared';
export type HazardSourceInput = Input<typeof hazardSourceCreateSchema>;
export type DeviceInput = Input<typeof deviceCreateSchema>;
export type PointInput = Input<typeof pointCreateSchema>;
