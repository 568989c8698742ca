// Loading hooks over the API client. Previous data stays visible while the next answer loads (no table flicker).
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { api, toQueryString, type Query } from './api.ts';
import { useReportError } from './use-report-error.ts';

export interface ApiGet<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  mutate: (update: (prev: T | undefined) => T | undefined) => void;
}

interface Loaded<T> {
  url: string | null;
  version: number;
  data?: T;
  error?: unknown;
}

/** GET path?query; null path = do not load yet. Errors are reported as a message and returned. */
export function useApiGet<T>(path: string | null, query?: Query, opts: { report?: boolean } = {}): ApiGet<T> {
  const url = path === null ? null : path + toQueryString(query);
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T>>({ url: null, version: -1 });
  const report = useReportError();
  const shouldReport = opts.report !== false;
  const onError = useEffectEvent((error: unknown) => {
    if (shouldReport) report(error);
  });

  useEffect(() => {
    if (url === null) return;
    const ctrl = new AbortController();
    api.get<T>(url, undefined, { signal: ctrl.signal }).then(
      (data) => setLoaded({ url, version, data }),
      (error: unknown) => {
        if (ctrl.signal.aborted) return;
        setLoaded((prev) => ({ url, version, data: prev.data, error }));
        onError(error);
      },
    );
    return () => ctrl.abort();
  }, [url, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const mutate = useCallback((update: (prev: T | undefined) => T | undefined) => setLoaded((prev) => ({ ...prev, data: update(prev.data) })), []);
  return {
    data: loaded.data,
    error: loaded.url === url ? loaded.error : undefined,
    loading: url !== null && (loaded.url !== url || loaded.version !== version),
    reload,
    mutate,
  };
}
