// Sign-in: user name and password, then the TOTP code when the server asks for it (TOTP_REQUIRED).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import type { Me } from '@zoneops/shared';
import { api, isApiError } from '../../app/api.ts';
import { forcedPath, useAuth } from '../../app/auth.tsx';
import { takeNextPath } from '../../app/guards.tsx';
import { useErrorText } from '../../app/use-report-error.ts';
import { AuthCard } from './AuthCard.tsx';

interface LoginValues {
  username: string;
  password: string;
  totp?: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { me, setMe } = useAuth();
  const errorText = useErrorText();
  const [form] = Form.useForm<LoginValues>();
  const [needTotp, setNeedTotp] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [signedIn, setSignedIn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const expired = params.get('expired') === '1';

  if (me && !signedIn) return <Navigate to={forcedPath(me) ?? '/'} replace />;

  const submit = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      const body = {
        username: values.username.trim(),
        password: values.password,
        totp: needTotp ? values.totp : undefined,
      };
      const answer = await api.post<Me>('/api/auth/login', body, { noAuthRedirect: true });
      setSignedIn(true);
      setMe(answer);
      void navigate(forcedPath(answer) ?? takeNextPath(), { replace: true });
    } catch (err) {
      if (isApiError(err, 'TOTP_REQUIRED')) {
        setNeedTotp(true);
      } else {
        if (isApiError(err, 'TOTP_INVALID')) form.setFieldValue('totp', '');
        setError(errorText(err));
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthCard title={t('login.title')}>
      {expired && !error && <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
      {needTotp && !error && <Alert type="info" showIcon title={t('login.totpHint')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} size="large">
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        {needTotp && (
          <Form.Item name="totp" label={t('login.totp')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpFormat') }]}>
            <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus data-testid="login-totp" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
