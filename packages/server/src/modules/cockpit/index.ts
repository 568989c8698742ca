// The leaders' cockpit (驾驶舱, issue 9): GET /api/cockpit, a tile per module the caller may read (build-cockpit.ts).
import { cockpitSchema } from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../platform/deps.ts';
import { cachedReads } from '../../platform/response-cache.ts';
import { createCockpit, type CockpitService, type CockpitSources } from './build-cockpit.ts';

export type { CockpitService, CockpitSources } from './build-cockpit.ts';

export function registerCockpit(app: FastifyInstance, deps: Deps, sources: CockpitSources): CockpitService {
  const cockpit = createCockpit(deps, sources);
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Answered from the per-instance answer cache, keyed by the asker (their scope and permissions) and dropped with
  // the modules' cached lists on every change they hear of. Alarm and gate counts move with device traffic, which
  // drops nothing: they are at most the cache's lifetime (RESPONSE_CACHE_MS) old, and the big screen has their pushes.
  const cached = cachedReads(deps.responses, actorOf);
  r.get(
    '/api/cockpit',
    {
      config: { auth: 'cockpit.view' },
      schema: {
        tags: ['cockpit'],
        summary: "The leaders' cockpit: a tile per module the caller may read (absent without the module's read permission)",
        response: { 200: cockpitSchema },
      },
    },
    (req, reply) => cached(req, reply, cockpitSchema, (p) => cockpit.build(p)),
  );
  return cockpit;
}
