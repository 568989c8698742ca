// The signed-in user (GET /api/auth/me), loaded once at start and replaced by every answer that returns Me.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Me } from '@zoneops/shared';
import { api, isApiError, setCsrfToken } from './api.ts';

export interface AuthValue {
  me: Me | null;
  /** true until the first /api/auth/me answered */
  loading: boolean;
  /** the first /api/auth/me said SESSION_EXPIRED */
  expired: boolean;
  setMe: (me: Me | null) => void;
  logout: () => Promise<void>;
  can: (permission: string) => boolean;
}

/** Exported so that a page can be rendered with a given user (smoke tests). */
export const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [expired, setExpired] = useState(false);

  const setMe = useCallback((next: Me | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setMeState(next);
    if (next) setExpired(false);
  }, []);

  useEffect(() => {
    let live = true;
    api.get<Me>('/api/auth/me', undefined, { noAuthRedirect: true }).then(
      (answer) => {
        if (!live) return;
        setMe(answer);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setMe(null);
        setExpired(isApiError(err, 'SESSION_EXPIRED'));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [setMe]);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', undefined, { noAuthRedirect: true });
    } finally {
      setMe(null);
    }
  }, [setMe]);

  const value = useMemo<AuthValue>(() => {
    const perms = new Set(me?.permissions ?? []);
    return { me, loading, expired, setMe, logout, can: (p) => perms.has(p) };
  }, [me, loading, expired, setMe, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user; only for components rendered behind the session guard. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a session');
  return me;
}

/** Where a session in a restricted state must go first; null when the session is full. */
export function forcedPath(me: Pick<Me, 'sessionState'>): string | null {
  if (me.sessionState === 'passwordChange') return '/account/password';
  if (me.sessionState === 'totpEnrolment') return '/account/totp';
  return null;
}
