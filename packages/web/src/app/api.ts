// The one door to the API: same-origin cookie session, CSRF header on writes, typed errors.
// Error body of the server: {code, message, details?, requestId} (docs/api-routes.md).

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | null;

  constructor(status: number, code: string, message: string, details?: unknown, requestId?: string | null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId ?? null;
  }
}

export function isApiError(err: unknown, code?: string): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

/** Reads an error answer; falls back to a code derived from the HTTP status when the body is not the usual JSON. */
export function parseErrorBody(status: number, text: string): ApiError {
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && 'code' in body && typeof body.code === 'string') {
      const b = body as { code: string; message?: unknown; details?: unknown; requestId?: unknown };
      return new ApiError(status, b.code, typeof b.message === 'string' ? b.message : b.code, b.details, typeof b.requestId === 'string' ? b.requestId : null);
    }
  } catch {
    // not JSON: a proxy page or an empty body
  }
  return new ApiError(status, codeForStatus(status), text.slice(0, 200) || `HTTP ${status}`);
}

function codeForStatus(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'NOT_READY';
  return 'INTERNAL';
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

/** "?a=1&b=x" from a query object; empty strings, null and undefined are left out. */
export function toQueryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

let csrfToken: string | null = null;
let language = 'zh-CN';

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setRequestLanguage(lang: string): void {
  language = lang;
}

export const NEXT_PATH_KEY = 'zoneops.next';
const SESSION_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

function redirectToLogin(): void {
  if (typeof window === 'undefined' || window.location.pathname === '/login') return;
  try {
    sessionStorage.setItem(NEXT_PATH_KEY, window.location.pathname + window.location.search);
  } catch {
    // storage may be disabled; the user just lands on the workbench
  }
  window.location.assign('/login?expired=1');
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not send the browser to the login page on 401 (the login call and the first /me). */
  noAuthRedirect?: boolean;
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(path + toQueryString(opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
}

/** Refreshes the CSRF token from /api/auth/me (after the server rotated it). */
async function refreshCsrf(): Promise<boolean> {
  const res = await send('GET', '/api/auth/me', {});
  if (!res.ok) return false;
  const me = (await res.json()) as { csrfToken?: string };
  if (!me.csrfToken) return false;
  csrfToken = me.csrfToken;
  return true;
}

/** Sends a request and answers the raw Response when it succeeded; throws ApiError otherwise. */
export async function requestRaw(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  let res = await send(method, path, opts);
  if (!res.ok) {
    let err = parseErrorBody(res.status, await res.text());
    if (err.code === 'CSRF_FAILED' && method !== 'GET' && (await refreshCsrf())) {
      res = await send(method, path, opts);
      if (res.ok) return res;
      err = parseErrorBody(res.status, await res.text());
    }
    if (res.status === 401 && SESSION_CODES.has(err.code) && !opts.noAuthRedirect) redirectToLogin();
    throw err;
  }
  return res;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await requestRaw(method, path, opts);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) return (await res.json()) as T;
  return (await res.text()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query' | 'body'>) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

export interface UploadOptions {
  query?: Query;
  /** Called with 0–100 while the body is sent. */
  onProgress?: (percent: number) => void;
  /** Content type of a raw (non-FormData) body. */
  contentType?: string;
  signal?: AbortSignal;
}

/** The answer of an upload: its body as a Blob, with the headers a caller may need. */
export interface UploadAnswer {
  status: number;
  contentType: string;
  disposition: string | null;
  blob: Blob;
}

function xhrSend(method: string, path: string, body: FormData | Blob, opts: UploadOptions): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path + toQueryString(opts.query));
    xhr.responseType = 'blob';
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', language);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    // FormData sets its own multipart boundary; a raw body says what it is.
    if (!(body instanceof FormData)) xhr.setRequestHeader('content-type', opts.contentType ?? (body.type || 'application/octet-stream'));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () =>
      resolve({
        status: xhr.status,
        contentType: xhr.getResponseHeader('content-type') ?? '',
        disposition: xhr.getResponseHeader('content-disposition'),
        blob: xhr.response instanceof Blob ? xhr.response : new Blob([]),
      });
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network error'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/**
 * Sends a file (multipart FormData or a raw body such as an xlsx workbook) with upload progress, which fetch cannot
 * report. Answers the raw answer when it succeeded; throws ApiError otherwise (one retry after a rotated CSRF token).
 */
export async function uploadRaw(method: string, path: string, body: FormData | Blob, opts: UploadOptions = {}): Promise<UploadAnswer> {
  let res = await xhrSend(method, path, body, opts);
  if (res.status >= 200 && res.status < 300) return res;
  let err = parseErrorBody(res.status, await res.blob.text());
  if (err.code === 'CSRF_FAILED' && (await refreshCsrf())) {
    res = await xhrSend(method, path, body, opts);
    if (res.status >= 200 && res.status < 300) return res;
    err = parseErrorBody(res.status, await res.blob.text());
  }
  if (res.status === 401 && SESSION_CODES.has(err.code)) redirectToLogin();
  throw err;
}

/** uploadRaw with a JSON answer. */
export async function upload<T>(method: string, path: string, body: FormData | Blob, opts: UploadOptions = {}): Promise<T> {
  const res = await uploadRaw(method, path, body, opts);
  return JSON.parse(await res.blob.text()) as T;
}
