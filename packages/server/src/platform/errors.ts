// Domain errors carry a stable code; one handler maps them (and framework errors) to the HTTP answer
// {code, message, details?, requestId}. A 5xx never shows internals.
import { errorStatus, type ErrorBody, type ErrorCode } from '@zoneops/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'you may not do this') => new AppError('FORBIDDEN', message);

export interface FieldIssue {
  path: string;
  message: string;
}

export function validationError(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; '), issues);
}

function frameworkError(err: FastifyError): AppError | undefined {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    return validationError(
      err.validation.map((v) => {
        const p = v.instancePath.split('/').filter(Boolean).join('.');
        return { path: p ? `${where}.${p}` : where, message: v.message ?? 'invalid' };
      }),
    );
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'request body too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'unsupported content type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('MALFORMED_REQUEST', 'malformed JSON body');
  }
  if (err instanceof SyntaxError || (err.statusCode === 400 && !err.code?.startsWith('FST_ERR_VALIDATION'))) {
    return new AppError('MALFORMED_REQUEST', err.message);
  }
  if (err.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', 'request body too large');
  if (err.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', 'unsupported content type');
  return undefined;
}

/**
 * Whether a database error is a unique violation (of `constraint`, when given). Drizzle wraps the driver's error and
 * keeps it as `cause`, so both are read.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (
    let e = err as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined, depth = 0;
    e && depth < 3;
    e = e.cause as typeof e, depth++
  ) {
    if (e.code === '23505') return !constraint || e.constraint === constraint || (e.message ?? '').includes(constraint);
  }
  return false;
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const mapped = frameworkError(err as FastifyError);
  if (mapped) return mapped;
  // Unique violations that slipped past a service check still answer as a conflict, not a 500.
  if (isUniqueViolation(err)) return new AppError('CONFLICT', 'a record with this key already exists');
  return new AppError('INTERNAL', 'internal error');
}

export function sendError(reply: FastifyReply, request: FastifyRequest, err: AppError): FastifyReply {
  const body: ErrorBody = { code: err.code, message: err.message, requestId: request.id };
  if (err.details !== undefined) body.details = err.details;
  reply.errorCode = err.code;
  return reply.code(err.status).type('application/json').send(body);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const appErr = toAppError(err);
    if (appErr.code === 'INTERNAL') request.log.error({ err }, 'unhandled error');
    else request.log.info({ code: appErr.code }, appErr.message);
    return sendError(reply, request, appErr);
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, request, new AppError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`)));
}

declare module 'fastify' {
  interface FastifyReply {
    errorCode?: ErrorCode;
  }
}
