// Side-menu entries: the user's menus (me.menus) in catalogue order, each with its icon.
import type { ReactNode } from 'react';
import {
  CarOutlined,
  SwapOutlined,
  FormOutlined,
  IdcardOutlined,
  GatewayOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  FundOutlined,
  TableOutlined,
  FileTextOutlined,
  FileWordOutlined,
  SettingOutlined,
  EnvironmentOutlined,
  ProjectOutlined,
  BookOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  HistoryOutlined,
  KeyOutlined,
  LockOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  TeamOutlined,
  AimOutlined,
  ClusterOutlined,
  CustomerServiceOutlined,
  LinkOutlined,
  PieChartOutlined,
  ShopOutlined,
  UsergroupAddOutlined,
  AlertOutlined,
  WarningOutlined,
  ApiOutlined,
  RadarChartOutlined,
  ExperimentOutlined,
  TrophyOutlined,
  DesktopOutlined,
  FundProjectionScreenOutlined,
} from '@ant-design/icons';
import { menuCatalogue, type MenuKey } from '@zoneops/shared';

export const menuIcons: Record<MenuKey, ReactNode> = {
  workbench: <DashboardOutlined />,
  cockpit: <FundProjectionScreenOutlined />,
  bigScreen: <DesktopOutlined />,
  projects: <ProjectOutlined />,
  battleMap: <EnvironmentOutlined />,
  projectDashboard: <BarChartOutlined />,
  promotionLeads: <AimOutlined />,
  promotionTeams: <UsergroupAddOutlined />,
  promotionChains: <ClusterOutlined />,
  serviceRequests: <CustomerServiceOutlined />,
  servicePairings: <LinkOutlined />,
  serviceMetrics: <PieChartOutlined />,
  portal: <ShopOutlined />,
  safetyMap: <RadarChartOutlined />,
  safetyAlarms: <AlertOutlined />,
  safetyHazards: <WarningOutlined />,
  safetyRegistry: <ExperimentOutlined />,
  safetyIngest: <ApiOutlined />,
  parkVehicles: <CarOutlined />,
  parkPasses: <SwapOutlined />,
  parkAppointments: <FormOutlined />,
  parkRegistry: <IdcardOutlined />,
  parkGeofences: <GatewayOutlined />,
  economy: <FundOutlined />,
  economyFigures: <TableOutlined />,
  economyBulletin: <FileTextOutlined />,
  economySettings: <SettingOutlined />,
  assessments: <TrophyOutlined />,
  supervision: <FileSearchOutlined />,
  rectification: <CheckSquareOutlined />,
  meetings: <ScheduleOutlined />,
  units: <ApartmentOutlined />,
  users: <TeamOutlined />,
  roles: <SafetyCertificateOutlined />,
  enterprises: <BankOutlined />,
  dictionaries: <BookOutlined />,
  calendar: <CalendarOutlined />,
  channels: <NotificationOutlined />,
  documentTemplate: <FileWordOutlined />,
  security: <LockOutlined />,
  apiTokens: <KeyOutlined />,
  audit: <AuditOutlined />,
  loginLog: <HistoryOutlined />,
};

export type MenuEntry = (typeof menuCatalogue)[number];

export function visibleMenus(menus: readonly string[]): MenuEntry[] {
  const granted = new Set(menus);
  return menuCatalogue.filter((m) => granted.has(m.key));
}

/** The menu entry a location belongs to (longest matching path). */
export function menuForPath(pathname: string): MenuEntry | undefined {
  if (pathname === '/') return menuCatalogue.find((m) => m.path === '/');
  return [...menuCatalogue]
    .filter((m) => m.path !== '/' && (pathname === m.path || pathname.startsWith(`${m.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
