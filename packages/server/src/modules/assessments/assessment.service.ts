// Assessments and competitions (考核 · 劳动竞赛, DOMAIN §8, issue 9): the one service the routes call, made of
// - assessment-schemes.service.ts: schemes (dimensions, participants, panel), checked whole;
// - assessment-runs.service.ts: runs (start with automatic scores, recompute, publish, lock) and the reads
//   (runs, breakdown, red flags, the bulletin);
// - assessment-scoring.service.ts: panel scores (never the member's own unit) and appeals;
// sharing assessment-run-context.ts (loading and locking a run, guards, the own-unit paths, progress, the run's view)
// and the pure rules of assessment-results.ts (points table, ranking, progress, breakdown, audit changes).
import type { Deps } from '../../platform/deps.ts';
import { createRunContext } from './assessment-run-context.ts';
import { createRunService } from './assessment-runs.service.ts';
import { createSchemeService } from './assessment-schemes.service.ts';
import { createScoringService } from './assessment-scoring.service.ts';

export function createAssessmentService(deps: Deps) {
  const runs = createRunContext(deps);
  return {
    ...createSchemeService(deps),
    ...createRunService(deps, runs),
    ...createScoringService(deps, runs),
  };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
