// Stable error codes of the API. The server maps each to one HTTP status (platform/errors.ts);
// the web client translates each into a message. Body: {code, message, details?, requestId}.

export const errorStatus = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  TOTP_ENROLMENT_REQUIRED: 403,
  ADMIN_SEPARATION: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  USERNAME_TAKEN: 409,
  USCC_TAKEN: 409,
  UNIT_CYCLE: 409,
  UNIT_NOT_EMPTY: 409,
  ROLE_IN_USE: 409,
  ROLE_BUILTIN: 409,
  PASSWORD_POLICY: 422,
  PASSWORD_REUSED: 422,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 423,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  NOT_READY: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
  requestId: string;
}
