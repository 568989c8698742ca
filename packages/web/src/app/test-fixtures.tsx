// Shared by the page smoke tests (never imported by the app): ids, a signed-in user holding every permission and
// menu, its auth context, and the server-side first paint of an element for a user (auth, antd App, a router at
// `path`).
import type { ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { App as AntApp } from 'antd';
import { allPermissions, menuCatalogue, type Me } from '@zoneops/shared';
import { AuthContext, type AuthValue } from './auth.tsx';

/** A readable UUID for fixtures: U(7) = 00000000-0000-4000-8000-000000000007. */
export const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The system administrator: every permission and every menu, a full session. */
export const adminMe: Me = {
  id: U(1),
  username: 'admin',
  displayName: '系统管理员',
  unitId: U(2),
  unitName: '管委会',
  enterpriseId: null,
  roles: ['sysadmin'],
  permissions: [...allPermissions],
  menus: menuCatalogue.map((m) => m.key),
  sessionState: 'full',
  totpEnabled: false,
  passwordExpiresAt: null,
  csrfToken: 'csrf',
  idleTimeoutMinutes: 30,
};

/** The auth context of `me` (signed out with null); `can` answers by its permissions. */
export function authOf(me: Me | null): AuthValue {
  return {
    me,
    loading: false,
    expired: false,
    setMe: () => undefined,
    logout: async () => undefined,
    can: (p) => !!me && me.permissions.includes(p),
  };
}

/** The first paint of `element` at `path` for `me`. */
export function renderAs(me: Me | null, element: ReactElement, path = '/'): string {
  return renderToString(
    <AuthContext.Provider value={authOf(me)}>
      <AntApp>
        <MemoryRouter initialEntries={[path]}>{element}</MemoryRouter>
      </AntApp>
    </AuthContext.Provider>,
  );
}
