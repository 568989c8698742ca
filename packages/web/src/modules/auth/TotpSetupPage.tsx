// TOTP enrolment: POST /api/auth/totp/setup gives a secret; the first code from the app enables it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Form, Input, Space, Typography } from 'antd';
import type { Me } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { forcedPath, useAuth, useMe } from '../../app/auth.tsx';
import type { TotpSetup } from '../../app/contract.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { AuthCard } from './AuthCard.tsx';
import { SignOutLink } from './SignOutLink.tsx';
import { groupSecret } from './totp-secret.ts';

export default function TotpSetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const me = useMe();
  const { setMe } = useAuth();
  const report = useReportError();
  const [form] = Form.useForm<{ code: string }>();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [busy, setBusy] = useState(false);
  const forced = me.sessionState === 'totpEnrolment';

  const generate = async () => {
    setBusy(true);
    try {
      setSetup(await api.post<TotpSetup>('/api/auth/totp/setup'));
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  const enable = async ({ code }: { code: string }) => {
    setBusy(true);
    try {
      const answer = await api.post<Me>('/api/auth/totp/enable', { code });
      setMe(answer);
      void message.success(t('totp.enabled'));
      void navigate(forcedPath(answer) ?? '/', { replace: true });
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  if (me.totpEnabled && !forced) {
    return (
      <AuthCard title={t('totp.title')}>
        <Alert type="success" showIcon title={t('totp.alreadyEnabled')} style={{ marginBottom: 16 }} />
        <Button onClick={() => void navigate('/')}>{t('common.back')}</Button>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('totp.title')} width={520}>
      {forced && <Alert type="warning" showIcon title={t('totp.forced')} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph>{t('totp.intro')}</Typography.Paragraph>
      {!setup ? (
        <Button type="primary" loading={busy} onClick={() => void generate()} data-testid="totp-generate">
          {t('totp.generate')}
        </Button>
      ) : (
        <>
          <Typography.Text type="secondary">{t('totp.secret')}</Typography.Text>
          <Typography.Paragraph className="zo-mono" copyable={{ text: setup.secret }} style={{ fontSize: 20, letterSpacing: 1 }} data-testid="totp-secret">
            {groupSecret(setup.secret)}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('totp.url')}</Typography.Text>
          <Typography.Paragraph className="zo-mono" copyable style={{ wordBreak: 'break-all', fontSize: 12 }} data-testid="totp-url">
            {setup.otpauthUrl}
          </Typography.Paragraph>
          <Form form={form} layout="inline" onFinish={(v) => void enable(v)}>
            <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpFormat') }]}>
              <Input
                placeholder={t('totp.code')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                style={{ width: 160 }}
                data-testid="totp-code"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="totp-enable">
              {t('totp.enable')}
            </Button>
          </Form>
        </>
      )}
      <Space style={{ marginTop: 16 }}>{forced ? <SignOutLink /> : <Button onClick={() => void navigate(-1)}>{t('common.back')}</Button>}</Space>
    </AuthCard>
  );
}
