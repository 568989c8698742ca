// Server-side first paint of a service or portal page for a given user, as the smoke tests render it.
import type { ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { App as AntApp } from 'antd';
import type { Me } from '@zoneops/shared';
import { AuthContext, type AuthValue } from '../../app/auth.tsx';

export function renderAs(me: Me, element: ReactElement, path = '/'): string {
  const auth: AuthValue = { me, loading: false, expired: false, setMe: () => undefined, logout: async () => undefined, can: (p) => me.permissions.includes(p) };
  return renderToString(
    <AuthContext.Provider value={auth}>
      <AntApp>
        <MemoryRouter initialEntries={[path]}>{element}</MemoryRouter>
      </AntApp>
    </AuthContext.Provider>,
  );
}
