// Types of the registry's answers and requests, inferred from the shared contract (schemas/safety-registry.ts).
import type { deviceCreateSchema, majorHazardCreateSchema, pointCreateSchema } from '@zoneops/shared';
import type { Input } from '../../../app/contract.ts';

export type {
  DeviceStatus,
  DeviceWithToken,
  MajorHazard,
  MajorHazardDetail,
  MonitoringPoint,
  PointImportCommit,
  PointImportPreview,
  SafetyDevice,
} from '@zoneops/shared';
export type MajorHazardInput = Input<typeof majorHazardCreateSchema>;
export type DeviceInput = Input<typeof deviceCreateSchema>;
export type PointInput = Input<typeof pointCreateSchema>;
