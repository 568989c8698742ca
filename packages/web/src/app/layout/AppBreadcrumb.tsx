import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Breadcrumb } from 'antd';
import { HomeOutlined } from '@ant-design/icons';
import { detailCrumb } from './crumbs.ts';
import { menuForPath } from './menu-items.tsx';

export function AppBreadcrumb() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const items: { title: ReactNode }[] = [
    {
      title: (
        <Link to="/">
          <HomeOutlined /> {t('nav.home')}
        </Link>
      ),
    },
  ];
  if (pathname.startsWith('/system/')) items.push({ title: t('nav.system') });
  const menu = menuForPath(pathname);
  const sub = detailCrumb(pathname);
  if (menu && menu.path !== '/') items.push({ title: sub ? <Link to={menu.path}>{t(`menu.${menu.key}`)}</Link> : t(`menu.${menu.key}`) });
  if (sub) items.push({ title: t(sub) });
  else if (pathname === '/notifications') items.push({ title: t('nav.notifications') });
  else if (pathname === '/') items.push({ title: t('menu.workbench') });
  return <Breadcrumb items={items} style={{ marginBottom: 12 }} />;
}
