// Route guards: a session, a full session (no pending password change or TOTP enrolment), a permission.
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { NEXT_PATH_KEY } from './api.ts';
import { forcedPath, useAuth } from './auth.tsx';
import { Forbidden, PageLoading } from './results.tsx';

function loginPath(expired: boolean): string {
  return expired ? '/login?expired=1' : '/login';
}

/** Any session, also one that must first change its password or enrol TOTP. */
export function RequireSession() {
  const { me, loading, expired } = useAuth();
  if (loading) return <PageLoading />;
  if (!me) return <Navigate to={loginPath(expired)} replace />;
  return <Outlet />;
}

/** A full session; restricted sessions go to the step they must take first. */
export function RequireFullSession({ children }: { children: ReactNode }) {
  const { me, loading, expired } = useAuth();
  const location = useLocation();
  if (loading) return <PageLoading />;
  if (!me) {
    if (location.pathname !== '/') rememberNextPath(location.pathname + location.search);
    return <Navigate to={loginPath(expired)} replace />;
  }
  const forced = forcedPath(me);
  if (forced) return <Navigate to={forced} replace />;
  return children;
}

/** Shows the page when the user holds the permission, a 403 result otherwise. */
export function Permitted({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? children : <Forbidden />;
}

function rememberNextPath(path: string): void {
  try {
    sessionStorage.setItem(NEXT_PATH_KEY, path);
  } catch {
    // storage disabled: after sign-in the user lands on the workbench
  }
}

/** Where to go after sign-in: the page the user was sent away from, once. */
export function takeNextPath(): string {
  try {
    const next = sessionStorage.getItem(NEXT_PATH_KEY);
    sessionStorage.removeItem(NEXT_PATH_KEY);
    return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
  } catch {
    return '/';
  }
}
