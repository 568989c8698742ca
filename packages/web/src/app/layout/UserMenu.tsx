import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { App, Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { KeyOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth, useMe } from '../auth.tsx';
import { TotpDisableModal } from '../../modules/auth/TotpDisableModal.tsx';

export function UserMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const me = useMe();
  const { logout } = useAuth();
  const [disabling, setDisabling] = useState(false);

  const items: MenuProps['items'] = [
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: <span data-testid="change-password">{t('header.changePassword')}</span>,
    },
    me.totpEnabled
      ? {
          key: 'totpDisable',
          icon: <SafetyOutlined />,
          label: <span data-testid="totp-disable">{t('header.totpDisable')}</span>,
        }
      : {
          key: 'totpSetup',
          icon: <SafetyOutlined />,
          label: <span data-testid="totp-setup">{t('header.totpSetup')}</span>,
        },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('header.logout')}</span>,
    },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') void navigate('/account/password');
    else if (key === 'totpSetup') void navigate('/account/totp');
    else if (key === 'totpDisable') setDisabling(true);
    else if (key === 'logout') {
      void logout().finally(() => {
        void message.success(t('login.loggedOut'));
        void navigate('/login', { replace: true });
      });
    }
  };

  return (
    <>
      <Dropdown trigger={['click']} menu={{ items, onClick }} placement="bottomRight">
        <Button type="text" data-testid="user-menu" style={{ color: '#fff', height: 40 }}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.25)' }} />
          <span>{me.displayName}</span>
          <span style={{ opacity: 0.7, fontSize: 12 }}>{me.unitName}</span>
        </Button>
      </Dropdown>
      <TotpDisableModal open={disabling} onClose={() => setDisabling(false)} />
    </>
  );
}
