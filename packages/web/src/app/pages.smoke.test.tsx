// Every page renders (server-side, first paint) for a user holding every permission, in both languages.
// Effects do not run here, so this catches render-time mistakes, not data handling.
import type { ComponentType } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { menuCatalogue } from '@zoneops/shared';
import { initI18n, setLanguage } from './i18n.ts';
import { adminMe, renderAs } from './test-fixtures.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import LoginPage from '../modules/auth/LoginPage.tsx';
import PasswordChangePage from '../modules/auth/PasswordChangePage.tsx';
import TotpSetupPage from '../modules/auth/TotpSetupPage.tsx';
import WorkbenchPage from '../modules/workbench/WorkbenchPage.tsx';
import UnitsPage from '../modules/units/UnitsPage.tsx';
import UsersPage from '../modules/users/UsersPage.tsx';
import RolesPage from '../modules/roles/RolesPage.tsx';
import EnterprisesPage from '../modules/enterprises/EnterprisesPage.tsx';
import DictionariesPage from '../modules/dictionaries/DictionariesPage.tsx';
import CalendarPage from '../modules/calendar/CalendarPage.tsx';
import ChannelsPage from '../modules/channels/ChannelsPage.tsx';
import DocumentTemplatePage from '../modules/document-template/DocumentTemplatePage.tsx';
import SecuritySettingsPage from '../modules/security/SecuritySettingsPage.tsx';
import ApiTokensPage from '../modules/api-tokens/ApiTokensPage.tsx';
import AuditPage from '../modules/audit/AuditPage.tsx';
import LoginLogPage from '../modules/login-log/LoginLogPage.tsx';
import NotificationsPage from '../modules/notifications/NotificationsPage.tsx';
import SupervisionPage from '../modules/supervision/SupervisionPage.tsx';
import RectificationPage from '../modules/rectification/RectificationPage.tsx';
import ItemDetailPage from '../modules/ledger/ItemDetailPage.tsx';
import MeetingsPage from '../modules/meetings/MeetingsPage.tsx';
import SeriesDetailPage from '../modules/meetings/SeriesDetailPage.tsx';
import MeetingDetailPage from '../modules/meetings/MeetingDetailPage.tsx';
import ProjectsPage from '../modules/projects/ProjectsPage.tsx';
import ProjectDetailPage from '../modules/projects/ProjectDetailPage.tsx';
import BattleMapPage from '../modules/project-views/BattleMapPage.tsx';
import ProjectDashboardPage from '../modules/project-views/ProjectDashboardPage.tsx';

/** The login page signed out, every other page as the administrator. */
const render = (Page: ComponentType, path = '/') => renderAs(Page === LoginPage ? null : adminMe, <Page />, path);

const pages: [string, ComponentType, string?][] = [
  ['login', LoginPage, '/login?expired=1'],
  ['password', PasswordChangePage],
  ['totp', TotpSetupPage],
  ['layout', AppLayout, '/system/users'],
  ['workbench', WorkbenchPage],
  ['units', UnitsPage],
  ['users', UsersPage],
  ['roles', RolesPage],
  ['enterprises', EnterprisesPage],
  ['dictionaries', DictionariesPage],
  ['calendar', CalendarPage],
  ['channels', ChannelsPage],
  ['documentTemplate', DocumentTemplatePage],
  ['security', SecuritySettingsPage],
  ['apiTokens', ApiTokensPage],
  ['audit', AuditPage],
  ['loginLog', LoginLogPage],
  ['notifications', NotificationsPage],
  ['supervision', SupervisionPage, '/supervision'],
  ['rectification', RectificationPage, '/rectification'],
  ['item', ItemDetailPage, '/supervision/items/00000000-0000-4000-8000-000000000009'],
  ['meetings', MeetingsPage, '/meetings'],
  ['meetingSeries', SeriesDetailPage, '/meetings/series/00000000-0000-4000-8000-000000000009'],
  ['meeting', MeetingDetailPage, '/meetings/00000000-0000-4000-8000-000000000009'],
  ['projects', ProjectsPage, '/projects'],
  ['project', ProjectDetailPage, '/projects/00000000-0000-4000-8000-000000000009'],
  ['battleMap', BattleMapPage, '/projects/map'],
  ['projectDashboard', ProjectDashboardPage, '/projects/dashboard'],
  ['layout below a project', AppLayout, '/projects/00000000-0000-4000-8000-000000000009'],
  ['layout below a menu page', AppLayout, '/supervision/items/00000000-0000-4000-8000-000000000009'],
];

describe.each(['zh-CN', 'en-US'] as const)('pages in %s', (lang) => {
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });

  it.each(pages)('%s renders', (_name, Page, path) => {
    const html = render(Page, path);
    expect(html.length).toBeGreaterThan(100);
    // no i18n key leaked untranslated (keys look like "area.key")
    expect(html).not.toMatch(
      />(common|menu|nav|users|roles|units|audit|errors|login|workbench|ledger[A-Za-z]*|supervision|rectification|meetings|deadlineClass|projects|projectViews|projectReports)\.[a-zA-Z.]+</,
    );
  });
});

describe('stable selectors', () => {
  it('are on the login form and the side menu', () => {
    const login = render(LoginPage, '/login');
    for (const id of ['login-username', 'login-password', 'login-submit', 'lang-switch']) {
      expect(login).toContain(`data-testid="${id}"`);
    }
    const layout = render(AppLayout, '/');
    for (const m of menuCatalogue) expect(layout).toContain(`data-testid="menu-${m.key}"`);
    expect(layout).toContain('data-testid="user-menu"');
  });

  it('are on the list pages', () => {
    expect(render(UsersPage)).toContain('data-testid="user-create"');
    expect(render(UsersPage)).toContain('data-testid="users-table"');
    expect(render(AuditPage)).toContain('data-testid="audit-table"');
    expect(render(AuditPage)).toContain('data-testid="audit-verify"');
    expect(render(EnterprisesPage)).toContain('data-testid="enterprises-table"');
  });

  it('are on the supervision and rectification lists', () => {
    const supervision = render(SupervisionPage, '/supervision');
    for (const id of [
      'supervision-ledger-select',
      'ledger-items-table',
      'item-create',
      'export-button',
      'import-button',
      'saved-view-save',
      'saved-view-select',
      'ledger-summary',
    ]) {
      expect(supervision, id).toContain(`data-testid="${id}"`);
    }
    const rectification = render(RectificationPage, '/rectification');
    for (const id of ['rectification-campaigns', 'ledger-items-table', 'item-create', 'ledger-create', 'export-button', 'saved-view-select']) {
      expect(rectification, id).toContain(`data-testid="${id}"`);
    }
    expect(render(MeetingsPage, '/meetings')).toContain('data-testid="series-create"');
  });
});
