// Authentication, session state, CSRF and permission checks for every /api route, declared per route in
// its config: { auth: 'public' | 'session' | <permission> | [<permission>, …], allowStates?: [...] }.
import type { Permission, SessionState } from '@zoneops/shared';
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Db } from '../database.ts';
import { AppError } from '../errors.ts';
import type { Principal } from '../access/principal.ts';
import type { RequestContext } from '../context.ts';
import { principalFromSession, principalFromToken, type PrincipalCache } from './principal.service.ts';
import { safeEqual } from './tokens.ts';

export const SESSION_COOKIE = 'zo_sid';
/** Methods that change nothing: no CSRF token needed, not audited. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export type RouteAuth = 'public' | 'session' | Permission | Permission[];

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
    allowStates?: SessionState[];
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

/** The principal of an authenticated route (the hook guarantees it). */
export function actorOf(request: FastifyRequest): Principal {
  const p = request.ctx.actor;
  if (!p) throw new AppError('UNAUTHENTICATED', 'not signed in');
  return p;
}

export function hasPermission(p: Principal, perm: Permission): boolean {
  return p.permissions.has(perm);
}

export function requirePermission(p: Principal, perm: Permission): void {
  if (!p.permissions.has(perm)) throw new AppError('FORBIDDEN', `missing permission ${perm}`);
}

export function registerAuth(app: FastifyInstance, db: Db, clock: Clock, cache: PrincipalCache): void {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('onRequest', async (request) => {
    request.ctx = {
      actor: null,
      ip: request.ip,
      userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
      requestId: request.id,
      audited: false,
    };
    // The API description is public (the project is open source); everything else under /api needs a principal.
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const config = request.routeOptions.config;
    const auth = config.auth ?? 'session';
    if (auth === 'public' || request.is404) return;

    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const cookie = request.cookies[SESSION_COOKIE];
    let principal: Principal;
    if (bearer) principal = await principalFromToken(db, clock, bearer);
    else if (cookie) principal = await principalFromSession(db, clock, cookie, cache);
    else throw new AppError('UNAUTHENTICATED', 'not signed in');
    request.ctx.actor = principal;

    if (principal.sessionState !== 'full' && !config.allowStates?.includes(principal.sessionState)) {
      throw principal.sessionState === 'passwordChange'
        ? new AppError('PASSWORD_CHANGE_REQUIRED', 'change your password first')
        : new AppError('TOTP_ENROLMENT_REQUIRED', 'set up two-factor authentication first');
    }
    // Cookie-authenticated writes must echo the session's CSRF token in a header a foreign site cannot set.
    if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !principal.csrfToken || !safeEqual(header, principal.csrfToken)) {
        throw new AppError('CSRF_FAILED', 'missing or wrong CSRF token');
      }
    }
    if (auth !== 'session') {
      const needed = Array.isArray(auth) ? auth : [auth];
      if (!needed.some((perm) => principal.permissions.has(perm))) {
        throw new AppError('FORBIDDEN', `missing permission ${needed.join(' or ')}`);
      }
    }
  });
}
