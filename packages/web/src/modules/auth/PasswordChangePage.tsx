// Password change: forced after the first sign-in or on expiry (sessionState 'passwordChange'), or chosen by the user.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Form, Input, Space } from 'antd';
import { passwordProblems, defaultPasswordPolicy, type Me } from '@zoneops/shared';
import { api, isApiError } from '../../app/api.ts';
import { forcedPath, useMe, useAuth } from '../../app/auth.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useErrorText } from '../../app/use-report-error.ts';
import { AuthCard } from './AuthCard.tsx';
import { SignOutLink } from './SignOutLink.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function PasswordChangePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const me = useMe();
  const { setMe } = useAuth();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const forced = me.sessionState === 'passwordChange';

  const submit = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      const answer = await api.post<Me>('/api/auth/password', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      setMe(answer);
      void message.success(t('password.changed'));
      void navigate(forcedPath(answer) ?? '/', { replace: true });
    } catch (err) {
      if (isApiError(err, 'INVALID_CREDENTIALS')) form.setFields([{ name: 'currentPassword', errors: [errorText(err)] }]);
      else if (isApiError(err, 'PASSWORD_POLICY') || isApiError(err, 'PASSWORD_REUSED')) {
        form.setFields([{ name: 'newPassword', errors: [errorText(err)] }]);
      }
      setError(errorText(err));
    } finally {
      setSubmitting(false);
    }
  };

  // The client checks the default policy only as a hint; the server applies the configured one.
  const policyRule = {
    validator: async (_: unknown, value: string | undefined) => {
      if (!value) return;
      const problems = passwordProblems(value, defaultPasswordPolicy, me.username);
      if (problems.length) throw new Error(problems.map((p) => t(`password.problems.${p}`)).join('; '));
    },
  };

  return (
    <AuthCard title={t('password.title')} width={440}>
      {forced && <Alert type="warning" showIcon title={t('password.forced')} style={{ marginBottom: 12 }} />}
      <Alert type="info" title={t('password.policyHint')} style={{ marginBottom: 12 }} data-testid="password-policy" />
      {me.passwordExpiresAt && !forced && (
        <Alert type="info" title={t('password.expiresAt', { time: formatDateTime(me.passwordExpiresAt, false) })} style={{ marginBottom: 12 }} />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="password-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, message: t('common.required') }, policyRule]} hasFeedback>
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          hasFeedback
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: async (_, value) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          {forced ? <SignOutLink /> : <Button onClick={() => void navigate(-1)}>{t('common.back')}</Button>}
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="password-submit">
            {t('common.submit')}
          </Button>
        </Space>
      </Form>
    </AuthCard>
  );
}
