// Routes: /login and the account steps outside the layout; every menu page inside it, lazily loaded.
import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { menuCatalogue, type MenuKey } from '@zoneops/shared';
import { AuthProvider, useAuth } from './auth.tsx';
import { Permitted, RequireFullSession, RequireSession } from './guards.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { Forbidden, NotFound, PageLoading, RouteError } from './results.tsx';

type Page = LazyExoticComponent<ComponentType>;

const pages: Record<MenuKey, Page> = {
  workbench: lazy(() => import('../modules/workbench/WorkbenchPage.tsx')),
  cockpit: lazy(() => import('../modules/cockpit/CockpitPage.tsx')),
  bigScreen: lazy(() => import('../modules/screen/BigScreenPage.tsx')),
  projects: lazy(() => import('../modules/projects/ProjectsPage.tsx')),
  battleMap: lazy(() => import('../modules/project-views/BattleMapPage.tsx')),
  projectDashboard: lazy(() => import('../modules/project-views/ProjectDashboardPage.tsx')),
  promotionLeads: lazy(() => import('../modules/promotion/LeadsPage.tsx')),
  promotionTeams: lazy(() => import('../modules/promotion/TeamsPage.tsx')),
  promotionChains: lazy(() => import('../modules/promotion/ChainsPage.tsx')),
  serviceRequests: lazy(() => import('../modules/service/RequestsPage.tsx')),
  servicePairings: lazy(() => import('../modules/service/PairingsPage.tsx')),
  serviceMetrics: lazy(() => import('../modules/service/MetricsPage.tsx')),
  portal: lazy(() => import('../modules/portal/PortalPage.tsx')),
  safetyMap: lazy(() => import('../modules/safety/SafetyMapPage.tsx')),
  safetyAlarms: lazy(() => import('../modules/safety/AlarmsPage.tsx')),
  safetyHazards: lazy(() => import('../modules/safety/HazardsPage.tsx')),
  safetyRegistry: lazy(() => import('../modules/safety/RegistryPage.tsx')),
  safetyIngest: lazy(() => import('../modules/safety/IngestPage.tsx')),
  parkVehicles: lazy(() => import('../modules/park/VehicleMapPage.tsx')),
  parkPasses: lazy(() => import('../modules/park/PassesPage.tsx')),
  parkAppointments: lazy(() => import('../modules/park/AppointmentsPage.tsx')),
  parkRegistry: lazy(() => import('../modules/park/RegistryPage.tsx')),
  parkGeofences: lazy(() => import('../modules/park/GeofencesPage.tsx')),
  economy: lazy(() => import('../modules/economy/EconomyDashboardPage.tsx')),
  economyFigures: lazy(() => import('../modules/economy-data/FiguresPage.tsx')),
  economyBulletin: lazy(() => import('../modules/economy/EconomyBulletinPage.tsx')),
  economySettings: lazy(() => import('../modules/economy-data/EconomySettingsPage.tsx')),
  assessments: lazy(() => import('../modules/assessments/AssessmentsPage.tsx')),
  supervision: lazy(() => import('../modules/supervision/SupervisionPage.tsx')),
  rectification: lazy(() => import('../modules/rectification/RectificationPage.tsx')),
  meetings: lazy(() => import('../modules/meetings/MeetingsPage.tsx')),
  units: lazy(() => import('../modules/units/UnitsPage.tsx')),
  users: lazy(() => import('../modules/users/UsersPage.tsx')),
  roles: lazy(() => import('../modules/roles/RolesPage.tsx')),
  enterprises: lazy(() => import('../modules/enterprises/EnterprisesPage.tsx')),
  dictionaries: lazy(() => import('../modules/dictionaries/DictionariesPage.tsx')),
  calendar: lazy(() => import('../modules/calendar/CalendarPage.tsx')),
  channels: lazy(() => import('../modules/channels/ChannelsPage.tsx')),
  documentTemplate: lazy(() => import('../modules/document-template/DocumentTemplatePage.tsx')),
  security: lazy(() => import('../modules/security/SecuritySettingsPage.tsx')),
  apiTokens: lazy(() => import('../modules/api-tokens/ApiTokensPage.tsx')),
  audit: lazy(() => import('../modules/audit/AuditPage.tsx')),
  loginLog: lazy(() => import('../modules/login-log/LoginLogPage.tsx')),
};

const LoginPage = lazy(() => import('../modules/auth/LoginPage.tsx'));
const PasswordPage = lazy(() => import('../modules/auth/PasswordChangePage.tsx'));
const TotpPage = lazy(() => import('../modules/auth/TotpSetupPage.tsx'));
const NotificationsPage = lazy(() => import('../modules/notifications/NotificationsPage.tsx'));
const ItemDetailPage = lazy(() => import('../modules/ledger/ItemDetailPage.tsx'));
const SeriesDetailPage = lazy(() => import('../modules/meetings/SeriesDetailPage.tsx'));
const MeetingDetailPage = lazy(() => import('../modules/meetings/MeetingDetailPage.tsx'));
const ProjectDetailPage = lazy(() => import('../modules/projects/ProjectDetailPage.tsx'));
const IndicatorDetailPage = lazy(() => import('../modules/economy/IndicatorDetailPage.tsx'));
const LeadDetailPage = lazy(() => import('../modules/promotion/LeadDetailPage.tsx'));
const RequestDetailPage = lazy(() => import('../modules/service/RequestDetailPage.tsx'));
const PortalRequestPage = lazy(() => import('../modules/portal/PortalRequestPage.tsx'));
const SchemeEditPage = lazy(() => import('../modules/assessments/SchemeEditPage.tsx'));
const SchemePage = lazy(() => import('../modules/assessments/SchemePage.tsx'));
const RunPage = lazy(() => import('../modules/assessments/RunPage.tsx'));

function Root() {
  return (
    <AuthProvider>
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </AuthProvider>
  );
}

/** "/" is the workbench; users without it land on their first menu page. */
function IndexPage() {
  const { me, can } = useAuth();
  const Workbench = pages.workbench;
  if (can('workbench.view')) return <Workbench />;
  const first = menuCatalogue.find((m) => m.path !== '/' && me?.menus.includes(m.key));
  return first ? <Navigate to={first.path} replace /> : <Forbidden />;
}

function guarded(key: MenuKey, permission: string) {
  const Page = pages[key];
  return (
    <Permitted permission={permission}>
      <Page />
    </Permitted>
  );
}

/** The pages below a ledger menu (items, meeting series, meetings) need what the menu needs. */
const readLedger = (page: ReactNode) => <Permitted permission="ledger.read">{page}</Permitted>;

export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: <RequireSession />,
        children: [
          { path: '/account/password', element: <PasswordPage /> },
          { path: '/account/totp', element: <TotpPage /> },
        ],
      },
      // The big screen (数据大屏) fills the window: outside the layout, but behind the same session and permission.
      {
        path: '/screen',
        element: <RequireFullSession>{guarded('bigScreen', 'cockpit.view')}</RequireFullSession>,
      },
      {
        path: '/',
        element: (
          <RequireFullSession>
            <AppLayout />
          </RequireFullSession>
        ),
        children: [
          { index: true, element: <IndexPage /> },
          ...menuCatalogue
            .filter((m) => m.path !== '/' && m.key !== 'bigScreen')
            .map((m) => ({ path: m.path.slice(1), element: guarded(m.key, m.permission) })),
          // Ledger items of both supervision and rectification (links from notifications and the workbench use /supervision).
          { path: 'supervision/items/:id', element: readLedger(<ItemDetailPage />) },
          { path: 'rectification/items/:id', element: readLedger(<ItemDetailPage />) },
          { path: 'meetings/series/:id', element: readLedger(<SeriesDetailPage />) },
          { path: 'meetings/:id', element: readLedger(<MeetingDetailPage />) },
          // One key project (the static /projects/map and /projects/dashboard routes rank before it).
          {
            path: 'projects/:id',
            element: (
              <Permitted permission="projects.read">
                <ProjectDetailPage />
              </Permitted>
            ),
          },
          {
            path: 'economy/indicators/:id',
            element: (
              <Permitted permission="economy.read">
                <IndicatorDetailPage />
              </Permitted>
            ),
          },
          {
            path: 'promotion/leads/:id',
            element: (
              <Permitted permission="promotion.read">
                <LeadDetailPage />
              </Permitted>
            ),
          },
          {
            path: 'service/requests/:id',
            element: (
              <Permitted permission="service.read">
                <RequestDetailPage />
              </Permitted>
            ),
          },
          {
            path: 'portal/requests/:id',
            element: (
              <Permitted permission="portal.use">
                <PortalRequestPage />
              </Permitted>
            ),
          },
          // Assessments: a scheme's editor needs assessment.manage; its page and its runs what the menu needs.
          {
            path: 'assessments/schemes/new',
            element: (
              <Permitted permission="assessment.manage">
                <SchemeEditPage />
              </Permitted>
            ),
          },
          {
            path: 'assessments/schemes/:id/edit',
            element: (
              <Permitted permission="assessment.manage">
                <SchemeEditPage />
              </Permitted>
            ),
          },
          {
            path: 'assessments/schemes/:id',
            element: (
              <Permitted permission="assessment.read">
                <SchemePage />
              </Permitted>
            ),
          },
          {
            path: 'assessments/runs/:id',
            element: (
              <Permitted permission="assessment.read">
                <RunPage />
              </Permitted>
            ),
          },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
