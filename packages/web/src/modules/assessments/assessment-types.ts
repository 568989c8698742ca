// Types of the assessment answers, inferred from the shared contract (schemas/assessments.ts): the generated
// openapi.d.ts learns these routes only when it is generated again.
import type { redFlagHistorySchema, runListSchema, schemeListSchema } from '@zoneops/shared';
import type { Output } from '../../app/contract.ts';

export type {
  AssessmentAppeal,
  AssessmentBreakdown,
  AssessmentDimension,
  AssessmentParticipant,
  AssessmentResultRow,
  AssessmentRun,
  AssessmentScheme,
  AssessmentScore,
} from '@zoneops/shared';
export type SchemeList = Output<typeof schemeListSchema>;
export type SchemeListItem = SchemeList['items'][number];
export type RunList = Output<typeof runListSchema>;
export type RunListItem = RunList['items'][number];
export type RedFlagHistory = Output<typeof redFlagHistorySchema>;
export type RedFlagEntry = RedFlagHistory['items'][number];

export const API = '/api/assessments';
export const schemePath = (id: string) => `/assessments/schemes/${id}`;
export const runPath = (id: string) => `/assessments/runs/${id}`;
