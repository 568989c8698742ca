// The big screen's data hooks: the stage's fit to the window (recomputed on resize), a clock ticking once a second,
// and a GET repeated on a fixed period (the cockpit every minute) that keeps the last answer while the next loads,
// stops on unmount and never overlaps itself.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../app/api.ts';
import { useEvery } from '../../app/use-every.ts';
import { fitStage, type StageFit } from './screen-ui.ts';

export function useStageFit(): StageFit {
  const measure = () => (typeof window === 'undefined' ? fitStage(0, 0) : fitStage(window.innerWidth, window.innerHeight));
  const [fit, setFit] = useState<StageFit>(measure);
  useEffect(() => {
    const onResize = () => setFit(measure());
    window.addEventListener('resize', onResize);
    onResize();
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return fit;
}

/** The time now, once a second. */
export function useNow(periodMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEvery(() => setNow(Date.now()), periodMs, { whileHidden: true });
  return now;
}

export interface Polled<T> {
  data: T | undefined;
  /** When the last answer arrived (ms). */
  at: number | null;
  /** When the read that gave the last answer was sent (ms): the answer holds everything the server had by then. */
  askedAt: number | null;
  error: unknown;
  /** Reads again now (a no-op while a read is under way). */
  reload: () => void;
}

/** GET `path` now and every `periodMs`, also while the tab is hidden (the screen runs unattended); null path: not at all (no permission). */
export function usePolled<T>(path: string | null, periodMs: number): Polled<T> {
  const [state, setState] = useState<{ data?: T; at: number | null; askedAt: number | null; error: unknown }>({ at: null, askedAt: null, error: undefined });
  const pathRef = useRef(path);
  const busy = useRef(false);
  const ctrl = useRef<AbortController | null>(null);
  const load = useCallback(async () => {
    const url = pathRef.current;
    if (url === null || busy.current) return;
    busy.current = true;
    const c = new AbortController();
    ctrl.current = c;
    const askedAt = Date.now();
    try {
      const data = await api.get<T>(url, undefined, { signal: c.signal });
      if (!c.signal.aborted) setState({ data, at: Date.now(), askedAt, error: undefined });
    } catch (error) {
      if (!c.signal.aborted) setState((prev) => ({ ...prev, error }));
    } finally {
      if (ctrl.current === c) busy.current = false;
    }
  }, []);
  useEffect(() => {
    pathRef.current = path;
    if (path === null) return;
    void load();
    return () => {
      ctrl.current?.abort();
      ctrl.current = null;
      busy.current = false;
    };
  }, [path, load]);
  useEvery(() => void load(), path === null ? null : periodMs, { whileHidden: true });
  const reload = useCallback(() => void load(), [load]);
  return { data: state.data, at: state.at, askedAt: state.askedAt, error: state.error, reload };
}
