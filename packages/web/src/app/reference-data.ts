// Reference lists used across pages (units, dictionaries, roles), fetched once and shared until invalidated.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, Unit } from '@zoneops/shared';
import { api } from './api.ts';
import type { DictItem } from './contract.ts';

const cache = new Map<string, Promise<unknown>>();
const listeners = new Set<() => void>();

export function cachedGet<T>(path: string): Promise<T> {
  let p = cache.get(path) as Promise<T> | undefined;
  if (!p) {
    p = api.get<T>(path);
    cache.set(path, p);
    p.catch(() => cache.delete(path));
  }
  return p;
}

/** Forgets cached answers whose path starts with the prefix, and makes mounted users reload. */
export function invalidateCache(prefix: string): void {
  for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
  for (const l of listeners) l();
}

export function useCached<T>(path: string | null): { data: T | undefined; reload: () => void } {
  const [state, setState] = useState<{ path: string | null; data?: T; version: number }>({ path: null, version: 0 });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    listeners.add(bump);
    return () => {
      listeners.delete(bump);
    };
  }, []);

  useEffect(() => {
    if (path === null) return;
    let live = true;
    cachedGet<T>(path).then(
      (data) => live && setState({ path, data, version }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [path, version]);

  const reload = useCallback(() => {
    if (path) invalidateCache(path);
  }, [path]);
  return { data: state.path === path ? state.data : undefined, reload };
}

export function useUnits(enabled = true): Unit[] | undefined {
  return useCached<Unit[]>(enabled ? '/api/units' : null).data;
}

export function useRoles(enabled = true): Role[] | undefined {
  return useCached<Role[]>(enabled ? '/api/roles' : null).data;
}

/** Enabled items of a dictionary type, with labels in the current language. */
export function useDictionary(type: string): {
  items: DictItem[];
  options: { value: string; label: string }[];
  labelOf: (code: string | null | undefined) => string;
} {
  const { i18n } = useTranslation();
  const { data } = useCached<DictItem[]>(`/api/dictionaries/${encodeURIComponent(type)}/items`);
  const english = i18n.language.startsWith('en');
  return useMemo(() => {
    const items = (data ?? []).filter((d) => d.enabled).sort((a, b) => a.sort - b.sort);
    const label = (d: DictItem) => (english && d.labelEn ? d.labelEn : d.label);
    const byCode = new Map((data ?? []).map((d) => [d.code, label(d)]));
    return {
      items,
      options: items.map((d) => ({ value: d.code, label: label(d) })),
      labelOf: (code) => (code ? (byCode.get(code) ?? code) : '—'),
    };
  }, [data, english]);
}
