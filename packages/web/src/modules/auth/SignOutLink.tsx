import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from 'antd';
import { useAuth } from '../../app/auth.tsx';

/** Lets a user stuck in a forced step leave instead. */
export function SignOutLink() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { logout } = useAuth();
  return (
    <Button type="link" data-testid="logout" onClick={() => void logout().finally(() => void navigate('/login', { replace: true }))}>
      {t('header.logout')}
    </Button>
  );
}
