import { loginSchema, meSchema, okResponse, passwordChangeSchema, totpCodeSchema, totpSetupSchema } from '@zoneops/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../platform/config.ts';
import { SESSION_COOKIE, actorOf } from '../../platform/auth/auth.plugin.ts';
import type { AuthService } from './auth.service.ts';

export function authRoutes(app: FastifyInstance, service: AuthService, config: Config): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const setCookie = (reply: FastifyReply, value: string) =>
    reply.setCookie(SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'strict', secure: config.cookieSecure });

  r.post('/api/auth/login', { config: { auth: 'public' }, schema: { tags, body: loginSchema, response: { 200: meSchema } } }, async (req, reply) => {
    const { cookie, me } = await service.login(req.ctx, req.body);
    setCookie(reply, cookie);
    return me;
  });
  r.post(
    '/api/auth/logout',
    { config: { allowStates: ['passwordChange', 'totpEnrolment'] }, schema: { tags, response: { 200: okResponse } } },
    async (req, reply) => {
      await service.logout(req.ctx, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
  r.get('/api/auth/me', { config: { allowStates: ['passwordChange', 'totpEnrolment'] }, schema: { tags, response: { 200: meSchema } } }, (req) =>
    service.me(actorOf(req)),
  );
  r.post(
    '/api/auth/password',
    { config: { allowStates: ['passwordChange'] }, schema: { tags, body: passwordChangeSchema, response: { 200: meSchema } } },
    (req) => service.changePassword(req.ctx, actorOf(req), req.body.currentPassword, req.body.newPassword),
  );
  r.post('/api/auth/totp/setup', { config: { allowStates: ['totpEnrolment'] }, schema: { tags, response: { 200: totpSetupSchema } } }, (req) =>
    service.setupTotp(req.ctx, actorOf(req)),
  );
  r.post('/api/auth/totp/enable', { config: { allowStates: ['totpEnrolment'] }, schema: { tags, body: totpCodeSchema, response: { 200: meSchema } } }, (req) =>
    service.enableTotp(req.ctx, actorOf(req), req.body.code),
  );
  r.post('/api/auth/totp/disable', { schema: { tags, body: totpCodeSchema, response: { 200: meSchema } } }, (req) =>
    service.disableTotp(req.ctx, actorOf(req), req.body.code),
  );
}
