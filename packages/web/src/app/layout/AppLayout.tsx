// The shell of every signed-in page: side menu, header (zone name, bell, language, user), breadcrumbs.
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { Layout, Space, Typography } from 'antd';
import { PageLoading } from '../results.tsx';
import { AppBreadcrumb } from './AppBreadcrumb.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { SideMenu } from './SideMenu.tsx';
import { UserMenu } from './UserMenu.tsx';

const COLLAPSED_KEY = 'zoneops.siderCollapsed';

function initialCollapsed(): boolean {
  try {
    return localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

export function AppLayout() {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState(initialCollapsed);
  const toggle = (value: boolean) => {
    setCollapsed(value);
    try {
      localStorage.setItem(COLLAPSED_KEY, value ? '1' : '0');
    } catch {
      // not kept: fine
    }
  };

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, color: '#fff', minWidth: 0 }}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <Typography.Text strong ellipsis style={{ color: '#fff', fontSize: 17 }}>
            {t('app.zoneName')} <span style={{ fontWeight: 400, opacity: 0.85 }}>{t('app.name')}</span>
          </Typography.Text>
        </Link>
        <div style={{ flex: 1 }} />
        <Space size={4}>
          <NotificationBell />
          <LanguageSwitch light />
          <UserMenu />
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={208} collapsible collapsed={collapsed} onCollapse={toggle} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <SideMenu />
        </Layout.Sider>
        <Layout.Content style={{ padding: '12px 20px 24px', minWidth: 0 }}>
          <AppBreadcrumb />
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
