import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Menu } from 'antd';
import { useMe } from '../auth.tsx';
import { menuForPath, menuIcons, visibleMenus } from './menu-items.tsx';

export function SideMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();
  const selected = menuForPath(pathname)?.key;
  return (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      style={{ borderInlineEnd: 'none' }}
      items={visibleMenus(me.menus).map((m) => ({
        key: m.key,
        icon: menuIcons[m.key],
        label: (
          <Link to={m.path} data-testid={`menu-${m.key}`}>
            {t(`menu.${m.key}`)}
          </Link>
        ),
      }))}
    />
  );
}
