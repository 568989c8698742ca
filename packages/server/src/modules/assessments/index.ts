// Assessments and competitions (考核 · 劳动竞赛, DOMAIN §8, issue 9): the module's one public surface.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { registerAssessmentRoutes } from './assessment.routes.ts';
import { createAssessmentService, type AssessmentService } from './assessment.service.ts';

export type { AssessmentService } from './assessment.service.ts';

/** Registers the routes under /api/assessments; returns the service (benchmarks and the demo drive it directly). */
export function registerAssessments(app: FastifyInstance, deps: Deps): AssessmentService {
  const service = createAssessmentService(deps);
  registerAssessmentRoutes(app, service);
  return service;
}
